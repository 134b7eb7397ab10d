import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { Prisma, withActorSql } from "@/lib/db";
import { dateFromSql, isoTimestamp } from "@/lib/db/sql-text";
import { notFound } from "@/lib/errors";
import type { Action, FundingLine, Indicator, Project, ProjectPartner } from "@/lib/generated/prisma/client";
import type {
  ActionKind,
  ActionStatus,
  FundingSource,
  Health,
  IndicatorTheme,
  ProjectStatus,
  Theme,
} from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { publicationOf } from "./publication";
import { canWriteProject } from "./scope";

/**
 * The guard every project page, action and route goes through: outside the actor's scope → NOT_FOUND.
 *
 * One statement on a raw `pg` connection (withActorSql: a READ ONLY transaction opened in one round trip,
 * on the primary, under the actor's row-level security): the project and its partners, funding lines,
 * actions, indicators and publication copy, the lists as JSON. The same records, types and order as the
 * Prisma `findFirst` with eight includes it replaced (nine statements, each query compiled by Prisma's
 * WASM engine on the event loop: about 8 ms of CPU per call); tests/integration/get-project.test.ts
 * compares the two on every kind of project. Decimals as `Prisma.Decimal`, timestamps and dates as `Date`
 * (dates at UTC midnight), as Prisma returns them: the SQL sends them as text, so the process's time zone
 * never enters.
 */
export async function getProjectForActor(actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  if (!isUuid(id)) throw notFound();
  const scope = visibleScope(actor, opts);
  if (!scope) throw notFound();
  const [row] = await withActorSql(actor, (tx) =>
    tx.$queryPrepared<RawProject[]>(Prisma.sql`${PROJECT_SELECT} WHERE p.id = ${id}::uuid AND ${scope}`),
  );
  if (!row) throw notFound();
  const project = toProject(row);
  return {
    ...project,
    publication: publicationOf(project, project.publication),
    access: {
      canWrite: canWriteProject(actor, project),
      isPartner: actor.role === "OFFICER" && project.comuneIstat !== actor.comuneIstat,
    },
  };
}

export type ProjectDetail = Awaited<ReturnType<typeof getProjectForActor>>;

/** visibleProjectsWhere (./scope.ts) as SQL on the alias `p`; null: the actor reads no project. */
function visibleScope(actor: Actor, opts: { deleted?: boolean }): Prisma.Sql | null {
  const deleted = opts.deleted ? Prisma.sql`p."deletedAt" IS NOT NULL` : Prisma.sql`p."deletedAt" IS NULL`;
  if (actor.role === "OFFICER") {
    const comune = actor.comuneIstat ?? "-";
    return Prisma.sql`${deleted} AND (p."comuneIstat" = ${comune} OR EXISTS (
      SELECT 1 FROM "ProjectPartner" pp WHERE pp."projectId" = p.id AND pp."partnerIstat" = ${comune}))`;
  }
  return can(actor, "projects.read") ? deleted : null;
}

// Text forms PostgreSQL sends for what Prisma returns as objects: timestamp(3) columns (UTC, Prisma's
// convention) as ISO strings, dates as YYYY-MM-DD, numerics as their exact decimal text.
const ts = isoTimestamp;
const date = (column: string) => Prisma.raw(`${column}::text`);
const num = (column: string) => Prisma.raw(`${column}::text`);

const PROJECT_SELECT = Prisma.sql`
  SELECT p.id::text, p."comuneIstat", p."smartLandId"::text, p."streamId"::text, p.title, p.summary, p.cup,
         p."localCode", ${num('p."totalCost"')} AS "totalCost",
         ${date('p."plannedStart"')} AS "plannedStart", ${date('p."plannedEnd"')} AS "plannedEnd",
         ${date('p."actualStart"')} AS "actualStart", ${date('p."actualEnd"')} AS "actualEnd",
         p.status::text, p.health::text, p.progress, p.version,
         ${ts('p."deletedAt"')} AS "deletedAt", ${ts('p."createdAt"')} AS "createdAt",
         ${ts('p."updatedAt"')} AS "updatedAt",
         json_build_object('istat', c.istat, 'name', c.name) AS comune,
         json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'theme', s.theme) AS stream,
         (SELECT json_build_object('id', sl.id, 'name', sl.name, 'phase', sl.phase)
            FROM "SmartLand" sl WHERE sl.id = p."smartLandId") AS "smartLand",
         (SELECT coalesce(json_agg(json_build_object(
                   'projectId', pp."projectId", 'comuneIstat', pp."comuneIstat",
                   'partnerIstat', pp."partnerIstat", 'createdAt', ${ts('pp."createdAt"')},
                   'partner', json_build_object('istat', pc.istat, 'name', pc.name))
                 ORDER BY pp."partnerIstat"), '[]')
            FROM "ProjectPartner" pp JOIN "Comune" pc ON pc.istat = pp."partnerIstat"
           WHERE pp."projectId" = p.id) AS partners,
         (SELECT coalesce(json_agg(json_build_object(
                   'id', f.id, 'projectId', f."projectId", 'comuneIstat', f."comuneIstat", 'source', f.source,
                   'programme', f.programme, 'year', f.year, 'amountPlanned', ${num('f."amountPlanned"')},
                   'amountCommitted', ${num('f."amountCommitted"')}, 'amountPaid', ${num('f."amountPaid"')},
                   'version', f.version, 'createdAt', ${ts('f."createdAt"')}, 'updatedAt', ${ts('f."updatedAt"')})
                 ORDER BY f.year, f.source, f.id), '[]')
            FROM "FundingLine" f WHERE f."projectId" = p.id) AS "fundingLines",
         (SELECT coalesce(json_agg(json_build_object(
                   'id', a.id, 'projectId', a."projectId", 'comuneIstat', a."comuneIstat", 'title', a.title,
                   'kind', a.kind, 'owner', a.owner, 'dueDate', ${date('a."dueDate"')},
                   'doneDate', ${date('a."doneDate"')}, 'status', a.status, 'cig', a.cig, 'version', a.version,
                   'createdAt', ${ts('a."createdAt"')}, 'updatedAt', ${ts('a."updatedAt"')})
                 ORDER BY a."dueDate" NULLS LAST, a."createdAt", a.id), '[]')
            FROM "Action" a WHERE a."projectId" = p.id) AS actions,
         (SELECT coalesce(json_agg(json_build_object(
                   'id', i.id, 'projectId', i."projectId", 'comuneIstat', i."comuneIstat", 'name', i.name,
                   'theme', i.theme, 'unit', i.unit, 'baseline', ${num("i.baseline")},
                   'target', ${num("i.target")}, 'actual', ${num("i.actual")}, 'period', i.period,
                   'version', i.version, 'createdAt', ${ts('i."createdAt"')}, 'updatedAt', ${ts('i."updatedAt"')})
                 ORDER BY i."createdAt", i.id), '[]')
            FROM "Indicator" i WHERE i."projectId" = p.id) AS indicators,
         (SELECT json_build_object('publishedAt', to_char(pub."publishedAt" AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'publishedVersion', pub."publishedVersion",
                   'planned', ${num("pub.planned")}, 'committed', ${num("pub.committed")},
                   'paid', ${num("pub.paid")}, 'sources', pub.sources)
            FROM "PublicProject" pub WHERE pub."projectId" = p.id) AS publication
    FROM "Project" p
    JOIN "Comune" c ON c.istat = p."comuneIstat"
    JOIN "Stream" s ON s.id = p."streamId"`;

