import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import {
  ACTION_STATUS_LABELS,
  formatDate,
  formatEuro,
  HEALTH_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getProjectForActor } from "@/lib/projects/get-project";

export const metadata: Metadata = { title: "Intervento" };

export default async function ProjectPage({ params }: { params: Promise<{ istat: string; id: string }> }) {
  const { istat, id } = await params;
  const actor = await requireActor();
  const p = await orNotFound(getProjectForActor(actor, id));
  // The URL's comune must be the owner or, for a partner's read-only view, the partner comune.
  if (p.comuneIstat !== istat && !p.partners.some((x) => x.partnerIstat === istat)) notFound();
  return (
    <article className="space-y-8">
      <header>
        <p className="text-sm text-slate-700">
          Comune di {p.comune.name} · {p.stream.name}
          {p.access.isPartner ? " · Intervento in partenariato (sola lettura)" : ""}
        </p>
        <h1 className="text-3xl font-semibold">{p.title}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm md:grid-cols-4">
          <div>
            <dt className="text-slate-600">CUP</dt>
            <dd className="font-medium">{p.cup ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Stato procedurale</dt>
            <dd className="font-medium">{STATUS_LABELS[p.status]}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Andamento</dt>
            <dd className="font-medium">{HEALTH_LABELS[p.health]}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Costo totale</dt>
            <dd className="font-medium">{formatEuro(p.totalCost.toString())}</dd>
          </div>
        </dl>
        {p.summary ? <p className="mt-4 max-w-3xl text-slate-800">{p.summary}</p> : null}
      </header>
      <DataTable
        caption="Risorse"
        rows={p.fundingLines}
        rowKey={(r) => r.id}
        columns={[
          { header: "Fonte", cell: (r) => SOURCE_LABELS[r.source] },
          { header: "Programma", cell: (r) => r.programme || "—" },
          { header: "Anno", cell: (r) => r.year },
          { header: "Previsto", cell: (r) => formatEuro(r.amountPlanned.toString()), align: "right" },
          { header: "Impegnato", cell: (r) => formatEuro(r.amountCommitted.toString()), align: "right" },
          { header: "Pagato", cell: (r) => formatEuro(r.amountPaid.toString()), align: "right" },
        ]}
      />
      <DataTable
        caption="Azioni"
        rows={p.actions}
        rowKey={(r) => r.id}
        columns={[
          { header: "Azione", cell: (r) => r.title },
          { header: "Scadenza", cell: (r) => formatDate(r.dueDate) },
          { header: "Stato", cell: (r) => ACTION_STATUS_LABELS[r.status] },
          { header: "CIG", cell: (r) => r.cig ?? "—" },
        ]}
      />
    </article>
  );
}
