import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inOrder } from "@/lib/db";
import { sharedLru } from "@/lib/cache/lru";
import { withReader } from "@/lib/db/reader";
import {
  FUNDING_SOURCES,
  HEALTH_LABELS,
  HEALTHS,
  PROJECT_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
  THEMES,
} from "@/lib/format";
import { taxonomyState } from "./get-rollup";

type FilterOptions = ReturnType<typeof optionsOf>;

// The choices are the same for every reader; cached per taxonomy state (taxonomyState: an edit of a Smart
// Land or a stream changes it) and for a minute at most. Every roll-up page asked for them again: a reader
// transaction of three Prisma queries per view.
const cache = sharedLru<{ at: number; options: FilterOptions }>("rollup-filter-options", 8);
const MAX_AGE_MS = 60_000;

/** The choices of the roll-up filter form, by URL parameter name. */
export async function getRollupFilterOptions(actor: Actor): Promise<FilterOptions> {
  const key = await taxonomyState();
  const hit = cache.get(key);
  if (hit && performance.now() - hit.at <= MAX_AGE_MS) return hit.options;
  const [provinces, smartLands, streams] = await withReader(actor, (tx) =>
    inOrder([
      tx.province.findMany({ orderBy: { name: "asc" } }),
      tx.smartLand.findMany({ orderBy: { name: "asc" } }),
      tx.stream.findMany({ orderBy: { code: "asc" } }),
    ]),
  );
  const options = optionsOf(provinces, smartLands, streams);
  cache.set(key, { at: performance.now(), options });
  return options;
}

function optionsOf(
  provinces: { istat: string; name: string }[],
  smartLands: { slug: string; name: string; phase: string }[],
  streams: { id: string; code: string; name: string }[],
) {
  return [
    {
      name: "provincia",
      label: "Provincia",
      options: provinces.map((p) => ({ value: p.istat, label: p.name })),
    },
    {
      name: "smart_land",
      label: "Smart Land",
      options: smartLands.map((s) => ({ value: s.slug, label: `${s.name} – ${s.phase}` })),
    },
    {
      name: "filone",
      label: "Filone",
      options: streams.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
    },
    { name: "tema", label: "Tema", options: THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] })) },
    {
      name: "fonte",
      label: "Fonte",
      options: FUNDING_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
    },
    {
      name: "stato",
      label: "Stato",
      options: PROJECT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    },
    {
      name: "andamento",
      label: "Andamento",
      options: HEALTHS.map((s) => ({ value: s, label: HEALTH_LABELS[s] })),
    },
  ];
}
