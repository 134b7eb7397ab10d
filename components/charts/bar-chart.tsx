// A bar chart drawn on the server in HTML and CSS: no JavaScript reaches the browser, nothing to hydrate,
// nothing shifts when it loads, and the text keeps the page's size at any width. (It replaced a recharts
// client component that cost about a second of main-thread work per page in Lighthouse.) Each bar names
// its category, series and value in its tooltip; the page renders the same data as a table right after the
// chart, which is the accessible alternative (the chart itself is one image for assistive technology).
import { Fragment } from "react";
import { formatEuro, formatNumber } from "@/lib/format";

export type Series = { key: string; label: string; color: string };

// Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 contrast against white.
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

const compactEuro = new Intl.NumberFormat("it-IT", {
  notation: "compact",
  style: "currency",
  currency: "EUR",
});

/** 0 and evenly spaced round limits up to at least `max` (steps of 1, 2 or 5 × 10^n; whole for counts). */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, step);
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, k) => Number((k * step).toPrecision(12)));
}

const DASHED = "border-dashed border-slate-300";

/** A bar chart; the page renders the same data as a table right after it (the accessible alternative). */
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
  const valueOf = (row: Record<string, string | number>, key: string) => {
    const v = Number(row[key]);
    return Number.isFinite(v) && v > 0 ? v : 0;
  };
  const ticks = niceTicks(
    Math.max(0, ...props.data.flatMap((row) => props.series.map((s) => valueOf(row, s.key)))),
    4,
    props.format === "number",
  );
  const top = ticks[ticks.length - 1];
  const share = (v: number) => `${(v / top) * 100}%`;
  const bars = (row: Record<string, string | number>, vertical: boolean) =>
    props.series.map((s) => {
      const v = valueOf(row, s.key);
      return (
        <div
          key={s.key}
          title={`${row[props.categoryKey]} · ${s.label}: ${fmt(v)}`}
          className={vertical ? "h-3" : "max-w-4 min-w-0 flex-1"}
          style={{ [vertical ? "width" : "height"]: share(v), backgroundColor: s.color }}
        />
      );
    });

  return (
    <div
      role="img"
      aria-describedby={props.describedBy}
      aria-label="Grafico: i valori sono nella tabella che segue"
      className="text-xs text-slate-700"
    >
      {props.layout === "vertical" ? (
        // Categories down the side, one horizontal bar per series.
        <div className="grid grid-cols-[10rem_1fr] gap-x-2 pr-8">
          {props.data.map((row, i) => (
            <Fragment key={`${row[props.categoryKey]}-${i}`}>
              <div className="self-center truncate text-right" title={String(row[props.categoryKey])}>
                {row[props.categoryKey]}
              </div>
              <div className="relative border-l border-slate-500 py-1.5">
                {ticks.slice(1).map((t) => (
                  <span
                    key={t}
                    className={`absolute inset-y-0 border-l ${DASHED}`}
                    style={{ left: share(t) }}
                  />
                ))}
                <div className="relative space-y-0.5">{bars(row, true)}</div>
              </div>
            </Fragment>
          ))}
          <div />
          <div className="relative h-5 border-t border-slate-500">
            {ticks.map((t) => (
              <span
                key={t}
                className="absolute top-1 -translate-x-1/2 whitespace-nowrap"
                style={{ left: share(t) }}
              >
                {tick(t)}
              </span>
            ))}
          </div>
        </div>
      ) : (
        // Categories along the bottom, one column per series.
        <div className="flex pt-2">
          <div className="relative w-20 shrink-0" style={{ height: (props.height ?? 280) - 60 }}>
            {ticks.map((t) => (
              <span
                key={t}
                className="absolute right-2 translate-y-1/2 whitespace-nowrap"
                style={{ bottom: share(t) }}
              >
                {tick(t)}
              </span>
            ))}
          </div>
          <div className="min-w-0 flex-1 pr-4">
            <div
              className="relative flex border-b border-l border-slate-500"
              style={{ height: (props.height ?? 280) - 60 }}
            >
              {ticks.slice(1).map((t) => (
                <span
                  key={t}
                  className={`absolute inset-x-0 border-t ${DASHED}`}
                  style={{ bottom: share(t) }}
                />
              ))}
              {props.data.map((row, i) => (
                <div
                  key={`${row[props.categoryKey]}-${i}`}
                  className="relative flex min-w-0 flex-1 items-end justify-center gap-px px-0.5"
                >
                  {bars(row, false)}
                </div>
              ))}
            </div>
            <div className="flex pt-1">
              {props.data.map((row, i) => (
                <div key={`${row[props.categoryKey]}-${i}`} className="flex-1 truncate text-center">
                  {row[props.categoryKey]}
                </div>
              ))}
            </div>
          </div>
        </div>
      )}
      {props.series.length > 1 ? (
        <ul className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
          {props.series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span className="inline-block h-3 w-3" style={{ backgroundColor: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
