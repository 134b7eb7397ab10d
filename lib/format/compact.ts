// Compact Italian amounts for chart axes, one consistent scale: "500 €", "650 mila €", "1,2 Mln €", "3 Mld €".
// (Intl's compact notation mixes "650K €" with "1,2 Mln €" depending on the engine.)
import { formatNumber } from "./index";

const SCALES = [
  { from: 1e9, unit: "Mld" },
  { from: 1e6, unit: "Mln" },
  { from: 1e3, unit: "mila" },
] as const;

/** A euro amount for a chart's axis: at most one decimal, with "mila", "Mln" or "Mld". */
export function formatCompactEuro(value: number): string {
  const abs = Math.abs(value);
  const scale = SCALES.find((s) => abs >= s.from);
  const shown = scale ? value / scale.from : value;
  const number = formatNumber(shown, { maximumFractionDigits: scale ? 1 : 0 });
  return scale ? `${number} ${scale.unit} €` : `${number} €`;
}
