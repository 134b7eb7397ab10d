// The project page reads its phases, documents and history in one raw transaction
// (lib/projects/project-page.ts). The reference: the three functions it replaced on that page, which the
// API and the other pages still use — the same values, types and order, as the owner comune's officer,
// a coordinator and a partner comune's officer; and row-level security still the second wall.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createFundingLine, deleteFundingLine, updateFundingLine } from "@/lib/api/child-records";
import { getProjectHistory } from "@/lib/audit/project-history";
import { listProjectDocuments } from "@/lib/documents/store";
import { getProjectPhases, saveProjectPhases } from "@/lib/phases/phases";
import { getProjectForActor } from "@/lib/projects/get-project";
import { getProjectPageReads } from "@/lib/projects/project-page";
import {
  actorFor,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
  comparable,
} from "./helpers";

const NOW = new Date("2026-12-06T23:30:00Z"); // 00:30 of the 7th in Rome

async function compare(actor: Actor, projectId: string) {
  const p = await getProjectForActor(actor, projectId);
  const mine = await getProjectPageReads(actor, p, NOW);
  const reference = {
    history: await getProjectHistory(actor, p),
    phases: await getProjectPhases(actor, p.id, NOW),
    documents: p.access.isPartner ? null : await listProjectDocuments(actor, p.id),
  };
  expect(comparable(mine)).toEqual(comparable(reference));
  return mine;
}

describe("the project page's reads", () => {
  it("equal the three functions they replaced, for the owner, a coordinator and a partner", async () => {
    const sanDonato = await actorFor(OFFICER_SAN_DONATO);
    // A project with documents (the demo seed attaches some), given phases now: events with names.
    const [withDocs] = await ownerQuery<{ id: string }>(
      `SELECT "projectId"::text AS id FROM "Document" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL
        GROUP BY "projectId" ORDER BY count(*) DESC LIMIT 1`,
      [SAN_DONATO],
    );
    expect(withDocs).toBeDefined();
    const current = await getProjectPhases(sanDonato, withDocs!.id);
    const version = current.phases.find((x) => x.kind === "FINAL_DESIGN")?.version ?? 0;
    await saveProjectPhases(
      sanDonato,
      withDocs!.id,
      { phases: [{ kind: "FINAL_DESIGN", plannedStart: "01/02/2026", plannedEnd: "30/06/2026", version }] },
      NOW,
    );
    const owner = await compare(sanDonato, withDocs!.id);
    expect(owner.documents!.length).toBeGreaterThan(0);
    expect(owner.history.length).toBeGreaterThan(0);
    expect(owner.phases.phases.some((x) => x.plannedStart === "2026-02-01")).toBe(true);
    await compare(await actorFor(COORDINATOR), withDocs!.id);

    const paullo = await actorFor(OFFICER_PAULLO);
    const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
    const asPartner = await compare(paullo, shared.id);
    expect(asPartner.documents).toBeNull();
    await compare(await actorFor(OFFICER_MELEGNANO), (await projectOf(MELEGNANO)).id);
  });

  it("finds a project's history by the events' generated projectId: the same events as reading their snapshots", async () => {
    const sanDonato = await actorFor(OFFICER_SAN_DONATO);
    const project = await projectOf(SAN_DONATO);
    // A funding line added, edited and deleted: three events whose snapshots carry the project (the last one
    // only in `before`).
    const line = await createFundingLine(sanDonato, project.id, {
      source: "REGION",
      programme: "Storico per indice",
      year: 2027,
      amountPlanned: "1.000,00",
    });
    const edited = await updateFundingLine(sanDonato, project.id, line.id as string, {
      source: "REGION",
      programme: "Storico per indice (modificata)",
      year: 2027,
      amountPlanned: "2.000,00",
      version: line.version,
    });
    await deleteFundingLine(sanDonato, project.id, edited.id as string);
    const page = await compare(sanDonato, project.id);
    const ofLine = page.history.filter((e) => e.entityId === line.id);
    expect(ofLine.map((e) => e.action)).toEqual(["DELETE", "UPDATE", "CREATE"]);
    // Over every event and every project: the column names the project exactly when the project's own
    // entity or a snapshot's projectId does (the condition the page used before the column existed).
    const [differ] = await ownerQuery<{ n: number; events: number }>(
      `SELECT count(*) FILTER (WHERE (e."projectId" IS NOT DISTINCT FROM p.id::text) <>
                (COALESCE(e.entity = 'Project' AND e."entityId" = p.id::text, false)
                 OR COALESCE(e.after -> 'projectId' = to_jsonb(p.id::text), false)
                 OR COALESCE(e.before -> 'projectId' = to_jsonb(p.id::text), false)))::int AS n,
              (SELECT count(*) FROM "AuditEvent" WHERE "projectId" IS NOT NULL)::int AS events
         FROM "AuditEvent" e CROSS JOIN "Project" p WHERE p."comuneIstat" = $1`,
      [SAN_DONATO],
    );
    expect(differ!.events).toBeGreaterThan(2);
    expect(differ!.n).toBe(0);
  });

  it("reads nothing of another comune's project, whatever the caller passes (row-level security)", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const melegnano = await actorFor(OFFICER_MELEGNANO);
    const [withDocs] = await ownerQuery<{ id: string }>(
      `SELECT "projectId"::text AS id FROM "Document" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL LIMIT 1`,
      [SAN_DONATO],
    );
    const seen = await getProjectForActor(coordinator, withDocs!.id);
    // The documents' permission is checked in lib/ first...
    await expect(getProjectPageReads(melegnano, seen)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // ...and with it forged away, the database shows this officer no row of that project.
    const forged = await getProjectPageReads(melegnano, {
      ...seen,
      access: { canWrite: false, isPartner: true },
    });
    expect(forged.history).toEqual([]);
    expect(forged.phases.phases.every((x) => x.id === null)).toBe(true);
    expect(forged.documents).toBeNull();
  });
});
