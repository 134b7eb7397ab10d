import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { formatEuro, formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollup } from "@/lib/rollup/get-rollup";
import { canEditSmartLands } from "@/lib/smart-lands/manage-smart-lands";

export const metadata: Metadata = { title: "Smart Land" };

export default async function SmartLandsPage() {
  const actor = await requireActor();
  const r = await orNotFound(getRollup(actor, {}), "/regione/smart-land");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Smart Land</h1>
        {canEditSmartLands(actor) ? (
          <Link
            href="/regione/smart-land/nuova"
            className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
          >
            Nuova Smart Land
          </Link>
        ) : null}
      </div>
      <DataTable
        caption="Le Smart Land"
        captionHidden
        rows={r.bySmartLand}
        rowKey={(s) => s.key}
        empty="Nessuna Smart Land."
        columns={[
          { header: "Smart Land", cell: (s) => <Link href={`/regione/smart-land/${s.key}`}>{s.name}</Link> },
          { header: "Interventi", cell: (s) => formatNumber(s.projects), align: "right" },
          { header: "Costo totale", cell: (s) => formatEuro(s.totalCost), align: "right" },
          { header: "Risorse previste", cell: (s) => formatEuro(s.planned), align: "right" },
          { header: "Pagina pubblica", cell: (s) => <Link href={`/smart-land/${s.key}`}>Apri</Link> },
        ]}
      />
    </div>
  );
}
