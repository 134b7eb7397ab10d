import "server-only";
import type { Tx } from "@/lib/db";
import { invalidField } from "@/lib/validation/parse";
import type { ProjectData } from "@/lib/validation/schemas";

export const PARTNER_NOT_MEMBER = "Scegli come partner solo comuni aderenti al programma.";

/** Checks the project's references: an active stream (or the one it already has), a Smart Land, member partners. */
export async function checkProjectReferences(
  tx: Tx,
  ownerIstat: string,
  data: Pick<ProjectData, "streamId" | "smartLandId" | "partnerIstat">,
  currentStreamId?: string,
) {
  const stream = await tx.stream.findUnique({ where: { id: data.streamId }, select: { archived: true } });
  if (!stream || (stream.archived && data.streamId !== currentStreamId)) {
    throw invalidField("streamId", "Scegli un filone di intervento attivo.");
  }
  if (data.smartLandId) {
    const sl = await tx.smartLand.findUnique({ where: { id: data.smartLandId }, select: { id: true } });
    if (!sl) throw invalidField("smartLandId", "Scegli una Smart Land valida.");
  }
  const partners = [...new Set(data.partnerIstat)];
  if (partners.includes(ownerIstat)) {
    throw invalidField("partnerIstat", "Il comune titolare non può essere anche partner.");
  }
  if (partners.length) {
    // The comuni the form offers: members of the programme (the database refuses any other, too).
    const found = await tx.comune.findMany({ where: { istat: { in: partners } }, select: { member: true } });
    if (found.length !== partners.length) {
      throw invalidField("partnerIstat", "Uno dei comuni partner non esiste.");
    }
    if (found.some((c) => !c.member)) throw invalidField("partnerIstat", PARTNER_NOT_MEMBER);
  }
  return partners;
}
