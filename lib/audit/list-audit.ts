import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inOrder, Prisma, withActor, type Tx } from "@/lib/db";
import { AppError, MESSAGES, notFound, type FieldErrors } from "@/lib/errors";
import { parseItalianDate } from "@/lib/format";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_NOT_VISIBLE,
  auditChanges,
  auditEntityLabel,
  type AuditChange,
  type AuditNames,
} from "@/lib/format/audit";
import { isUuid } from "@/lib/ids.mjs";
import { isSafeRequestId } from "@/lib/log/request-context.mjs";
import { AUDIT_ENTITY_KINDS, eventProjectId, resolveAuditNames } from "./audit-names";

/** The audit log viewer's filters as they live in the URL (Italian names, bookmarkable). */
export type AuditSearchParams = Record<string, string | string[] | undefined>;

/** What the user typed, echoed back into the filter form. */
export type AuditFilterValues = {
  comune: string;
  utente: string;
  oggetto: string;
  azione: string;
  dal: string;
  al: string;
  /** The request id of a log line (x-request-id): every event that request wrote. */
  richiesta: string;
};

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  comuneIstat: string | null;
  comuneName: string | null;
  entity: string;
  entityId: string;
  /** The record by name (a project's title, a user's name…), "(non visibile)" when the actor may not see it. */
  entityName: string | null;
  /** The workspace page of the project the event belongs to (a project or one of its records). */
  projectHref: string | null;
  action: string;
  /** How many times the event happened in its minute (repeated events are aggregated); 1 otherwise. */
  count: number;
  changes: AuditChange[];
  /** The request that wrote the event (x-request-id, also in the server's log lines); null before it was kept. */
  requestId: string | null;
};

type Resolved = {
  comuneIstat?: string;
  actorId?: string;
  entity?: string;
  action?: string;
  from?: Date;
  to?: Date;
  requestId?: string;
};

type Cursor = { createdAt: Date; id: bigint };

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 1_000;

const one = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim().slice(0, 320);

