import { LazyBarChart } from "./lazy-bar-chart";

export type Series = { key: string; label: string; color: string };

// Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 contrast against white.
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

export type BarChartProps = {
  data: Record<string, string | number>[];
  categoryKey: string;
  series: Series[];
  format: "euro" | "number";
  layout?: "horizontal" | "vertical";
  height?: number;
  describedBy?: string;
};

/**
 * A recharts bar chart; the page renders the same data as a table right after it (the accessible
 * alternative); without data there is no chart. The box keeps the chart's height from the first paint, so nothing shifts when it draws.
 */
export function BarChartCard(props: BarChartProps) {
  // Nothing to draw: no chart is announced (the table that follows says «Nessun…»).
  if (props.data.length === 0) return null;
  const height = props.height ?? 280;
  return (
    <div
      role="img"
      aria-describedby={props.describedBy}
      aria-label="Grafico: i valori sono nella tabella che segue"
      style={{ height }}
    >
      <LazyBarChart {...props} height={height} />
    </div>
  );
}
