import type { Metadata } from "next";
import Link from "next/link";
import {
  CoverageSection,
  GapSection,
  NextYearsSection,
  RegionOverdueSection,
} from "@/components/rollup/planning-sections";
import { ProgrammeComparisonSection } from "@/components/programme/programme-comparison";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { requireActor } from "@/lib/auth/actor";
import { romeYear } from "@/lib/format";
import { AppError } from "@/lib/errors";
import { orNotFound } from "@/lib/http/page";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";
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
  // A chosen Smart Land: its programme plan vs adhered vs registered vs secured (one year if the filters
  // name exactly one).
  const oneYear = filters.yearFrom && filters.yearFrom === filters.yearTo ? filters.yearFrom : undefined;
  const [r, coverage, overdue, selects, programme] = await Promise.all([
    orNotFound(getRollup(actor, filters), "/regione/pianificazione"),
    orNotFound(getCoverageMatrix(actor, area), "/regione/pianificazione"),
    orNotFound(getOverdueActions(actor, filters), "/regione/pianificazione"),
    getRollupFilterOptions(actor),
    filters.smartLand
      ? // An unknown slug leaves the section out, as the roll-up's own sections show nothing for it.
        getPlanVsActual(actor, filters.smartLand, { year: oneYear, byComuneStream: false }).catch(
          (e: unknown) => {
            if (e instanceof AppError && e.code === "NOT_FOUND") return null;
            throw e;
          },
        )
      : null,
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
      {programme ? <ProgrammeComparisonSection data={programme} /> : null}
      <GapSection total={r.totals.gap} byStream={r.byStream} byComune={r.byComune} />
      <NextYearsSection byYear={r.byYear} thisYear={romeYear()} />
      <CoverageSection coverage={coverage} />
      <RegionOverdueSection actions={overdue} />
    </div>
  );
}
