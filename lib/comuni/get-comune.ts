import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { sharedLru } from "@/lib/cache/lru";
import { readRows, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** An officer opens only their own comune; coordinators and administrators open any. */
export async function getComuneForActor(actor: Actor, istat: string) {
  return (await getComuneWithRevision(actor, istat)).comune;
}

/**
 * The comune (as getComuneForActor) and the key of its current database revision, for callers that cache
 * figures of that comune too (the dashboard): one revision lookup per request serves both caches.
 */
export async function getComuneWithRevision(actor: Actor, istat: string) {
  // The comune's pages show its projects: `projects.read` for that comune (an officer's own only; being a
  // partner in one of its projects opens that project, not the comune).
  if (!can(actor, "projects.read", istat) || !/^\d{6}$/.test(istat)) throw notFound();
  // Keyed by the comune's revision, which triggers bump in the writing transaction (state, Smart Lands,
  // their names, its projects and their children: migrations 20261125000600/800), so a change made through
  // any app instance is seen by every instance at the next request, not when a per-process timer runs out.
  const [row] = await readRows<{ rev: string; database: string }>(
    `SELECT COALESCE((SELECT rev FROM "ComuneRevision" WHERE "comuneIstat" = $1), 0)::text AS rev,
            current_database()::text AS database`,
    [istat],
  );
  const revisionKey = `${row.database}:${istat}:${row.rev}`;
  const hit = comuni.get(revisionKey);
  if (hit) return { comune: hit, revisionKey };
  const comune = await loadComune(actor, istat);
  if (!comune) throw notFound();
  comuni.set(revisionKey, comune);
  return { comune, revisionKey };
}

// Reference data of a comune (name, province, Smart Lands) changes rarely; the access decision above is
// made on every call, only the lookup is cached.
export type ComuneWithArea = NonNullable<Awaited<ReturnType<typeof loadComune>>>;
const comuni = sharedLru<ComuneWithArea>("comune", 2_000);

function loadComune(actor: Actor, istat: string) {
  return withActor(actor, (tx) =>
    tx.comune.findUnique({
      where: { istat },
      include: {
        province: true,
        smartLands: { include: { smartLand: { select: { id: true, name: true, phase: true, slug: true } } } },
      },
    }),
  );
}
