import type { Metadata } from "next";
import { MilestoneFilters, MilestoneTable } from "@/components/phases/milestone-list";
import { requireActor } from "@/lib/auth/actor";
import { formatIsoDate } from "@/lib/format/phases";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams, type RawSearchParams } from "@/lib/http/search-params";
import { listMilestones, milestoneFilterOptions, milestoneFiltersFromParams } from "@/lib/phases/milestones";

export const metadata: Metadata = { title: "Scadenze delle fasi" };

/** The coordinator's late and upcoming milestones across the region or one Smart Land. */
export default async function MilestonesPage(props: { searchParams: Promise<RawSearchParams> }) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const base = "/regione/scadenze";
  const filters = milestoneFiltersFromParams(params);
  const [options, page] = await orNotFound(
    Promise.all([milestoneFilterOptions(actor), listMilestones(actor, filters)]),
    base,
  );
  const href = (n: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...params, pagina: String(n) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${base}?${q}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">
        Scadenze delle fasi{page.smartLand ? ` – ${page.smartLand.name}` : ""}
      </h1>
      <p className="text-sm text-slate-700">
        Oggi è il {formatIsoDate(page.today)}. «In ritardo»: la fine prevista di una fase è passata e la fase
        non è conclusa. «In scadenza»: la fine prevista cade entro i giorni scelti.
      </p>
      <MilestoneFilters options={options} values={params} base={base} />
      <MilestoneTable page={page} href={href} />
    </div>
  );
}
