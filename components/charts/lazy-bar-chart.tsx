"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import type { BarChartProps } from "./bar-chart";

// recharts draws nothing on the server (ResponsiveContainer measures the browser's box), so its code is
// loaded only in the browser, as its own chunk after the page has hydrated: the page's first paint and
// interactivity do not wait for it (Lighthouse TBT on the dashboard: see docs/reliability.md).
const RechartsBarChart = lazy(() => import("./recharts-bar-chart"));

const subscribe = () => () => {};

/** false on the server and while hydrating, true once the page runs in the browser. */
function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function LazyBarChart(props: BarChartProps) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <Suspense fallback={null}>
      <RechartsBarChart {...props} />
    </Suspense>
  );
}