export function auditFilterValues(params: AuditSearchParams): AuditFilterValues {
  return {
    comune: one(params.comune),
    utente: one(params.utente),
    oggetto: one(params.oggetto),
    azione: one(params.azione),
    dal: one(params.dal),
    al: one(params.al),
    richiesta: one(params.richiesta),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Dates: the range is in Italian days (Europe/Rome), the column holds UTC timestamps.

const romeOffset = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Rome", timeZoneName: "longOffset" });

/** The instant Rome's day `day` (a Date at UTC midnight) begins. */
export function romeStartOfDay(day: Date): Date {
  // At 00:00 UTC Rome is at 01:00 or 02:00 of the same day, before any DST switch (02:00/03:00 local),
  // so this offset is the one of local midnight.
  const name = romeOffset.formatToParts(day).find((p) => p.type === "timeZoneName")?.value ?? "GMT+01:00";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 60;
  return new Date(day.getTime() - minutes * 60_000);
}

const DATE_ERROR = "Data non valida: usa il formato gg/mm/aaaa.";

// ---------------------------------------------------------------------------------------------------------
// Filters

/** Resolves the typed filters (comune by ISTAT code or name, user by e-mail or id) and checks the dates. */
async function resolveFilters(
  tx: Tx,
  values: AuditFilterValues,
): Promise<{ where: Resolved; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const where: Resolved = {};
  if (values.comune) {
    if (/^\d{6}$/.test(values.comune)) where.comuneIstat = values.comune;
    else {
      const found = await tx.comune.findMany({
        where: { name: { equals: values.comune, mode: "insensitive" } },
        select: { istat: true },
        take: 2,
      });
      if (found.length === 1) where.comuneIstat = found[0].istat;
      else errors.comune = ["Comune non trovato: indica il nome esatto o il codice ISTAT."];
    }
  }
  if (values.utente) {
    const typed: string = values.utente.toLowerCase();
    if (isUuid(typed)) where.actorId = typed;
    else {
      const user = await tx.user.findUnique({
        where: { email: typed },
        select: { id: true },
      });
      if (user) where.actorId = user.id;
      else errors.utente = ["Utente non trovato: indica l'email di un utente."];
    }
  }
  if (values.oggetto) where.entity = values.oggetto;
  if (values.azione) where.action = values.azione;
  if (values.dal) {
    const d = parseItalianDate(values.dal);
    if (d) where.from = romeStartOfDay(d);
    else errors.dal = [DATE_ERROR];
  }
  if (values.al) {
    const d = parseItalianDate(values.al);
    if (d)
      where.to = romeStartOfDay(new Date(d.getTime() + 86_400_000)); // the whole day included
    else errors.al = [DATE_ERROR];
  }
  if (values.richiesta) {
    if (isSafeRequestId(values.richiesta)) where.requestId = values.richiesta;
    else errors.richiesta = ["Codice richiesta non valido: copialo dalla riga del log (es. un UUID)."];
  }
  if (where.from && where.to && where.to <= where.from)
    errors.al = ["La data finale precede quella iniziale."];
  return { where, errors };
}

function whereOf(r: Resolved): Prisma.AuditEventWhereInput[] {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (r.comuneIstat) and.push({ comuneIstat: r.comuneIstat });
  if (r.actorId) and.push({ actorId: r.actorId });
  if (r.entity) and.push({ entity: r.entity });
  if (r.action) and.push({ action: r.action });
  if (r.from) and.push({ createdAt: { gte: r.from } });
  if (r.to) and.push({ createdAt: { lt: r.to } });
  if (r.requestId) and.push({ requestId: r.requestId });
  return and;
}

// ---------------------------------------------------------------------------------------------------------
// Keyset pagination on (createdAt, id), newest first: a page costs the same at any depth.

export function encodeCursor(row: { createdAt: Date; id: bigint | string }): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

function decodeCursor(value: string): Cursor | null {
  const m = /^(\d{1,15})\.(\d{1,19})$/.exec(value);
  return m ? { createdAt: new Date(Number(m[1])), id: BigInt(m[2]) } : null;
}

/**
 * Older than the cursor: createdAt <= c AND (createdAt < c OR id < i). The first conjunct is an index bound
 * on every createdAt index; the second breaks ties inside the same millisecond.
 */
function olderThan(c: Cursor): Prisma.AuditEventWhereInput[] {
  return [
    { createdAt: { lte: c.createdAt } },
    { OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] },
  ];
}

function newerThan(c: Cursor): Prisma.AuditEventWhereInput[] {
  return [
    { createdAt: { gte: c.createdAt } },
    { OR: [{ createdAt: { gt: c.createdAt } }, { id: { gt: c.id } }] },
  ];
}

const SELECT = {
  id: true,
  createdAt: true,
  actorId: true,
  actorName: true,
  actorRole: true,
  comuneIstat: true,
  entity: true,
  entityId: true,
  action: true,
  before: true,
  after: true,
  requestId: true,
  count: true,
} satisfies Prisma.AuditEventSelect;

type RawEvent = Prisma.AuditEventGetPayload<{ select: typeof SELECT }>;

function snapshotName(e: RawEvent): string | null {
  for (const side of [e.after, e.before]) {
    if (!side || typeof side !== "object" || Array.isArray(side)) continue;
    const { title, name } = side as Record<string, unknown>;
    if (typeof title === "string" && title) return title;
    if (typeof name === "string" && name) return name;
  }
  return null;
}

/**
 * What the event touched, by name: a project's title, a record's own title with its project's, a user's,
 * filone's, Smart Land's or comune's name; an identifier that is not a record's (a requested path) as is.
 */
function entityNameOf(e: RawEvent, projectId: string | null, names: AuditNames): string | null {
  const kind = Object.hasOwn(AUDIT_ENTITY_KINDS, e.entity) ? AUDIT_ENTITY_KINDS[e.entity] : undefined;
  if (kind) return names[kind]?.get(e.entityId) ?? snapshotName(e) ?? AUDIT_NOT_VISIBLE;
  if (projectId) {
    const project = names.project?.get(projectId) ?? AUDIT_NOT_VISIBLE;
    const own = snapshotName(e);
    return own ? `${own} (intervento: ${project})` : `Intervento: ${project}`;
  }
  if (e.entity === "ApiToken" || e.entity === "UserToken") return snapshotName(e);
  return isUuid(e.entityId) ? AUDIT_NOT_VISIBLE : e.entityId;
}

/** Events → rows: names of comuni, actors whose name the event did not keep (logins), and of every record
 * the events point at (one query per kind, under the actor's row-level security). */
async function toRows(tx: Tx, events: RawEvent[]): Promise<AuditRow[]> {
  const names = await resolveAuditNames(tx, events);
  return events.map((e) => {
    const projectId = eventProjectId(e);
    return {
      id: String(e.id),
      createdAt: e.createdAt,
      actorId: e.actorId,
      actorName: e.actorName ?? (e.actorId ? (names.user?.get(e.actorId) ?? null) : null),
      actorRole: e.actorRole,
      comuneIstat: e.comuneIstat,
      comuneName: e.comuneIstat ? (names.comune?.get(e.comuneIstat) ?? null) : null,
      entity: e.entity,
      entityId: e.entityId,
      entityName: entityNameOf(e, projectId, names),
      projectHref: projectId && e.comuneIstat ? `/comuni/${e.comuneIstat}/interventi/${projectId}` : null,
      action: e.action,
      count: e.count,
      changes: auditChanges(e.before, e.after, { entity: e.entity, names }),
      requestId: e.requestId,
    };
  });
}

function checkAccess(actor: Actor) {
  if (!can(actor, "audit.read")) throw notFound();
}

export type AuditPage = {
  rows: AuditRow[];
  values: AuditFilterValues;
  errors: FieldErrors;
  /** Cursor of the next (older) page, of the previous (newer) page; null at either end. */
  older: string | null;
  newer: string | null;
  entities: { value: string; label: string }[];
  actions: { value: string; label: string }[];
};

/** The distinct entities of the log, by a loose index scan on (entity, entityId, createdAt). */
async function distinctEntities(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ v: string }[]>`
    WITH RECURSIVE e AS (
      SELECT min(entity) AS v FROM "AuditEvent"
      UNION ALL
      SELECT (SELECT min(entity) FROM "AuditEvent" WHERE entity > e.v) FROM e WHERE e.v IS NOT NULL
    )
    SELECT v::text AS v FROM e WHERE v IS NOT NULL LIMIT 200`;
  return rows.map((r) => r.v);
}

