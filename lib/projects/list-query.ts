import { FUNDING_SOURCES, HEALTHS, PROJECT_STATUSES } from "@/lib/format";
import type { FundingSource, Health, ProjectStatus } from "@/lib/generated/prisma/enums";
import { pageNumber, paramValue } from "@/lib/http/search-params";
import { PROJECT_SORTS, type ProjectListQuery, type ProjectSort } from "./list-projects";

/** The project list's filters as they live in the URL (Italian parameter names, bookmarkable). */
export type ListSearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => paramValue(v) || undefined;
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

export function parseListParams(params: ListSearchParams): ProjectListQuery {
  const year = Number(one(params.anno));
  return {
    q: one(params.q),
    streamId: one(params.filone),
    status: pick<ProjectStatus>(one(params.stato), PROJECT_STATUSES),
    health: pick<Health>(one(params.andamento), HEALTHS),
    source: pick<FundingSource>(one(params.fonte), FUNDING_SOURCES),
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined,
    scope: pick(one(params.ambito), ["own", "partner", "all"] as const) ?? "own",
    deleted: one(params.eliminati) === "1",
    sort: pick<ProjectSort>(one(params.ordina), PROJECT_SORTS),
    dir: pick(one(params.verso), ["asc", "desc"] as const),
    page: pageNumber(params.pagina),
  };
}

/** The URL of the list with some parameters changed (undefined removes one). */
export function listHref(
  base: string,
  params: ListSearchParams,
  changes: Record<string, string | undefined>,
) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) {
    const value = one(v);
    if (value) sp.set(k, value);
  }
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}
