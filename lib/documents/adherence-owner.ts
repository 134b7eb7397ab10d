import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { DocumentOwner } from "./owners";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The act of adherence of comune `istat` to Smart Land `slug` as a document owner. NOT_FOUND when the
 * actor may not read the comune's adherence (another comune's officer), the comune is no member or has
 * recorded no act yet. The document guards (owners.ts) check the owner again, under RLS.
 */
export async function adherenceOwner(actor: Actor, istat: string, slug: string): Promise<DocumentOwner> {
  if (!/^[0-9]{6}$/.test(istat) || !SLUG.test(slug) || !can(actor, "adherence.read", istat)) throw notFound();
  const act = await withActor(actor, (tx) =>
    tx.adherence.findFirst({
      where: { comuneIstat: istat, member: { smartLand: { slug } } },
      select: { id: true },
    }),
  );
  if (!act) throw notFound();
  return { kind: "ADHERENCE", id: act.id };
}

/**
 * The act's live documents for the act and plan pages: [] when the act is not recorded yet; NOT_FOUND when
 * the actor may not read the comune's adherence.
 */
export async function listAdherenceDocuments(actor: Actor, istat: string, slug: string) {
  if (!/^[0-9]{6}$/.test(istat) || !SLUG.test(slug) || !can(actor, "adherence.read", istat)) throw notFound();
  return withActor(actor, async (tx) => {
    const act = await tx.adherence.findFirst({
      where: { comuneIstat: istat, member: { smartLand: { slug } } },
      select: { id: true },
    });
    if (!act || !can(actor, "documents.read", istat)) return [];
    return tx.document.findMany({
      where: { ownerKind: "ADHERENCE", ownerId: act.id, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        fileName: true,
        mediaType: true,
        size: true,
        uploadedBy: true,
        createdAt: true,
        version: true,
      },
    });
  });
}

export type AdherenceDocumentRow = Awaited<ReturnType<typeof listAdherenceDocuments>>[number];
