import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inOrder, withActor } from "@/lib/db";

/**
 * The active streams only, for the project list's filter and the import page: the form's other choices
 * include every member comune as a possible partner (1,502 at Lombardy scale), read and thrown away there.
 */
export async function getStreamOptions(actor: Actor) {
  const streams = await withActor(actor, (tx) =>
    tx.stream.findMany({
      where: { archived: false },
      orderBy: { code: "asc" },
      select: { id: true, code: true, name: true },
    }),
  );
  return streams.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }));
}

/** Choices for the project form: active streams (plus the current one), Smart Lands, partner comuni. */
export async function getProjectFormOptions(actor: Actor, ownerIstat: string, currentStreamId?: string) {
  return withActor(actor, async (tx) => {
    const [streams, smartLands, members] = await inOrder([
      tx.stream.findMany({
        where: { OR: [{ archived: false }, ...(currentStreamId ? [{ id: currentStreamId }] : [])] },
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true },
      }),
      tx.smartLand.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, phase: true } }),
      tx.comune.findMany({
        where: { member: true, istat: { not: ownerIstat } },
        orderBy: { name: "asc" },
        select: { istat: true, name: true },
      }),
    ]);
    return {
      streams: streams.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
      smartLands: smartLands.map((s) => ({ value: s.id, label: `${s.name} – ${s.phase}` })),
      partnerOptions: members.map((c) => ({ value: c.istat, label: c.name })),
    };
  });
}