function options(values: string[], label: (v: string) => string) {
  return [...new Set(values)]
    .map((value) => ({ value, label: label(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "it"));
}

/**
 * One page of the audit log for an administrator (permission audit.read; anyone else: NOT_FOUND), newest
 * first, filtered by comune, actor, entity, action and an Italian date range. `dopo`/`prima` in the params
 * are the keyset cursors of the next/previous page.
 */
export async function listAudit(
  actor: Actor,
  params: AuditSearchParams,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  checkAccess(actor);
  const values = auditFilterValues(params);
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 200);
  const older = decodeCursor(one(params.dopo));
  const newer = older ? null : decodeCursor(one(params.prima));
  return withActor(actor, async (tx) => {
    const [{ where, errors }, entities] = await inOrder([
      () => resolveFilters(tx, values),
      () => distinctEntities(tx),
    ]);
    const base = {
      entities: options([...entities, ...(values.oggetto ? [values.oggetto] : [])], auditEntityLabel),
      actions: options(
        [...Object.keys(AUDIT_ACTION_LABELS), ...(values.azione ? [values.azione] : [])],
        (a) => AUDIT_ACTION_LABELS[a] ?? a,
      ),
      values,
      errors,
    };
    if (Object.keys(errors).length) return { ...base, rows: [], older: null, newer: null };
    const filters = whereOf(where);
    let events: RawEvent[];
    let hasOlder: boolean;
    let hasNewer: boolean;
    if (newer) {
      // The previous page: the `size` events just newer than the cursor, read upwards then reversed.
      const found = await tx.auditEvent.findMany({
        where: { AND: [...filters, ...newerThan(newer)] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: size + 1,
        select: SELECT,
      });
      hasNewer = found.length > size;
      events = found.slice(0, size).reverse();
      hasOlder = true;
    } else {
      const found = await tx.auditEvent.findMany({
        where: { AND: [...filters, ...(older ? olderThan(older) : [])] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: size + 1,
        select: SELECT,
      });
      hasOlder = found.length > size;
      events = found.slice(0, size);
      hasNewer = older !== null;
    }
    const rows = await toRows(tx, events);
    return {
      ...base,
      rows,
      older: hasOlder && events.length ? encodeCursor(events[events.length - 1]) : null,
      newer: hasNewer && events.length ? encodeCursor(events[0]) : null,
    };
  });
}

/** The filters of an export, checked before the first byte: not an administrator → NOT_FOUND; bad → INVALID. */
export async function auditExportFilters(
  actor: Actor,
  params: AuditSearchParams,
): Promise<Prisma.AuditEventWhereInput[]> {
  checkAccess(actor);
  const { where, errors } = await withActor(actor, (tx) => resolveFilters(tx, auditFilterValues(params)));
  if (Object.keys(errors).length) throw new AppError("INVALID", MESSAGES.INVALID, errors);
  return whereOf(where);
}

/**
 * Every event matching the filters, newest first, a page (one short transaction) at a time, so an export
 * of millions of events streams in constant memory.
 */
export async function* auditPages(
  actor: Actor,
  filters: Prisma.AuditEventWhereInput[],
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<AuditRow[]> {
  checkAccess(actor);
  let cursor: Cursor | null = null;
  for (;;) {
    const after: Cursor | null = cursor;
    const rows: AuditRow[] = await withActor(actor, async (tx): Promise<AuditRow[]> => {
      const events: RawEvent[] = await tx.auditEvent.findMany({
        where: { AND: [...filters, ...(after ? olderThan(after) : [])] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: pageSize,
        select: SELECT,
      });
      return toRows(tx, events);
    });
    if (!rows.length) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last: AuditRow = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: BigInt(last.id) };
  }
}
