import type { Metadata } from "next";
import Link from "next/link";
import { parseMapMetric } from "@/components/charts/comuni-table";
import { RegionCharts, RegionTables } from "@/components/rollup/region-breakdowns";
import { RegionMapSection } from "@/components/rollup/region-map-section";
import { RegionTotals, RollupFreshness } from "@/components/rollup/region-totals";
import { RollupExportSection } from "@/components/rollup/rollup-export-section";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { requireActor } from "@/lib/auth/actor";
import { fitMapTo, getLombardyMap, lombardyGeometryUrl } from "@/lib/geo/lombardy-map";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { parseRollupFilters, rollupQueryString, yearFilterProblem } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Quadro regionale" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function RegionPage(props: { searchParams: Promise<SearchParams> }) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const filters = parseRollupFilters(params);
  const [r, selects] = await Promise.all([
    orNotFound(getRollup(actor, filters), "/regione"),
    getRollupFilterOptions(actor),
  ]);
  const metric = parseMapMetric(params.metrica);
  const qs = rollupQueryString(filters);
  const map = getLombardyMap();
  // The map opens on the filter's comuni: those of the Smart Land with projects in the roll-up, else the
  // province's (all of them, with or without projects).
  const focus = filters.smartLand
    ? r.byComune.map((c) => c.key)
    : filters.province
      ? map.comuni.filter((c) => c.provinceIstat === filters.province).map((c) => c.istat)
      : [];
  const withFilters = (extra: Record<string, string | undefined>) =>
    `/regione${rollupQueryString(filters, extra)}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Quadro regionale</h1>
        <nav aria-label="Viste regionali" className="flex gap-4 text-sm">
          <Link href={`/regione/pianificazione${qs}`}>Pianificazione</Link>
          <Link href="/regione/smart-land/sud-est-milano">Smart Land Sud Est Milano</Link>
        </nav>
      </div>
      <RollupFilterForm
        action="/regione"
        values={params}
        selects={selects}
        yearProblem={yearFilterProblem(params)}
      />
      <RollupFreshness refreshedAt={r.refreshedAt} />
      <RegionTotals totals={r.totals} planningHref={`/regione/pianificazione${qs}`} />
      <RegionMapSection
        map={map}
        geometryUrl={lombardyGeometryUrl()}
        initialView={fitMapTo(map, focus)}
        comuni={r.byComune}
        metric={metric}
        metricHref={(m) => withFilters({ metrica: m })}
        allComuniHref={`/regione/comuni${rollupQueryString(filters, { metrica: metric === "costo" ? undefined : metric })}`}
      />
      <RegionCharts byStream={r.byStream} byYear={r.byYear} />
      <RegionTables
        byStream={r.byStream}
        byTheme={r.byTheme}
        byProvince={r.byProvince}
        bySmartLand={r.bySmartLand}
        bySource={r.bySource}
        byYear={r.byYear}
        filterHref={withFilters}
      />
      <RollupExportSection
        exportHref={(table, format) =>
          `/api/v1/rollup/export${rollupQueryString(filters, { tabella: table, formato: format })}`
        }
      />
    </div>
  );
}
