"use client";

import dynamic from "next/dynamic";
import type { BarChartProps } from "./bar-chart";

// recharts draws nothing on the server (ResponsiveContainer measures the browser's box), so its code is
// loaded only in the browser, as its own chunk after the page has hydrated: the page's first paint and
// interactivity do not wait for it (Lighthouse TBT on the dashboard: see docs/reliability.md).
const RechartsBarChart = dynamic(() => import("./recharts-bar-chart"), { ssr: false });

export function LazyBarChart(props: BarChartProps) {
  return <RechartsBarChart {...props} />;
}
