import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { ProjectHistoryEvent } from "@/lib/audit/project-history";
import { resolveAuditNamesSql } from "@/lib/audit/audit-names";
import { Prisma, withActorSql } from "@/lib/db";
import { dateFromSql, isoTimestamp } from "@/lib/db/sql-text";
import type { DocumentView } from "@/lib/documents/store";
import { notFound } from "@/lib/errors";
import { auditChanges } from "@/lib/format/audit";
import type { PhaseKind, ProjectPhase } from "@/lib/generated/prisma/client";
import { projectPhasesOf, type ProjectPhases } from "@/lib/phases/phases";
import type { ProjectDetail } from "./get-project";

/** How many events of a project's history its page shows (as getProjectHistory's default). */
const HISTORY_LIMIT = 50;

/**
 * What the project page shows beside the project itself (getProjectForActor): its phases, its documents
 * (not for a partner comune, which reads the project but never its documents) and its history with the
 * names of what the events point at. One READ ONLY transaction on a raw connection, prepared statements:
 * the three Prisma reads it replaced (getProjectPhases, listProjectDocuments, getProjectHistory: three
 * transactions, seven to nine queries through Prisma's WASM compiler) cost more CPU than the page's SQL.
 * The same values as those functions, which the API and the other pages still use:
 * tests/integration/project-page.test.ts compares them.
 */
export async function getProjectPageReads(
  actor: Actor,
  project: ProjectDetail,
  now = new Date(),
): Promise<{ phases: ProjectPhases; documents: DocumentView[] | null; history: ProjectHistoryEvent[] }> {
  const withDocuments = !project.access.isPartner;
  if (withDocuments && !can(actor, "documents.read", project.comuneIstat)) throw notFound();
  return withActorSql(actor, async (tx) => {
    const phaseRows = await tx.$queryPrepared<RawPhase[]>(Prisma.sql`
      SELECT id::text, "projectId"::text, "comuneIstat", kind::text, "plannedStart"::text,
             "plannedEnd"::text, "actualStart"::text, "actualEnd"::text, note, version,
             ${isoTimestamp('"createdAt"')} AS "createdAt", ${isoTimestamp('"updatedAt"')} AS "updatedAt"
        FROM "ProjectPhase" WHERE "projectId" = ${project.id}::uuid`);
    const documents = withDocuments
      ? await tx.$queryPrepared<RawDocument[]>(Prisma.sql`
          SELECT id::text, "ownerKind"::text, "ownerId"::text, "projectId"::text, "comuneIstat", "fileName",
                 "mediaType", size, sha256, public, "uploadedBy", ${isoTimestamp('"createdAt"')} AS "createdAt", version
            FROM "Document" WHERE "projectId" = ${project.id}::uuid AND "deletedAt" IS NULL
           ORDER BY "createdAt" DESC, id ASC`)
      : null;
    // The project's own events and its records' (their snapshots carry the projectId), newest first:
    // "projectId" is PostgreSQL's reading of those fields (migration audit_event_project_history).
    const events = await tx.$queryPrepared<RawEvent[]>(Prisma.sql`
      SELECT id::text, entity, "entityId", action, "actorName", "actorRole", before, after,
             ${isoTimestamp('"createdAt"')} AS "createdAt"
        FROM "AuditEvent"
       WHERE "comuneIstat" = ${project.comuneIstat} AND "projectId" = ${project.id}
       ORDER BY id DESC LIMIT ${HISTORY_LIMIT}`);
    const names = await resolveAuditNamesSql(tx, events);
    return {
      phases: projectPhasesOf(actor, project, phaseRows.map(toPhase), now),
      documents: documents && documents.map(toDocument),
      history: events.map(({ before, after, ...e }) => ({
        ...e,
        id: BigInt(e.id),
        createdAt: dateFromSql(e.createdAt),
        changes: auditChanges(before, after, { entity: e.entity, names }),
      })),
    };
  });
}

type RawPhase = Omit<
  ProjectPhase,
  "kind" | "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd" | "createdAt" | "updatedAt"
> & {
  kind: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  createdAt: string;
  updatedAt: string;
};
const toPhase = (r: RawPhase): ProjectPhase => ({
  ...r,
  kind: r.kind as PhaseKind,
  plannedStart: dateFromSql(r.plannedStart),
  plannedEnd: dateFromSql(r.plannedEnd),
  actualStart: dateFromSql(r.actualStart),
  actualEnd: dateFromSql(r.actualEnd),
  createdAt: dateFromSql(r.createdAt),
  updatedAt: dateFromSql(r.updatedAt),
});

type RawDocument = Omit<DocumentView, "createdAt" | "ownerKind"> & { ownerKind: string; createdAt: string };
const toDocument = (r: RawDocument): DocumentView => ({
  ...r,
  ownerKind: r.ownerKind as DocumentView["ownerKind"],
  createdAt: dateFromSql(r.createdAt),
});

type RawEvent = {
  id: string;
  entity: string;
  entityId: string;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};
