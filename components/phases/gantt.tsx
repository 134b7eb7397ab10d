// A Gantt-style timeline drawn as SVG, one row per line (a phase, or a project with its phases): the planned
// span as a light outlined bar, the actual span as a filled bar on top (to today while running), late ones in
// red and named so in text, today as a vertical line. Each row is an image with a text alternative listing its
// bars; the same data is in a table next to it. The chart scrolls inside a focusable region on a phone.
import Link from "next/link";
import { formatIsoDate, LATE_PHASE_STATES, PHASE_STATE_LABELS, type PhaseState } from "@/lib/format/phases";

export type GanttBar = {
  key: string;
  label: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  state: PhaseState;
};

export type GanttRow = { key: string; label: string; href?: string; bars: GanttBar[] };

const WIDTH = 720;
const ROW = 28;
const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The span shown: every date of every bar and today, widened to whole months. */
function span(rows: GanttRow[], today: string): [number, number] {
  const all = rows.flatMap((r) =>
    r.bars.flatMap((b) => [b.plannedStart, b.plannedEnd, b.actualStart, b.actualEnd]).filter(Boolean),
  ) as string[];
  all.push(today);
  const min = new Date(Math.min(...all.map(ms)));
  const max = new Date(Math.max(...all.map(ms)));
  const from = Date.UTC(min.getUTCFullYear(), min.getUTCMonth(), 1);
  const to = Date.UTC(max.getUTCFullYear(), max.getUTCMonth() + 1, 1);
  return [from, Math.max(to, from + 31 * DAY)];
}

export function barText(b: GanttBar): string {
  const planned =
    b.plannedStart || b.plannedEnd
      ? `previsto ${formatIsoDate(b.plannedStart)} – ${formatIsoDate(b.plannedEnd)}`
      : "non pianificata";
  const actual = b.actualStart
    ? `, effettivo ${formatIsoDate(b.actualStart)} – ${b.actualEnd ? formatIsoDate(b.actualEnd) : "in corso"}`
    : "";
  return `${b.label}: ${planned}${actual}; ${PHASE_STATE_LABELS[b.state].toLowerCase()}`;
}

function Axis(props: { from: number; to: number; x: (t: number) => number }) {
  const ticks: { t: number; label: string }[] = [];
  const months = (props.to - props.from) / (30 * DAY);
  const step = months > 36 ? 12 : months > 12 ? 3 : 1;
  const d = new Date(props.from);
  for (let m = 0; ; m += step) {
    const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1);
    if (t > props.to) break;
    const date = new Date(t);
    ticks.push({ t, label: `${String(date.getUTCMonth() + 1).padStart(2, "0")}/${date.getUTCFullYear()}` });
  }
  return (
    <svg viewBox={`0 0 ${WIDTH} 20`} width={WIDTH} height={20} aria-hidden="true" className="block">
      {ticks.map((tick) => (
        <text key={tick.t} x={props.x(tick.t) + 2} y={14} fontSize={10} fill="#334155">
          {tick.label}
        </text>
      ))}
    </svg>
  );
}

export function Gantt(props: { label: string; rows: GanttRow[]; today: string }) {
  const [from, to] = span(props.rows, props.today);
  const x = (t: number) => ((t - from) / (to - from)) * WIDTH;
  const todayX = x(ms(props.today));
  const todayEnd = ms(props.today) + DAY;
  return (
    <div
      role="region"
      aria-label={props.label}
      tabIndex={0}
      className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white p-2"
    >
      <div className="min-w-max">
        <div className="flex">
          <div className="w-48 shrink-0 text-xs font-medium text-slate-700">
            Oggi: {formatIsoDate(props.today)}
          </div>
          <Axis from={from} to={to} x={x} />
        </div>
        <ul className="divide-y divide-slate-100">
          {props.rows.map((row) => {
            const alt = `${row.label}. ${
              row.bars
                .filter((b) => b.state !== "UNPLANNED")
                .map(barText)
                .join(". ") || "Nessuna fase pianificata"
            }.`;
            return (
              <li key={row.key} className="flex items-center">
                <div className="w-48 shrink-0 truncate pr-2 text-sm" title={row.label}>
                  {row.href ? <Link href={row.href}>{row.label}</Link> : row.label}
                </div>
                <svg
                  viewBox={`0 0 ${WIDTH} ${ROW}`}
                  width={WIDTH}
                  height={ROW}
                  role="img"
                  aria-label={alt}
                  className="block"
                >
                  {row.bars.map((b) => {
                    const late = LATE_PHASE_STATES.includes(b.state);
                    const ps = b.plannedStart ?? b.plannedEnd;
                    const pe = b.plannedEnd ?? b.plannedStart;
                    const ae = b.actualEnd ? ms(b.actualEnd) + DAY : todayEnd;
                    return (
                      <g key={b.key}>
                        <title>{barText(b)}</title>
                        {ps && pe ? (
                          <rect
                            x={x(ms(ps))}
                            y={4}
                            width={Math.max(2, x(ms(pe) + DAY) - x(ms(ps)))}
                            height={ROW - 8}
                            rx={3}
                            fill={late ? "#fee2e2" : "#e2e8f0"}
                            stroke={late ? "#b91c1c" : "#64748b"}
                            strokeWidth={1}
                          />
                        ) : null}
                        {b.actualStart ? (
                          <rect
                            x={x(ms(b.actualStart))}
                            y={9}
                            width={Math.max(2, x(ae) - x(ms(b.actualStart)))}
                            height={ROW - 18}
                            rx={2}
                            fill={late ? "#b91c1c" : "#1d4ed8"}
                          />
                        ) : null}
                      </g>
                    );
                  })}
                  <line x1={todayX} x2={todayX} y1={0} y2={ROW} stroke="#0f172a" strokeDasharray="3 2" />
                </svg>
              </li>
            );
          })}
        </ul>
        <p className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700">
          <span>
            <span
              aria-hidden="true"
              className="mr-1 inline-block h-3 w-5 rounded-sm border border-slate-500 bg-slate-200 align-middle"
            />
            Previsto
          </span>
          <span>
            <span
              aria-hidden="true"
              className="mr-1 inline-block h-2 w-5 rounded-sm bg-blue-700 align-middle"
            />
            Effettivo
          </span>
          <span>
            <span
              aria-hidden="true"
              className="mr-1 inline-block h-3 w-5 rounded-sm border border-red-700 bg-red-100 align-middle"
            />
            In ritardo
          </span>
          <span>
            <span
              aria-hidden="true"
              className="mr-1 inline-block h-3 w-0 border-l border-dashed border-slate-900 align-middle"
            />
            Oggi
          </span>
        </p>
      </div>
    </div>
  );
}
