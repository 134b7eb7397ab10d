import Link from "next/link";
import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import { CostAndPlannedChart, FundingByYearChart, fundingColumns } from "@/components/rollup/funding-charts";
import { KpiCard, KpiGrid } from "@/components/ui/kpi-card";
import { MarkupTable } from "@/components/ui/markup-table";
import type { ComuneDashboard } from "@/lib/projects/comune-dashboard";
import {
  ACTION_STATUS_LABELS,
  formatDate,
  formatEuro,
  formatPercent,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";

/** The dashboard's key figures; the counts lead to the project list and to the overdue actions. */
export function DashboardTotals({ d, listHref }: { d: ComuneDashboard; listHref: string }) {
  const paidShare = Number(d.funding.planned) > 0 ? Number(d.funding.paid) / Number(d.funding.planned) : 0;
  return (
    <KpiGrid headingId="kpi" title="Indicatori principali" columns={5}>
      <KpiCard label="Interventi" value={String(d.projectCount)} href={listHref} />
      <KpiCard label="Costo totale" value={formatEuro(d.totalCost)} href={listHref} />
      <KpiCard
        label="Risorse previste"
        value={formatEuro(d.funding.planned)}
        hint={`Impegnato ${formatEuro(d.funding.committed)}`}
      />
      <KpiCard
        label="Pagato su previsto"
        value={formatPercent(paidShare)}
        hint={formatEuro(d.funding.paid)}
      />
      <KpiCard label="Azioni in ritardo" value={String(d.overdueCount)} href="#azioni-in-ritardo" />
    </KpiGrid>
  );
}

/** A chart (if any: its name says its values are in the table) and its table, the accessible alternative. */
function ChartSection(props: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={`${props.id}-titolo`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${props.id}-titolo`} className="text-lg font-semibold">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/**
 * The dashboard's charts, each followed by its table; a row's first cell opens the project list filtered
 * by it. The tables are markup (MarkupTable): text and links only.
 */
export function DashboardCharts({ d, listHref: list }: { d: ComuneDashboard; listHref: string }) {
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <ChartSection id="fonti" title="Risorse per fonte di finanziamento">
        <BarChartCard
          categoryKey="label"
          format="euro"
          layout="vertical"
          data={d.fundingBySource.map((r) => ({
            label: SOURCE_LABELS[r.source],
            previsto: Number(r.planned),
          }))}
          series={[{ key: "previsto", label: "Previsto", color: PALETTE[0] }]}
        />
        <MarkupTable
          caption="Risorse per fonte di finanziamento"
          captionHidden
          rows={d.fundingBySource}
          columns={[
            {
              header: "Fonte",
              cell: (r) => ({ text: SOURCE_LABELS[r.source], href: `${list}?fonte=${r.source}` }),
            },
            ...fundingColumns<ComuneDashboard["fundingBySource"][number]>(),
          ]}
          empty="Nessuna risorsa registrata."
        />
      </ChartSection>
      <ChartSection id="filoni" title="Interventi per filone di intervento">
        <CostAndPlannedChart
          rows={d.byStream.map((r) => ({ ...r, label: r.code }))}
          plannedLabel="Risorse previste"
        />
        <MarkupTable
          caption="Interventi per filone di intervento"
          captionHidden
          rows={d.byStream}
          columns={[
            {
              header: "Filone",
              cell: (r) => ({ text: `${r.code} · ${r.name}`, href: `${list}?filone=${r.streamId}` }),
            },
            { header: "Interventi", cell: (r) => r.count, align: "right" },
            { header: "Costo totale", cell: (r) => formatEuro(r.totalCost), align: "right" },
            { header: "Risorse previste", cell: (r) => formatEuro(r.planned), align: "right" },
          ]}
          empty="Nessun intervento."
        />
      </ChartSection>
      <ChartSection id="anni" title="Previsto, impegnato e pagato per anno">
        <FundingByYearChart rows={d.byYear} />
        <MarkupTable
          caption="Previsto, impegnato e pagato per anno"
          captionHidden
          rows={d.byYear}
          columns={[
            { header: "Anno", cell: (r) => ({ text: String(r.year), href: `${list}?anno=${r.year}` }) },
            ...fundingColumns<ComuneDashboard["byYear"][number]>(),
          ]}
          empty="Nessuna risorsa registrata."
        />
      </ChartSection>
      <ChartSection id="azioni" title="Azioni per stato">
        <BarChartCard
          categoryKey="label"
          format="number"
          data={d.actionsByStatus.map((r) => ({ label: ACTION_STATUS_LABELS[r.status], azioni: r.count }))}
          series={[{ key: "azioni", label: "Azioni", color: PALETTE[2] }]}
        />
        <MarkupTable
          caption="Azioni per stato"
          captionHidden
          rows={d.actionsByStatus}
          columns={[
            { header: "Stato", cell: (r) => ACTION_STATUS_LABELS[r.status] },
            { header: "Azioni", cell: (r) => r.count, align: "right" },
          ]}
          empty="Nessuna azione."
        />
      </ChartSection>
      <ChartSection id="stati" title="Interventi per stato procedurale">
        <MarkupTable
          caption="Interventi per stato procedurale"
          captionHidden
          rows={d.projectsByStatus}
          columns={[
            {
              header: "Stato",
              cell: (r) => ({ text: STATUS_LABELS[r.status], href: `${list}?stato=${r.status}` }),
            },
            { header: "Interventi", cell: (r) => r.count, align: "right" },
            { header: "Costo totale", cell: (r) => formatEuro(r.totalCost), align: "right" },
          ]}
          empty="Nessun intervento registrato."
        />
      </ChartSection>
    </div>
  );
}

/** The overdue actions' table: each action with its due date and a link to its project. */
export function OverdueActionsTable(props: {
  rows: ComuneDashboard["overdueActions"];
  listHref: string;
  caption?: string;
}) {
  const listHref = props.listHref;
  return (
    <MarkupTable
      caption={props.caption ?? "Azioni in ritardo"}
      captionHidden
      rows={props.rows}
      columns={[
        { header: "Azione", cell: (r) => r.title },
        { header: "Scadenza", cell: (r) => formatDate(r.dueDate) },
        {
          header: "Intervento",
          cell: (r) => ({ text: r.projectTitle, href: `${listHref}/${r.projectId}` }),
        },
      ]}
      empty="Nessuna azione in ritardo."
    />
  );
}

/** «Azioni in ritardo» of the comune (the oldest ten), with a link to all of them when there are more. */
export function DashboardOverdueActions(props: { d: ComuneDashboard; listHref: string; allHref: string }) {
  const { d } = props;
  return (
    <section aria-labelledby="azioni-in-ritardo-titolo" id="azioni-in-ritardo">
      <h2 id="azioni-in-ritardo-titolo" className="mb-3 text-xl font-semibold">
        Azioni in ritardo ({d.overdueCount})
      </h2>
      <OverdueActionsTable rows={d.overdueActions} listHref={props.listHref} />
      {d.overdueCount > d.overdueActions.length ? (
        <p className="mt-2 text-sm">
          <Link href={props.allHref}>Vedi tutte le {d.overdueCount} azioni in ritardo</Link>
        </p>
      ) : null}
    </section>
  );
}
