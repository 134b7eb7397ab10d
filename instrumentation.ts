// Next.js calls register() once when a server process starts (each worker of scripts/serve.mjs).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The roll-up's calendar job: overdue actions at Rome's midnight (lib/rollup/calendar.ts).
  const { startRollupCalendar } = await import("@/lib/rollup/calendar");
  startRollupCalendar();
}
