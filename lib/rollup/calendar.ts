import "server-only";
import { SYSTEM, withActor } from "@/lib/db";
import { romeToday } from "@/lib/format";

// The roll-up's facts are maintained in every writing transaction (migration incremental_rollup). The
// calendar is the one thing that changes them without a write: an open action becomes overdue when Rome's
// day passes its due date. rollup_calendar_tick() recomputes, once per Rome day, the projects whose open
// actions fell due since the last run (advisory lock: of all instances calling it, one runs).

/** Runs the calendar job for `today` (Rome's date by default; a parameter for the tests). */
export async function rollupCalendarTick(today?: string): Promise<number | null> {
  const [row] = await withActor(SYSTEM, (tx) =>
    today
      ? tx.$queryRaw<{ n: number | null }[]>`SELECT rollup_calendar_tick(${today}::date) AS n`
      : tx.$queryRaw<{ n: number | null }[]>`SELECT rollup_calendar_tick() AS n`,
  );
  return row?.n ?? null;
}

/**
 * Folds the roll-up summaries' delta rows into their base rows (migration rollup_summaries): writers only
 * append deltas, so that two writers of one key never wait for each other; readers sum them, and fewer
 * rows read faster. Returns the delta rows folded, null when another instance is running it.
 */
export async function compactRollupSummaries(): Promise<number | null> {
  const [row] = await withActor(
    SYSTEM,
    (tx) => tx.$queryRaw<{ n: number | null }[]>`SELECT rollup_summary_compact() AS n`,
  );
  return row?.n ?? null;
}

function compactQuietly(): void {
  compactRollupSummaries().catch((e: unknown) => console.error("Roll-up summary compaction failed", e));
}

const state = globalThis as unknown as {
  rollupCalendar?: {
    timer: ReturnType<typeof setInterval> | null;
    day: string | null;
    running: Promise<void> | null;
  };
};

/**
 * Called at each roll-up view and every minute by each server process: when Rome's day changed since this
 * process last ran the job, runs it (a cheap no-op when another instance already did). The promise settles
 * when the job is done, so the first view of a day counts the actions that fell due overnight.
 */
export function checkRollupCalendar(): Promise<void> {
  state.rollupCalendar ??= { timer: null, day: null, running: null };
  const s = state.rollupCalendar;
  const today = romeToday();
  if (s.day === today) return s.running ?? Promise.resolve();
  s.day = today;
  s.running = rollupCalendarTick()
    .then(() => undefined)
    .catch((e: unknown) => {
      s.day = null; // try again at the next check
      console.error("Roll-up calendar job failed", e);
    })
    .finally(() => {
      s.running = null;
    });
  return s.running;
}

/** Starts the per-minute check and compaction (instrumentation.ts, once per server process). */
export function startRollupCalendar(intervalMs = 60_000): void {
  state.rollupCalendar ??= { timer: null, day: null, running: null };
  if (state.rollupCalendar.timer) return;
  state.rollupCalendar.timer = setInterval(() => {
    void checkRollupCalendar();
    compactQuietly();
  }, intervalMs);
  state.rollupCalendar.timer.unref?.();
  void checkRollupCalendar();
}
