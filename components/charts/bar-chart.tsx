"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatEuro, formatNumber } from "@/lib/format";

export type Series = { key: string; label: string; color: string };

// Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 contrast against white.
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

const compactEuro = new Intl.NumberFormat("it-IT", {
  notation: "compact",
  style: "currency",
  currency: "EUR",
});

/** A recharts bar chart; the page renders the same data as a table right after it (the accessible alternative). */
export function BarChartCard(props: {
  data: Record<string, string | number>[];
  categoryKey: string;
  series: Series[];
  format: "euro" | "number";
  layout?: "horizontal" | "vertical";
  height?: number;
  describedBy?: string;
}) {
  const fmt = (v: number) => (props.format === "euro" ? formatEuro(v) : formatNumber(v));
  const tick = (v: number) => (props.format === "euro" ? compactEuro.format(v) : formatNumber(v));
  const vertical = props.layout === "vertical";
  return (
    <div
      role="img"
      aria-describedby={props.describedBy}
      aria-label="Grafico: i valori sono nella tabella che segue"
    >
      <ResponsiveContainer width="100%" height={props.height ?? 280}>
        <BarChart
          data={props.data}
          layout={vertical ? "vertical" : "horizontal"}
          margin={{ left: 8, right: 16 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {vertical ? (
            <>
              <XAxis type="number" tickFormatter={tick} />
              <YAxis type="category" dataKey={props.categoryKey} width={160} tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey={props.categoryKey} tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={tick} width={80} />
            </>
          )}
          <Tooltip formatter={(v) => fmt(Number(v))} />
          {props.series.length > 1 ? <Legend /> : null}
          {props.series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
