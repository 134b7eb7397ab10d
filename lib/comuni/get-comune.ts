import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** An officer opens only their own comune; coordinators and administrators open any. */
export async function getComuneForActor(actor: Actor, istat: string) {
  const allowed = actor.role === "OFFICER" ? actor.comuneIstat === istat : can(actor, "projects.read");
  if (!allowed || !/^\d{6}$/.test(istat)) throw notFound();
  const comune = await withActor(actor, (tx) =>
    tx.comune.findUnique({
      where: { istat },
      include: {
        province: true,
        smartLands: { include: { smartLand: { select: { id: true, name: true, phase: true, slug: true } } } },
      },
    }),
  );
  if (!comune) throw notFound();
  return comune;
}
