import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inOrder } from "@/lib/db";
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

/** The choices of the roll-up filter form, by URL parameter name. */
export async function getRollupFilterOptions(actor: Actor) {
  const [provinces, smartLands, streams] = await withReader(actor, (tx) =>
    inOrder([
      tx.province.findMany({ orderBy: { name: "asc" } }),
      tx.smartLand.findMany({ orderBy: { name: "asc" } }),
      tx.stream.findMany({ orderBy: { code: "asc" } }),
    ]),
  );
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
