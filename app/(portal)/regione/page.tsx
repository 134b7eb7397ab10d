import type { Metadata } from "next";
import Link from "next/link";
import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import { ChoroplethMap } from "@/components/charts/choropleth-map";
import {
  ComuniTable,
  MAP_METRICS as METRICS,
  metricValue,
  parseMapMetric,
  type MapMetric as Metric,
} from "@/components/charts/comuni-table";
import { ExportLink } from "@/components/rollup/export-link";
import { GroupTable } from "@/components/rollup/group-table";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import { requireActor } from "@/lib/auth/actor";
import {
  formatDate,
  formatEuro,
  formatNumber,
  formatPercent,
  SOURCE_LABELS,
  THEME_LABELS,
} from "@/lib/format";
import type { FundingSource, Theme } from "@/lib/generated/prisma/enums";
import { getLombardyMap } from "@/lib/geo/lombardy-map";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { parseRollupFilters, rollupQueryString } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Quadro regionale" };

type SearchParams = Record<string, string | string[] | undefined>;

const TOP_COMUNI = 10;

const timeFormat = new Intl.DateTimeFormat("it-IT", { timeStyle: "short", timeZone: "Europe/Rome" });

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
  const withFilters = (extra: Record<string, string | undefined>) =>
    `/regione${rollupQueryString(filters, extra)}`;
  const values = Object.fromEntries(r.byComune.map((c) => [c.key, metricValue(c, metric)]));
  // The page shows the top of the map's ranking; every comune is in the table of /regione/comuni (at
  // Lombardy scale 1,503 rows here weighed 0.5 MB of HTML and as much again in the RSC payload).
  const top = r.byComune
    .filter((c) => metricValue(c, metric) !== null)
    .sort((a, b) => (metricValue(b, metric) ?? 0) - (metricValue(a, metric) ?? 0))
    .slice(0, TOP_COMUNI);
  const allComuniHref = `/regione/comuni${rollupQueryString(filters, { metrica: metric === "costo" ? undefined : metric })}`;
  const hrefs = Object.fromEntries(r.byComune.map((c) => [c.key, `/comuni/${c.key}`]));
  const exportHref = (table: string, format: "csv" | "xlsx") =>
    `/api/v1/rollup/export${rollupQueryString(filters, { tabella: table, formato: format })}`;
  const t = r.totals;
  const paidShare = Number(t.planned) > 0 ? Number(t.paid) / Number(t.planned) : null;

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
        values={Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))}
        selects={selects}
      />
      <p className="text-sm text-slate-700" data-testid="freshness">
        Dati aggiornati al {formatDate(r.refreshedAt)} alle {timeFormat.format(r.refreshedAt)}: le modifiche
        dei comuni compaiono entro un minuto.
      </p>

      <section aria-labelledby="kpi" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <h2 id="kpi" className="sr-only">
          Totali
        </h2>
        <KpiCard
          label="Interventi"
          value={formatNumber(t.projects)}
          hint={`${formatNumber(t.comuni)} comuni`}
        />
        <KpiCard label="Costo totale" value={formatEuro(t.totalCost)} />
        <KpiCard
          label="Risorse previste"
          value={formatEuro(t.planned)}
          hint={`Impegnato ${formatEuro(t.committed)}`}
        />
        <KpiCard
          label="Pagato"
          value={formatEuro(t.paid)}
          hint={`${formatPercent(paidShare)} del previsto`}
        />
        <KpiCard
          label="Fabbisogno scoperto"
          value={formatEuro(t.gap)}
          href={`/regione/pianificazione${qs}`}
        />
        <KpiCard
          label="Azioni in ritardo"
          value={formatNumber(t.overdue)}
          href={`/regione/pianificazione${qs}#ritardi`}
        />
      </section>

      <section
        aria-labelledby="mappa-titolo"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="mappa-titolo" className="text-xl font-semibold">
          Mappa dei comuni
        </h2>
        <p className="flex flex-wrap gap-3 text-sm">
          Indicatore:
          {(Object.keys(METRICS) as Metric[]).map((m) =>
            m === metric ? (
              <strong key={m} aria-current="true">
                {METRICS[m].label}
              </strong>
            ) : (
              <Link key={m} href={withFilters({ metrica: m })}>
                {METRICS[m].label}
              </Link>
            ),
          )}
        </p>
        <ChoroplethMap
          map={getLombardyMap()}
          values={values}
          metricLabel={METRICS[metric].label}
          format={METRICS[metric].format}
          hrefs={hrefs}
          title={`${METRICS[metric].label} per comune`}
          alternative="Gli stessi dati sono nella tabella di tutti i comuni, collegata sotto la mappa."
        />
        <p className="text-sm font-medium">
          <Link href={allComuniHref}>
            Tabella di tutti i comuni ({formatNumber(r.byComune.length)}, alternativa alla mappa)
          </Link>
        </p>
        <ComuniTable
          caption={`I ${TOP_COMUNI} comuni con il valore più alto: ${METRICS[metric].label.toLowerCase()}`}
          rows={top}
        />
      </section>

      <div className="grid gap-8 xl:grid-cols-2">
        <section aria-labelledby="filoni-titolo" className="space-y-3">
          <h2 id="filoni-titolo" className="text-xl font-semibold">
            Per filone di intervento
          </h2>
          <BarChartCard
            categoryKey="label"
            format="euro"
            layout="vertical"
            data={r.byStream.map((g) => ({
              label: g.name.split(" · ")[0],
              costo: Number(g.totalCost),
              previsto: Number(g.planned),
            }))}
            series={[
              { key: "costo", label: "Costo totale", color: PALETTE[0] },
              { key: "previsto", label: "Previsto", color: PALETTE[1] },
            ]}
          />
        </section>
        <section aria-labelledby="anni-titolo" className="space-y-3">
          <h2 id="anni-titolo" className="text-xl font-semibold">
            Risorse per anno
          </h2>
          <BarChartCard
            categoryKey="anno"
            format="euro"
            data={r.byYear.map((y) => ({
              anno: String(y.year),
              previsto: Number(y.planned),
              impegnato: Number(y.committed),
              pagato: Number(y.paid),
            }))}
            series={[
              { key: "previsto", label: "Previsto", color: PALETTE[0] },
              { key: "impegnato", label: "Impegnato", color: PALETTE[1] },
              { key: "pagato", label: "Pagato", color: PALETTE[2] },
            ]}
          />
        </section>
      </div>

      <GroupTable
        caption="Per filone di intervento"
        first="Filone"
        rows={r.byStream}
        href={(g) => withFilters({ filone: g.key })}
      />
      <GroupTable
        caption="Per tema (OpenCoesione)"
        first="Tema"
        rows={r.byTheme.map((g) => ({ ...g, name: THEME_LABELS[g.key as Theme] ?? g.name }))}
        href={(g) => withFilters({ tema: g.key })}
      />
      <GroupTable
        caption="Per provincia"
        first="Provincia"
        rows={r.byProvince}
        href={(g) => withFilters({ provincia: g.key })}
      />
      <GroupTable
        caption="Per Smart Land"
        first="Smart Land"
        rows={r.bySmartLand}
        href={(g) => `/regione/smart-land/${g.key}`}
      />
      <DataTable
        caption="Per fonte di finanziamento"
        rows={r.bySource}
        rowKey={(g) => g.key}
        columns={[
          {
            header: "Fonte",
            cell: (g) => (
              <Link href={withFilters({ fonte: g.key })}>{SOURCE_LABELS[g.key as FundingSource]}</Link>
            ),
          },
          { header: "Previsto", cell: (g) => formatEuro(g.planned), align: "right" },
          { header: "Impegnato", cell: (g) => formatEuro(g.committed), align: "right" },
          { header: "Pagato", cell: (g) => formatEuro(g.paid), align: "right" },
        ]}
      />
      <DataTable
        caption="Per anno"
        rows={r.byYear}
        rowKey={(g) => String(g.year)}
        columns={[
          { header: "Anno", cell: (g) => g.year },
          { header: "Previsto", cell: (g) => formatEuro(g.planned), align: "right" },
          { header: "Impegnato", cell: (g) => formatEuro(g.committed), align: "right" },
          { header: "Pagato", cell: (g) => formatEuro(g.paid), align: "right" },
        ]}
      />

      <section aria-labelledby="export-titolo" className="space-y-2">
        <h2 id="export-titolo" className="text-xl font-semibold">
          Esporta la vista corrente
        </h2>
        <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {[
            ["interventi", "Interventi"],
            ["filoni", "Per filone"],
            ["temi", "Per tema"],
            ["province", "Per provincia"],
            ["comuni", "Per comune"],
            ["fonti", "Per fonte"],
            ["anni", "Per anno"],
          ].map(([table, label]) => (
            <li key={table}>
              {label}:{" "}
              <ExportLink href={exportHref(table, "csv")} label="CSV" accessibleLabel={`${label}: CSV`} /> ·{" "}
              <ExportLink
                href={exportHref(table, "xlsx")}
                label="Excel"
                accessibleLabel={`${label}: Excel`}
              />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
