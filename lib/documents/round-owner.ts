import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { SubmissionStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import type { DocumentOwner } from "./owners";

export const ROUND_DOCUMENTS_LOCKED =
  "La trasmissione non è modificabile (già inviata, validata o rilevazione chiusa): i documenti non si possono più allegare né eliminare.";

const EDITABLE: SubmissionStatus[] = ["NOT_STARTED", "IN_PROGRESS", "RETURNED"];

type Scope = { roundId: string; istat: string };

async function submissionOf(actor: Actor, { roundId, istat }: Scope) {
  if (!/^[0-9]{6}$/.test(istat) || !isUuid(roundId) || !can(actor, "rounds.read", istat)) throw notFound();
  const s = await withActor(
    actor,
    (tx) =>
      tx.roundSubmission.findUnique({
        where: { roundId_comuneIstat: { roundId, comuneIstat: istat } },
        select: { id: true, status: true, round: { select: { state: true } } },
      }),
    { readOnly: true },
  );
  if (!s) throw notFound();
  return { id: s.id, editable: s.round.state === "OPEN" && EDITABLE.includes(s.status) };
}

/**
 * Comune `istat`'s submission to round `roundId` as a document owner. NOT_FOUND for another comune's
 * officer or a comune outside the round. `write`: attaching and deleting, only while the submission is
 * editable (the round open; not started, in progress or returned) — CONFLICT otherwise, for the comune's
 * officers (anyone else gets the document guards' NOT_FOUND). The guards (owners.ts) check again, under RLS.
 */
export async function roundSubmissionOwner(
  actor: Actor,
  scope: Scope,
  mode: "read" | "write" = "read",
): Promise<DocumentOwner> {
  const s = await submissionOf(actor, scope);
  if (mode === "write" && !s.editable && can(actor, "documents.write", scope.istat))
    throw new AppError("CONFLICT", ROUND_DOCUMENTS_LOCKED);
  return { kind: "ROUND_SUBMISSION", id: s.id };
}

/**
 * The submission's live documents for the checklist and review pages, and whether the actor may attach
 * more now (`canUpload`: the comune's officers while the submission is editable).
 */
export async function listRoundSubmissionDocuments(actor: Actor, scope: Scope) {
  const s = await submissionOf(actor, scope);
  const documents = can(actor, "documents.read", scope.istat)
    ? await withActor(
        actor,
        (tx) =>
          tx.document.findMany({
            where: { ownerKind: "ROUND_SUBMISSION", ownerId: s.id, deletedAt: null },
            orderBy: [{ createdAt: "desc" }, { id: "asc" }],
            select: {
              id: true,
              fileName: true,
              mediaType: true,
              size: true,
              uploadedBy: true,
              createdAt: true,
            },
          }),
        { readOnly: true },
      )
    : [];
  return { documents, canUpload: s.editable && can(actor, "documents.write", scope.istat) };
}

export type RoundSubmissionDocuments = Awaited<ReturnType<typeof listRoundSubmissionDocuments>>;
