import { FUNDING_SOURCES, HEALTHS, PROJECT_STATUSES, THEMES } from "@/lib/format";
import type { FundingSource, Health, ProjectStatus, Theme } from "@/lib/generated/prisma/enums";
import { paramValue } from "@/lib/http/search-params";
import { isUuid } from "@/lib/ids.mjs";

/** The roll-up's filters. They live in the URL (Italian names) so a view can be bookmarked and shared. */
export type RollupFilters = {
  province?: string;
  smartLand?: string; // slug
  streamId?: string;
  theme?: Theme;
  source?: FundingSource;
  status?: ProjectStatus;
  health?: Health;
  yearFrom?: number;
  yearTo?: number;
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => paramValue(v)?.trim() || undefined;
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
const year = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : undefined;
};

export const YEAR_FILTER_MESSAGES = {
  invalid: "Inserisci un anno tra il 1990 e il 2100: il filtro sugli anni è stato ignorato.",
  reversed: "L'anno iniziale è successivo a quello finale: il filtro sugli anni è stato ignorato.",
} as const;

/** The years' range, null when `anno_da` > `anno_a` (then both are ignored). */
function years(params: Params) {
  const from = year(one(params.anno_da));
  const to = year(one(params.anno_a));
  return from !== undefined && to !== undefined && from > to ? null : { from, to };
}

/** What is wrong with the year filters, to show beside them (they are then ignored), or undefined. */
export function yearFilterProblem(params: Params): string | undefined {
  const given = [one(params.anno_da), one(params.anno_a)].filter((v) => v !== undefined);
  if (given.some((v) => year(v) === undefined)) return YEAR_FILTER_MESSAGES.invalid;
  return years(params) ? undefined : YEAR_FILTER_MESSAGES.reversed;
}

/**
 * Unknown or malformed values are ignored rather than refused: a shared link never breaks the page (the page
 * says why a year filter was ignored: yearFilterProblem).
 */
export function parseRollupFilters(params: Params): RollupFilters {
  const range = years(params);
  const province = one(params.provincia);
  // `smartland`: the older name, still in bookmarked links (the API accepts it too: lib/api/queries.ts).
  const smartLand = one(params.smart_land) ?? one(params.smartland);
  const streamId = one(params.filone);
  return {
    province: province && /^\d{3}$/.test(province) ? province : undefined,
    smartLand: smartLand && /^[a-z0-9-]{1,80}$/.test(smartLand) ? smartLand : undefined,
    streamId: isUuid(streamId) ? streamId : undefined,
    theme: pick<Theme>(one(params.tema), THEMES),
    source: pick<FundingSource>(one(params.fonte), FUNDING_SOURCES),
    status: pick<ProjectStatus>(one(params.stato), PROJECT_STATUSES),
    health: pick<Health>(one(params.andamento), HEALTHS),
    yearFrom: range?.from,
    yearTo: range?.to,
  };
}

const PARAM_NAMES: Record<keyof RollupFilters, string> = {
  province: "provincia",
  smartLand: "smart_land",
  streamId: "filone",
  theme: "tema",
  source: "fonte",
  status: "stato",
  health: "andamento",
  yearFrom: "anno_da",
  yearTo: "anno_a",
};

export function rollupQueryString(
  filters: RollupFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const sp = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof RollupFilters, string][]) {
    const value = filters[key];
    if (value !== undefined) sp.set(name, String(value));
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) sp.set(k, v);
  const qs = sp.toString();
  return qs ? `?${qs}` : "";
}
