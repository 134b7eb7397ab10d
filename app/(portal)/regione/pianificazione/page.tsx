import type { Metadata } from "next";
import Link from "next/link";
import {
  CoverageSection,
  GapSection,
  NextYearsSection,
  RegionOverdueSection,
} from "@/components/rollup/planning-sections";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { requireActor } from "@/lib/auth/actor";
import { romeYear } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { parseRollupFilters, rollupQueryString, yearFilterProblem } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { getCoverageMatrix, getOverdueActions } from "@/lib/rollup/planning";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Pianificazione" };

export default async function PlanningPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const filters = parseRollupFilters(params);
  // Coverage needs a bounded area: the demo Smart Land unless a province or Smart Land is chosen.
  const area = filters.province || filters.smartLand ? filters : { ...filters, smartLand: "sud-est-milano" };
  const [r, coverage, overdue, selects] = await Promise.all([
    orNotFound(getRollup(actor, filters), "/regione/pianificazione"),
    orNotFound(getCoverageMatrix(actor, area), "/regione/pianificazione"),
    orNotFound(getOverdueActions(actor, filters), "/regione/pianificazione"),
    getRollupFilterOptions(actor),
  ]);
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Pianificazione</h1>
        <Link href={`/regione${rollupQueryString(filters)}`}>Torna al quadro regionale</Link>
      </div>
      <RollupFilterForm
        action="/regione/pianificazione"
        values={params}
        selects={selects}
        yearProblem={yearFilterProblem(params)}
      />
      <GapSection total={r.totals.gap} byStream={r.byStream} byComune={r.byComune} />
      <NextYearsSection byYear={r.byYear} thisYear={romeYear()} />
      <CoverageSection coverage={coverage} />
      <RegionOverdueSection actions={overdue} />
    </div>
  );
}
