import type { Metadata } from "next";
import Link from "next/link";
import { ComuniTable, MAP_METRICS, parseMapMetric } from "@/components/charts/comuni-table";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { requireActor } from "@/lib/auth/actor";
import { formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { parseRollupFilters, rollupQueryString, yearFilterProblem } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Tutti i comuni" };

/** Rows per page: the whole of Lombardy in one table weighed about 1 MB of HTML and RSC payload. */
const PAGE_SIZE = 100;

/** The regional map's table alternative: every comune with its figures, same filters as /regione. */
export default async function RegionComuniPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const filters = parseRollupFilters(params);
  const [r, selects] = await Promise.all([
    orNotFound(getRollup(actor, filters), "/regione/comuni"),
    getRollupFilterOptions(actor),
  ]);
  const metric = parseMapMetric(params.metrica);
  const metricParam = metric === "costo" ? undefined : metric;
  const pages = Math.max(1, Math.ceil(r.byComune.length / PAGE_SIZE));
  const page = Math.min(pageNumber(params.pagina), pages);
  const rows = r.byComune.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const pageHref = (p: number) =>
    `/regione/comuni${rollupQueryString(filters, { metrica: metricParam, pagina: p > 1 ? String(p) : undefined })}`;
  const exportHref = (format: "csv" | "xlsx") =>
    `/api/v1/rollup/export${rollupQueryString(filters, { tabella: "comuni", formato: format })}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Tutti i comuni</h1>
        <Link href={`/regione${rollupQueryString(filters, { metrica: metricParam })}`}>
          Torna al quadro regionale
        </Link>
      </div>
      <p className="max-w-3xl text-slate-800">
        I valori della mappa del quadro regionale ({MAP_METRICS[metric].label.toLowerCase()} e gli altri
        indicatori), un comune per riga in ordine alfabetico, con gli stessi filtri. Tabella completa:{" "}
        <a href={exportHref("csv")}>CSV</a> · <a href={exportHref("xlsx")}>Excel</a>.
      </p>
      <RollupFilterForm
        action="/regione/comuni"
        values={params}
        selects={selects}
        yearProblem={yearFilterProblem(params)}
      />
      <ComuniTable
        caption={
          r.byComune.length > PAGE_SIZE
            ? `Valori per comune: da ${formatNumber((page - 1) * PAGE_SIZE + 1)} a ${formatNumber((page - 1) * PAGE_SIZE + rows.length)} di ${formatNumber(r.byComune.length)}`
            : `Valori per comune (${formatNumber(r.byComune.length)})`
        }
        rows={rows}
      />
      {pages > 1 ? (
        <nav aria-label="Pagine della tabella dei comuni">
          <ul className="flex flex-wrap gap-x-3 gap-y-2 text-sm">
            {Array.from({ length: pages }, (_, i) => i + 1).map((p) => {
              const first = r.byComune[(p - 1) * PAGE_SIZE].name;
              const label = `Pagina ${p}: da ${first}`;
              return (
                <li key={p}>
                  {p === page ? (
                    <span aria-current="page" className="font-semibold">
                      {label}
                    </span>
                  ) : (
                    <Link href={pageHref(p)}>{label}</Link>
                  )}
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