type Text = string | null;
type RawRow<T, Dates extends keyof T, Decimals extends keyof T> = Omit<T, Dates | Decimals> & {
  [K in Dates]: null extends T[K] ? Text : string;
} & { [K in Decimals]: null extends T[K] ? Text : string };

type RawProject = RawRow<
  Project,
  "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd" | "deletedAt" | "createdAt" | "updatedAt",
  "totalCost"
> & {
  comune: { istat: string; name: string };
  stream: { id: string; code: string; name: string; theme: Theme };
  smartLand: { id: string; name: string; phase: string } | null;
  partners: (RawRow<ProjectPartner, "createdAt", never> & { partner: { istat: string; name: string } })[];
  fundingLines: RawRow<
    FundingLine,
    "createdAt" | "updatedAt",
    "amountPlanned" | "amountCommitted" | "amountPaid"
  >[];
  actions: RawRow<Action, "dueDate" | "doneDate" | "createdAt" | "updatedAt", never>[];
  indicators: RawRow<Indicator, "createdAt" | "updatedAt", "baseline" | "target" | "actual">[];
  publication: {
    publishedAt: string;
    publishedVersion: number;
    planned: string;
    committed: string;
    paid: string;
    sources: string[];
  } | null;
};

function toDecimal(text: string): Prisma.Decimal;
function toDecimal(text: Text): Prisma.Decimal | null;
function toDecimal(text: Text): Prisma.Decimal | null {
  return text === null ? null : new Prisma.Decimal(text);
}

function toProject(r: RawProject) {
  return {
    id: r.id,
    comuneIstat: r.comuneIstat,
    smartLandId: r.smartLandId,
    streamId: r.streamId,
    title: r.title,
    summary: r.summary,
    cup: r.cup,
    localCode: r.localCode,
    totalCost: toDecimal(r.totalCost),
    plannedStart: dateFromSql(r.plannedStart),
    plannedEnd: dateFromSql(r.plannedEnd),
    actualStart: dateFromSql(r.actualStart),
    actualEnd: dateFromSql(r.actualEnd),
    status: r.status as ProjectStatus,
    health: r.health as Health,
    progress: r.progress,
    version: r.version,
    deletedAt: dateFromSql(r.deletedAt),
    createdAt: dateFromSql(r.createdAt),
    updatedAt: dateFromSql(r.updatedAt),
    comune: r.comune,
    stream: r.stream,
    smartLand: r.smartLand,
    partners: r.partners.map((x) => ({ ...x, createdAt: dateFromSql(x.createdAt) })),
    fundingLines: r.fundingLines.map((f): FundingLine => ({
      ...f,
      source: f.source as FundingSource,
      amountPlanned: toDecimal(f.amountPlanned),
      amountCommitted: toDecimal(f.amountCommitted),
      amountPaid: toDecimal(f.amountPaid),
      createdAt: dateFromSql(f.createdAt),
      updatedAt: dateFromSql(f.updatedAt),
    })),
    actions: r.actions.map((a): Action => ({
      ...a,
      kind: a.kind as ActionKind,
      status: a.status as ActionStatus,
      dueDate: dateFromSql(a.dueDate),
      doneDate: dateFromSql(a.doneDate),
      createdAt: dateFromSql(a.createdAt),
      updatedAt: dateFromSql(a.updatedAt),
    })),
    indicators: r.indicators.map((i): Indicator => ({
      ...i,
      theme: i.theme as IndicatorTheme,
      baseline: toDecimal(i.baseline),
      target: toDecimal(i.target),
      actual: toDecimal(i.actual),
      createdAt: dateFromSql(i.createdAt),
      updatedAt: dateFromSql(i.updatedAt),
    })),
    publication: r.publication && {
      ...r.publication,
      publishedAt: dateFromSql(r.publication.publishedAt),
      planned: toDecimal(r.publication.planned),
      committed: toDecimal(r.publication.committed),
      paid: toDecimal(r.publication.paid),
    },
  };
}
