import type { Metadata } from "next";
import Link from "next/link";
import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import { RollupFilterForm } from "@/components/rollup/rollup-filters";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { formatDate, formatEuro, formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { parseRollupFilters, rollupQueryString } from "@/lib/rollup/filters";
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
  const thisYear = new Date().getUTCFullYear();
  const [r, coverage, overdue, selects] = await Promise.all([
    orNotFound(getRollup(actor, filters), "/regione/pianificazione"),
    orNotFound(getCoverageMatrix(actor, area), "/regione/pianificazione"),
    orNotFound(getOverdueActions(actor, filters), "/regione/pianificazione"),
    getRollupFilterOptions(actor),
  ]);
  const nextYears = Array.from({ length: 5 }, (_, i) => thisYear + i).map(
    (year) => r.byYear.find((y) => y.year === year) ?? { year, planned: "0", committed: "0", paid: "0" },
  );
  const gapByComune = [...r.byComune].sort((a, b) => Number(b.gap) - Number(a.gap)).slice(0, 25);
  const qs = rollupQueryString(filters);
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Pianificazione</h1>
        <Link href={`/regione${qs}`}>Torna al quadro regionale</Link>
      </div>
      <RollupFilterForm
        action="/regione/pianificazione"
        values={Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))}
        selects={selects}
      />

      <section aria-labelledby="gap-titolo" className="space-y-4">
        <h2 id="gap-titolo" className="text-xl font-semibold">
          Fabbisogno scoperto
        </h2>
        <p className="text-sm text-slate-700">
          Costo totale degli interventi meno le risorse previste. Totale:{" "}
          <strong>{formatEuro(r.totals.gap)}</strong>.
        </p>
        <DataTable
          caption="Fabbisogno scoperto per filone di intervento"
          rows={r.byStream}
          rowKey={(g) => g.key}
          columns={[
            { header: "Filone", cell: (g) => g.name },
            { header: "Interventi", cell: (g) => formatNumber(g.projects), align: "right" },
            { header: "Costo totale", cell: (g) => formatEuro(g.totalCost), align: "right" },
            { header: "Risorse previste", cell: (g) => formatEuro(g.secured), align: "right" },
            { header: "Fabbisogno scoperto", cell: (g) => formatEuro(g.gap), align: "right" },
          ]}
        />
        <DataTable
          caption="Fabbisogno scoperto per comune (i 25 più alti)"
          rows={gapByComune}
          rowKey={(g) => g.key}
          columns={[
            { header: "Comune", cell: (g) => <Link href={`/comuni/${g.key}`}>{g.name}</Link> },
            { header: "Interventi", cell: (g) => formatNumber(g.projects), align: "right" },
            { header: "Costo totale", cell: (g) => formatEuro(g.totalCost), align: "right" },
            { header: "Risorse previste", cell: (g) => formatEuro(g.secured), align: "right" },
            { header: "Fabbisogno scoperto", cell: (g) => formatEuro(g.gap), align: "right" },
          ]}
        />
      </section>

      <section aria-labelledby="anni-titolo" className="space-y-3">
        <h2 id="anni-titolo" className="text-xl font-semibold">
          Risorse nei prossimi 5 anni
        </h2>
        <BarChartCard
          categoryKey="anno"
          format="euro"
          data={nextYears.map((y) => ({
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
        <DataTable
          caption={`Previsto, impegnato e pagato ${thisYear}–${thisYear + 4}`}
          rows={nextYears}
          rowKey={(y) => String(y.year)}
          columns={[
            { header: "Anno", cell: (y) => y.year },
            { header: "Previsto", cell: (y) => formatEuro(y.planned), align: "right" },
            { header: "Impegnato", cell: (y) => formatEuro(y.committed), align: "right" },
            { header: "Pagato", cell: (y) => formatEuro(y.paid), align: "right" },
          ]}
        />
      </section>

      <section aria-labelledby="copertura-titolo" className="space-y-3">
        <h2 id="copertura-titolo" className="text-xl font-semibold">
          Copertura dei filoni
        </h2>
        <p className="text-sm text-slate-700">
          Interventi per comune e filone; le celle vuote indicano un filone ancora senza interventi nel
          comune.
          {coverage.truncated
            ? ` Sono mostrati i primi ${coverage.comuni.length} comuni su ${coverage.totalComuni}: filtra per provincia o Smart Land.`
            : ""}
        </p>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Copertura dei filoni: interventi per comune e filone</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  Comune
                </th>
                {coverage.streams.map((s) => (
                  <th key={s.id} scope="col" className="px-2 py-2 text-center" title={s.name}>
                    <abbr title={s.name}>{s.code}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {coverage.comuni.map((c) => (
                <tr key={c.istat} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-1.5 text-left font-normal">
                    <Link href={`/comuni/${c.istat}`}>{c.name}</Link>
                  </th>
                  {c.counts.map((n, i) => (
                    <td
                      key={coverage.streams[i].id}
                      className={`px-2 py-1.5 text-center tabular-nums ${n === 0 ? "bg-amber-50 text-amber-900" : ""}`}
                    >
                      {n === 0 ? <span aria-label="nessun intervento">–</span> : n}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="ritardi" aria-labelledby="ritardi-titolo" className="space-y-3">
        <h2 id="ritardi-titolo" className="text-xl font-semibold">
          Azioni in ritardo nella regione
        </h2>
        <DataTable
          caption="Azioni in ritardo (le 50 più vecchie)"
          rows={overdue}
          rowKey={(a) => a.id}
          columns={[
            { header: "Scadenza", cell: (a) => formatDate(a.dueDate) },
            { header: "Azione", cell: (a) => a.title },
            {
              header: "Intervento",
              cell: (a) => (
                <Link href={`/comuni/${a.comune}/interventi/${a.projectId}`}>{a.projectTitle}</Link>
              ),
            },
            { header: "Comune", cell: (a) => a.comuneName },
          ]}
          empty="Nessuna azione in ritardo."
        />
      </section>
    </div>
  );
}
