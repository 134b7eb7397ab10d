// Documents on a monitoring round's submission (issue #18, items 3 and 4): the comune's officer attaches
// files while the submission is editable (not after submitting, nor once the round is closed); the comune,
// coordinators and administrators read and download them; another comune's officer gets NOT_FOUND through
// lib/ and 404 through the API; row-level security hides them from another comune in direct SQL.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import {
  listRoundSubmissionDocuments,
  ROUND_DOCUMENTS_LOCKED,
  roundSubmissionOwner,
} from "@/lib/documents/round-owner";
import { downloadOwnedDocument, listDocuments, uploadDocument } from "@/lib/documents/store";
import { closeRound, openRound } from "@/lib/rounds/rounds";
import { getSubmissionForActor, submitRound } from "@/lib/rounds/submission";
import { minimalPdf } from "@/prisma/seed/index";
import { call } from "./api-harness";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

let officer: Actor;
let paullo: Actor;
let coordinator: Actor;
let admin: Actor;
let roundId = "";
let documentId = "";
const pdf = minimalPdf("SAL n. 3");
const stream = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();
const scope = (istat = SAN_DONATO) => ({ roundId, istat });

beforeAll(async () => {
  [officer, paullo, coordinator, admin] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
    actorFor(COORDINATOR),
    actorFor(ADMIN),
  ]);
  const round = await openRound(coordinator, {
    title: `Rilevazione documenti ${Date.now()}`,
    smartLand: "sud-est-milano",
    periodStart: "01/07/2026",
    periodEnd: "31/12/2026",
    dueDate: "31/01/2027",
    items: ["indicators"],
  });
  roundId = round.id;
});

describe("round submission documents", () => {
  it("the officer attaches a file while editable; the comune, coordinator and admin read and download it", async () => {
    const owner = await roundSubmissionOwner(officer, scope(), "write");
    expect(owner.kind).toBe("ROUND_SUBMISSION");
    const doc = await uploadDocument(officer, owner, "SAL 3.pdf", stream(pdf));
    documentId = doc.id;
    expect(doc).toMatchObject({ mediaType: "application/pdf", size: pdf.length, comuneIstat: SAN_DONATO });
    for (const reader of [officer, coordinator, admin]) {
      const list = await listRoundSubmissionDocuments(reader, scope());
      expect(list.documents.map((d) => d.id)).toEqual([doc.id]);
      expect(list.canUpload).toBe(reader === officer);
      const response = await downloadOwnedDocument(
        reader,
        await roundSubmissionOwner(reader, scope()),
        doc.id,
      );
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
    }
    const [audit] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE entity = 'Document' AND "entityId" = $1`,
      [doc.id],
    );
    expect(audit.n).toBeGreaterThan(0);
  });

  it("another comune's officer: NOT_FOUND in lib/, 404 through the API; its own submission does not hold it", async () => {
    await expect(roundSubmissionOwner(paullo, scope())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRoundSubmissionDocuments(paullo, scope())).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await roundSubmissionOwner(paullo, scope(PAULLO));
    await expect(downloadOwnedDocument(paullo, own, documentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listDocuments(paullo, own)).toEqual([]);
    // Paullo cannot attach to San Donato's submission, even given its owner.
    const foreign = await roundSubmissionOwner(officer, scope());
    await expect(uploadDocument(paullo, foreign, "x.pdf", stream(pdf))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    session.actor = paullo;
    const base = `rounds/${roundId}/comuni/${SAN_DONATO}/documents`;
    const headers = { "sec-fetch-site": "same-origin" };
    expect((await call("get", base, { headers })).status).toBe(404);
    expect((await call("get", `${base}/${documentId}`, { headers })).status).toBe(404);
    expect(
      (
        await call("post", base, {
          body: new Uint8Array(pdf),
          headers: { ...headers, "content-type": "application/pdf", "x-file-name": "x.pdf" },
        })
      ).status,
    ).toBe(404);
    session.actor = officer;
    expect((await call("get", `${base}/${documentId}`, { headers })).status).toBe(200);
    session.actor = null;
  });

  it("RLS: the application role with another comune's settings sees none of it and cannot insert", async () => {
    const as = { role: "OFFICER", comune: PAULLO, user: paullo.userId };
    expect(await appQuery(as, `SELECT id FROM "Document" WHERE id = $1`, [documentId])).toEqual([]);
    expect(
      await appQuery(as, `SELECT seq FROM "DocumentChunk" WHERE "documentId" = $1`, [documentId]),
    ).toEqual([]);
    const [{ id: submissionId }] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "RoundSubmission" WHERE "roundId" = $1 AND "comuneIstat" = $2`,
      [roundId, SAN_DONATO],
    );
    await expect(
      appQuery(
        as,
        `INSERT INTO "Document" ("comuneIstat", "ownerKind", "ownerId", "fileName", "mediaType", size, sha256)
         VALUES ($1, 'ROUND_SUBMISSION', $2, 'x.pdf', 'application/pdf', 1, repeat('0', 64))`,
        [SAN_DONATO, submissionId],
      ),
    ).rejects.toThrow(/row-level security/);
    const coord = { role: "COORDINATOR", comune: null, user: coordinator.userId };
    expect(await appQuery(coord, `SELECT id FROM "Document" WHERE id = $1`, [documentId])).toHaveLength(1);
  });

  it("once submitted (and once the round is closed) nothing more can be attached: 409 with the reason", async () => {
    const page = await getSubmissionForActor(officer, scope());
    expect(page.errors).toBe(0); // the round asks for indicators only: nothing blocks
    await submitRound(officer, scope(), { version: page.submission.version });
    await expect(roundSubmissionOwner(officer, scope(), "write")).rejects.toMatchObject({
      code: "CONFLICT",
      message: ROUND_DOCUMENTS_LOCKED,
    });
    expect((await listRoundSubmissionDocuments(officer, scope())).canUpload).toBe(false);
    const round = await ownerQuery<{ version: number }>(
      `SELECT version FROM "MonitoringRound" WHERE id = $1`,
      [roundId],
    );
    await closeRound(coordinator, roundId, { version: round[0].version });
    // Paullo never submitted: its submission is locked by the closed round.
    await expect(roundSubmissionOwner(paullo, scope(PAULLO), "write")).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Reading stays open.
    expect((await listRoundSubmissionDocuments(admin, scope())).documents).toHaveLength(1);
  });
});
