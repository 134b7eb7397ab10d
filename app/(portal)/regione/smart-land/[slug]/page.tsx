import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GroupTable } from "@/components/rollup/group-table";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard, KpiGrid } from "@/components/ui/kpi-card";
import { SuccessNotice } from "@/components/ui/notice";
import { requireActor } from "@/lib/auth/actor";
import { formatEuro, formatNumber, formatPercent } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollup } from "@/lib/rollup/get-rollup";
import { canEditSmartLands } from "@/lib/smart-lands/manage-smart-lands";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Smart Land" };

const NOTICES: Record<string, string> = { creata: "Smart Land creata.", salvata: "Modifiche salvate." };

export default async function SmartLandPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { slug } = await params;
  const { esito } = cleanSearchParams(await searchParams);
  const actor = await requireActor();
  const r = await orNotFound(getRollup(actor, { smartLand: slug }), "/regione/smart-land/[slug]");
  const group = r.bySmartLand.find((g) => g.key === slug);
  if (!group) notFound();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/regione/smart-land">Smart Land</Link>
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Smart Land {group.name}</h1>
        <p className="flex gap-4 text-sm">
          <Link href={`/regione/smart-land/${slug}/programma`}>Piano di programma</Link>
          <Link href={`/regione/adesioni/${slug}`}>Adesioni</Link>
          <Link href={`/smart-land/${slug}`}>Pagina pubblica</Link>
          {canEditSmartLands(actor) ? (
            <Link href={`/regione/smart-land/${slug}/modifica`}>Modifica</Link>
          ) : null}
        </p>
      </div>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      <KpiGrid headingId="kpi" title="Totali" columns={4}>
        <KpiCard label="Interventi" value={formatNumber(r.totals.projects)} />
        <KpiCard label="Costo totale" value={formatEuro(r.totals.totalCost)} />
        <KpiCard label="Risorse previste" value={formatEuro(r.totals.planned)} />
        <KpiCard label="Fabbisogno scoperto" value={formatEuro(r.totals.gap)} />
      </KpiGrid>
      <DataTable
        caption="I comuni a confronto"
        rows={r.byComune}
        rowKey={(c) => c.key}
        columns={[
          { header: "Comune", cell: (c) => <Link href={`/comuni/${c.key}`}>{c.name}</Link> },
          { header: "Abitanti (2011)", cell: (c) => formatNumber(c.population), align: "right" },
          { header: "Interventi", cell: (c) => formatNumber(c.projects), align: "right" },
          { header: "Costo totale", cell: (c) => formatEuro(c.totalCost), align: "right" },
          {
            header: "Costo per abitante",
            cell: (c) => (c.population ? formatEuro(Number(c.totalCost) / c.population) : "—"),
            align: "right",
          },
          { header: "Previsto", cell: (c) => formatEuro(c.planned), align: "right" },
          { header: "Pagato", cell: (c) => formatEuro(c.paid), align: "right" },
          {
            header: "Pagato sul previsto",
            cell: (c) => (Number(c.planned) > 0 ? formatPercent(Number(c.paid) / Number(c.planned)) : "—"),
            align: "right",
          },
          { header: "Fabbisogno scoperto", cell: (c) => formatEuro(c.gap), align: "right" },
          { header: "Azioni in ritardo", cell: (c) => formatNumber(c.overdue), align: "right" },
        ]}
      />
      <GroupTable
        caption="Per filone di intervento"
        first="Filone"
        rows={r.byStream}
        href={(g) => `/regione?smart_land=${slug}&filone=${g.key}`}
      />
    </div>
  );
}
