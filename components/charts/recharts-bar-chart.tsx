"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatEuro, formatNumber } from "@/lib/format";
import { formatCompactEuro } from "@/lib/format/compact";
import type { BarChartProps } from "./bar-chart";

/** The recharts drawing of a BarChartCard (loaded in the browser only, see bar-chart.tsx). */
export default function RechartsBarChart(props: BarChartProps) {
  const fmt = (v: number) => (props.format === "euro" ? formatEuro(v) : formatNumber(v));
  const tick = (v: number) => (props.format === "euro" ? formatCompactEuro(v) : formatNumber(v));
  const vertical = props.layout === "vertical";
  return (
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
  );
}
