// Counts printed with their noun, in Italian: "1 intervento", "2 interventi", "1.234 interventi".
import { formatNumber } from "./index";

/** `n` formatted Italian-style followed by the singular (n = 1) or the plural noun. */
export function plural(n: number, singular: string, pluralForm: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`;
}
