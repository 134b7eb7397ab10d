import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { sharedLru } from "@/lib/cache/lru";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** An officer opens only their own comune; coordinators and administrators open any. */
export async function getComuneForActor(actor: Actor, istat: string) {
  const allowed = actor.role === "OFFICER" ? actor.comuneIstat === istat : can(actor, "projects.read");
  if (!allowed || !/^\d{6}$/.test(istat)) throw notFound();
  const hit = comuni.get(istat);
  if (hit && hit.at > Date.now() - COMUNE_TTL_MS) return hit.comune;
  const comune = await loadComune(actor, istat);
  if (!comune) throw notFound();
  comuni.set(istat, { comune, at: Date.now() });
  return comune;
}

// Reference data of a comune (name, province, Smart Lands) changes rarely; the access decision above is
// made on every call, only the lookup is cached.
const COMUNE_TTL_MS = 60_000;
type ComuneWithArea = NonNullable<Awaited<ReturnType<typeof loadComune>>>;
const comuni = sharedLru<{ comune: ComuneWithArea; at: number }>("comune", 2_000);

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

/** Drops a comune's cached reference data in this process (after its Smart Lands or state change). */
export function forgetComune(istat: string) {
  comuni.delete(istat);
}
