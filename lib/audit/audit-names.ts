import "server-only";
import { inOrder, Prisma, type SqlTx, type Tx } from "@/lib/db";
import { AUDIT_REFERENCES, type AuditNames, type AuditReferenceKind } from "@/lib/format/audit";
import { isUuid } from "@/lib/ids.mjs";

/** What an audit event brings to name resolution. */
export type NamedEvent = {
  entity: string;
  entityId: string;
  comuneIstat?: string | null;
  actorId?: string | null;
  before: unknown;
  after: unknown;
};

const CHILD_ENTITIES = new Set(["FundingLine", "Action", "Indicator"]);

/** The record kind an event's own entityId names (a Session's entityId is its user). */
export const AUDIT_ENTITY_KINDS: Readonly<Record<string, AuditReferenceKind>> = {
  Project: "project",
  Stream: "stream",
  SmartLand: "smartLand",
  Comune: "comune",
  User: "user",
  Session: "user",
};

const ISTAT = /^\d{6}$/;

function valid(kind: AuditReferenceKind, id: string): boolean {
  return kind === "comune" ? ISTAT.test(id) : isUuid(id);
}

/** The project an event belongs to: a project itself, or the projectId in a record's snapshot. */
export function eventProjectId(e: NamedEvent): string | null {
  if (e.entity === "Project") return isUuid(e.entityId) ? e.entityId : null;
  if (!CHILD_ENTITIES.has(e.entity)) return null;
  for (const side of [e.after, e.before]) {
    const id = side && typeof side === "object" ? (side as Record<string, unknown>).projectId : undefined;
    if (isUuid(id)) return id;
  }
  return null;
}

/** Every identifier of every kind the events point at (their entity, their fields, comune and actor). */
function referencedIds(events: readonly NamedEvent[]): Record<AuditReferenceKind, Set<string>> {
  const ids: Record<AuditReferenceKind, Set<string>> = {
    project: new Set(),
    stream: new Set(),
    smartLand: new Set(),
    comune: new Set(),
    user: new Set(),
  };
  const add = (kind: AuditReferenceKind, value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string" && valid(kind, v)) ids[kind].add(v);
    }
  };
  for (const e of events) {
    const kind = Object.hasOwn(AUDIT_ENTITY_KINDS, e.entity) ? AUDIT_ENTITY_KINDS[e.entity] : undefined;
    if (kind) add(kind, e.entityId);
    add("project", eventProjectId(e));
    add("comune", e.comuneIstat);
    add("user", e.actorId);
    for (const side of [e.before, e.after]) {
      if (!side || typeof side !== "object" || Array.isArray(side)) continue;
      for (const [key, value] of Object.entries(side as Record<string, unknown>)) {
        if (Object.hasOwn(AUDIT_REFERENCES, key)) add(AUDIT_REFERENCES[key]!, value);
      }
    }
  }
  return ids;
}

/**
 * The names of the records a page of events points at: one query per kind, in the caller's transaction
 * (withActor), so row-level security decides: a record the actor may not see is simply not named, and the
 * reader sees "(non visibile)" (lib/format/audit) instead of its identifier.
 */
export async function resolveAuditNames(tx: Tx, events: readonly NamedEvent[]): Promise<AuditNames> {
  const ids = referencedIds(events);
  const list = (kind: AuditReferenceKind) => [...ids[kind]];
  const [projects, streams, smartLands, comuni, users] = await inOrder([
    () =>
      ids.project.size
        ? tx.project.findMany({ where: { id: { in: list("project") } }, select: { id: true, title: true } })
        : Promise.resolve([]),
    () =>
      ids.stream.size
        ? tx.stream.findMany({
            where: { id: { in: list("stream") } },
            select: { id: true, code: true, name: true },
          })
        : Promise.resolve([]),
    () =>
      ids.smartLand.size
        ? tx.smartLand.findMany({
            where: { id: { in: list("smartLand") } },
            select: { id: true, name: true },
          })
        : Promise.resolve([]),
    () =>
      ids.comune.size
        ? tx.comune.findMany({
            where: { istat: { in: list("comune") } },
            select: { istat: true, name: true },
          })
        : Promise.resolve([]),
    () =>
      ids.user.size
        ? tx.user.findMany({ where: { id: { in: list("user") } }, select: { id: true, name: true } })
        : Promise.resolve([]),
  ]);
  return {
    project: new Map(projects.map((p) => [p.id, p.title])),
    stream: new Map(streams.map((s) => [s.id, `${s.code} · ${s.name}`])),
    smartLand: new Map(smartLands.map((s) => [s.id, s.name])),
    comune: new Map(comuni.map((c) => [c.istat, c.name])),
    user: new Map(users.map((u) => [u.id, u.name])),
  };
}

/**
 * resolveAuditNames on a raw connection (withActorSql), in one statement: the same lookups, under the
 * same row-level security, as a UNION of the five. For the project page's one raw read
 * (lib/projects/project-page.ts); tests/integration/project-page.test.ts compares the two.
 */
export async function resolveAuditNamesSql(tx: SqlTx, events: readonly NamedEvent[]): Promise<AuditNames> {
  const ids = referencedIds(events);
  const list = (kind: AuditReferenceKind) => [...ids[kind]];
  const rows = await tx.$queryPrepared<{ kind: AuditReferenceKind; id: string; name: string }[]>(Prisma.sql`
    SELECT 'project' AS kind, id::text AS id, title AS name FROM "Project" WHERE id = ANY (${list("project")}::uuid[])
    UNION ALL
    SELECT 'stream', id::text, code || ' · ' || name FROM "Stream" WHERE id = ANY (${list("stream")}::uuid[])
    UNION ALL
    SELECT 'smartLand', id::text, name FROM "SmartLand" WHERE id = ANY (${list("smartLand")}::uuid[])
    UNION ALL
    SELECT 'comune', istat, name FROM "Comune" WHERE istat = ANY (${list("comune")}::text[])
    UNION ALL
    SELECT 'user', id::text, name FROM "User" WHERE id = ANY (${list("user")}::uuid[])`);
  const names: Record<AuditReferenceKind, Map<string, string>> = {
    project: new Map(),
    stream: new Map(),
    smartLand: new Map(),
    comune: new Map(),
    user: new Map(),
  };
  for (const r of rows) names[r.kind].set(r.id, r.name);
  return names;
}
