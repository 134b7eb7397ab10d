import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import { requireActor } from "@/lib/auth/actor";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { formatDate, formatEuro, formatPercent, SOURCE_LABELS, STATUS_LABELS } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getComuneDashboard } from "@/lib/projects/comune-dashboard";

export const metadata: Metadata = { title: "Cruscotto" };

export default async function ComuneDashboardPage({ params }: { params: Promise<{ istat: string }> }) {
  const { istat } = await params;
  const actor = await requireActor();
  const comune = await orNotFound(getComuneForActor(actor, istat));
  const d = await orNotFound(getComuneDashboard(actor, istat));
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
        <DataTable
          caption="Interventi per stato procedurale"
          rows={d.projectsByStatus}
          rowKey={(r) => r.status}
          columns={[
            {
              header: "Stato",
              cell: (r) => <Link href={`${list}?stato=${r.status}`}>{STATUS_LABELS[r.status]}</Link>,
            },
            { header: "Interventi", cell: (r) => r.count, align: "right" },
            { header: "Costo totale", cell: (r) => formatEuro(r.totalCost), align: "right" },
          ]}
          empty="Nessun intervento registrato."
        />
        <DataTable
          caption="Risorse per fonte di finanziamento"
          rows={d.fundingBySource}
          rowKey={(r) => r.source}
          columns={[
            { header: "Fonte", cell: (r) => SOURCE_LABELS[r.source] },
            { header: "Previsto", cell: (r) => formatEuro(r.planned), align: "right" },
            { header: "Impegnato", cell: (r) => formatEuro(r.committed), align: "right" },
            { header: "Pagato", cell: (r) => formatEuro(r.paid), align: "right" },
          ]}
          empty="Nessuna risorsa registrata."
        />
      </div>

      <section aria-labelledby="azioni-in-ritardo-titolo" id="azioni-in-ritardo">
        <h2 id="azioni-in-ritardo-titolo" className="mb-3 text-xl font-semibold">
          Azioni in ritardo ({d.overdueCount})
        </h2>
        <DataTable
          caption="Azioni in ritardo"
          captionHidden
          rows={d.overdueActions}
          rowKey={(r) => r.id}
          columns={[
            { header: "Azione", cell: (r) => r.title },
            { header: "Scadenza", cell: (r) => formatDate(r.dueDate) },
            {
              header: "Intervento",
              cell: (r) => <Link href={`${list}/${r.projectId}`}>{r.projectTitle}</Link>,
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
