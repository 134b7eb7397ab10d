import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import { requireActor } from "@/lib/auth/actor";
import { formatEuro } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRegionalOverview, type AreaTotals } from "@/lib/rollup/regional-overview";

export const metadata: Metadata = { title: "Quadro regionale" };

const columns = (first: string) => [
  { header: first, cell: (r: AreaTotals) => r.name },
  { header: "Comuni aderenti", cell: (r: AreaTotals) => r.comuni, align: "right" as const },
  { header: "Interventi", cell: (r: AreaTotals) => r.projects, align: "right" as const },
  { header: "Costo totale", cell: (r: AreaTotals) => formatEuro(r.totalCost), align: "right" as const },
  { header: "Previsto", cell: (r: AreaTotals) => formatEuro(r.planned), align: "right" as const },
  { header: "Impegnato", cell: (r: AreaTotals) => formatEuro(r.committed), align: "right" as const },
  { header: "Pagato", cell: (r: AreaTotals) => formatEuro(r.paid), align: "right" as const },
];

export default async function RegionPage() {
  const actor = await requireActor();
  const o = await orNotFound(getRegionalOverview(actor));
  const total = (k: "projects" | "totalCost" | "planned" | "paid") =>
    o.byProvince.reduce((acc, r) => acc + Number(r[k]), 0);
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold">Quadro regionale</h1>
      <section aria-labelledby="kpi" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <h2 id="kpi" className="sr-only">
          Totali regionali
        </h2>
        <KpiCard label="Interventi" value={String(total("projects"))} />
        <KpiCard label="Costo totale" value={formatEuro(total("totalCost"))} />
        <KpiCard label="Risorse previste" value={formatEuro(total("planned"))} />
        <KpiCard label="Pagato" value={formatEuro(total("paid"))} />
      </section>
      <DataTable
        caption="Totali per provincia"
        rows={o.byProvince}
        rowKey={(r) => r.key}
        columns={columns("Provincia")}
      />
      <DataTable
        caption="Totali per Smart Land"
        rows={o.bySmartLand}
        rowKey={(r) => r.key}
        columns={columns("Smart Land")}
        empty="Nessuna Smart Land."
      />
    </div>
  );
}
