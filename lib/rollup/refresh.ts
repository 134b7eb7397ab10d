import "server-only";
import { SYSTEM, withActor } from "@/lib/db";

/** How long after a write the roll-up's fact views are refreshed (several writes share one refresh). */
export const REFRESH_DELAY_MS = Number(process.env.ROLLUP_REFRESH_DELAY_MS ?? 30_000);

/** Refreshes the roll-up now (skipped if another instance is already refreshing). */
export async function refreshRollup(): Promise<boolean> {
  const [row] = await withActor(
    SYSTEM,
    (tx) => tx.$queryRaw<{ refreshed: boolean }[]>`SELECT refresh_rollup() AS refreshed`,
    {
      timeout: 120_000,
    },
  );
  return row?.refreshed ?? false;
}

const state = globalThis as unknown as { rollupTimer?: ReturnType<typeof setTimeout> | null };

/** Called after every committed write: the regional figures catch up within REFRESH_DELAY_MS. */
export function scheduleRollupRefresh(): void {
  if (state.rollupTimer || REFRESH_DELAY_MS < 0) return;
  state.rollupTimer = setTimeout(() => {
    state.rollupTimer = null;
    refreshRollup().catch((e) => console.error("Roll-up refresh failed", e));
  }, REFRESH_DELAY_MS);
  state.rollupTimer.unref?.();
}
