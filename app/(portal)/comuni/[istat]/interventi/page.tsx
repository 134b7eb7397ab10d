import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { formatEuro, HEALTH_LABELS, STATUS_LABELS } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { listProjects } from "@/lib/projects/list-projects";

export const metadata: Metadata = { title: "Interventi" };

export default async function ProjectListPage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { istat } = await props.params;
  const search = await props.searchParams;
  const actor = await requireActor();
  const comune = await orNotFound(getComuneForActor(actor, istat));
  const page = Number(search.pagina ?? 1) || 1;
  const result = await listProjects(actor, { comuneIstat: istat, page });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Interventi del Comune di {comune.name}</h1>
      <DataTable
        caption={`${result.total} interventi`}
        rows={result.items}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Intervento",
            cell: (r) => <Link href={`/comuni/${istat}/interventi/${r.id}`}>{r.title}</Link>,
          },
          { header: "CUP", cell: (r) => r.cup ?? "—" },
          { header: "Filone", cell: (r) => r.stream.name },
          { header: "Stato", cell: (r) => STATUS_LABELS[r.status] },
          { header: "Andamento", cell: (r) => HEALTH_LABELS[r.health] },
          { header: "Costo totale", cell: (r) => formatEuro(r.totalCost.toString()), align: "right" },
        ]}
        empty="Nessun intervento."
      />
      <p className="text-sm text-slate-700">
        Pagina {result.page} di {result.pages}
      </p>
    </div>
  );
}
