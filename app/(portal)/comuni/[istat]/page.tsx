import type { Metadata } from "next";
import Link from "next/link";
import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import { MarkupTable } from "@/components/ui/markup-table";
import { KpiCard } from "@/components/ui/kpi-card";
import { requireActor } from "@/lib/auth/actor";
import {
  ACTION_STATUS_LABELS,
  formatDate,
  formatEuro,
  formatPercent,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getComuneDashboard } from "@/lib/projects/comune-dashboard";

export const metadata: Metadata = { title: "Cruscotto" };

export default async function ComuneDashboardPage({ params }: { params: Promise<{ istat: string }> }) {
  const { istat } = await params;
  const actor = await requireActor();
  const d = await orNotFound(getComuneDashboard(actor, istat), `/comuni/${istat}`);
  const comune = d.comune;
  const list = `/comuni/${istat}/interventi`;
  const paidShare = Number(d.funding.planned) > 0 ? Number(d.funding.paid) / Number(d.funding.planned) : 0;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm text-slate-700">
          {comune.province.name} ·{" "}
          {comune.smartLands.map((s) => `${s.smartLand.name} – ${s.smartLand.phase}`).join(", ")}
        </p>
        <h1 className="text-3xl font-semibold">Cruscotto del Comune di {comune.name}</h1>
      </div>

      <section aria-labelledby="kpi" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <h2 id="kpi" className="sr-only">
          Indicatori principali
        </h2>
        <KpiCard label="Interventi" value={String(d.projectCount)} href={list} />
        <KpiCard label="Costo totale" value={formatEuro(d.totalCost)} href={list} />
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
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <ChartSection id="fonti" title="Risorse per fonte di finanziamento">
          <BarChartCard
            describedBy="tab-fonti"
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
              { header: "Previsto", cell: (r) => formatEuro(r.planned), align: "right" },
              { header: "Impegnato", cell: (r) => formatEuro(r.committed), align: "right" },
              { header: "Pagato", cell: (r) => formatEuro(r.paid), align: "right" },
            ]}
            empty="Nessuna risorsa registrata."
          />
        </ChartSection>
        <ChartSection id="filoni" title="Interventi per filone di intervento">
          <BarChartCard
            describedBy="tab-filoni"
            categoryKey="label"
            format="euro"
            layout="vertical"
            data={d.byStream.map((r) => ({
              label: r.code,
              costo: Number(r.totalCost),
              previsto: Number(r.planned),
            }))}
            series={[
              { key: "costo", label: "Costo totale", color: PALETTE[0] },
              { key: "previsto", label: "Risorse previste", color: PALETTE[1] },
            ]}
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
          <BarChartCard
            describedBy="tab-anni"
            categoryKey="anno"
            format="euro"
            data={d.byYear.map((r) => ({
              anno: String(r.year),
              previsto: Number(r.planned),
              impegnato: Number(r.committed),
              pagato: Number(r.paid),
            }))}
            series={[
              { key: "previsto", label: "Previsto", color: PALETTE[0] },
              { key: "impegnato", label: "Impegnato", color: PALETTE[1] },
              { key: "pagato", label: "Pagato", color: PALETTE[2] },
            ]}
          />
          <MarkupTable
            caption="Previsto, impegnato e pagato per anno"
            captionHidden
            rows={d.byYear}
            columns={[
              { header: "Anno", cell: (r) => ({ text: String(r.year), href: `${list}?anno=${r.year}` }) },
              { header: "Previsto", cell: (r) => formatEuro(r.planned), align: "right" },
              { header: "Impegnato", cell: (r) => formatEuro(r.committed), align: "right" },
              { header: "Pagato", cell: (r) => formatEuro(r.paid), align: "right" },
            ]}
            empty="Nessuna risorsa registrata."
          />
        </ChartSection>
        <ChartSection id="azioni" title="Azioni per stato">
          <BarChartCard
            describedBy="tab-azioni"
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

      <section aria-labelledby="azioni-in-ritardo-titolo" id="azioni-in-ritardo">
        <h2 id="azioni-in-ritardo-titolo" className="mb-3 text-xl font-semibold">
          Azioni in ritardo ({d.overdueCount})
        </h2>
        <MarkupTable
          caption="Azioni in ritardo"
          captionHidden
          rows={d.overdueActions}
          columns={[
            { header: "Azione", cell: (r) => r.title },
            { header: "Scadenza", cell: (r) => formatDate(r.dueDate) },
            {
              header: "Intervento",
              cell: (r) => ({ text: r.projectTitle, href: `${list}/${r.projectId}` }),
            },
          ]}
          empty="Nessuna azione in ritardo."
        />
      </section>
      {d.partnerProjectCount > 0 ? (
        <p className="text-sm text-slate-700">
          Il Comune partecipa come partner a {d.partnerProjectCount} interventi di altri comuni (sola
          lettura): <Link href={`${list}?ambito=partner`}>vedi gli interventi in partenariato</Link>.
        </p>
      ) : null}
    </div>
  );
}

function ChartSection(props: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={`${props.id}-titolo`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${props.id}-titolo`} className="text-lg font-semibold">
        {props.title}
      </h2>
      <div id={`tab-${props.id}`} className="sr-only">
        I valori del grafico sono riportati nella tabella che segue.
      </div>
      {props.children}
    </section>
  );
}
