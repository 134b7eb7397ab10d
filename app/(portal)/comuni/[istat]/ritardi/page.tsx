import type { Metadata } from "next";
import Link from "next/link";
import { OverdueActionsTable } from "@/components/comuni/comune-dashboard";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams, pageNumber, type RawSearchParams } from "@/lib/http/search-params";
import { listOverdueActions } from "@/lib/projects/comune-dashboard";

export const metadata: Metadata = { title: "Azioni in ritardo" };

/** Every overdue action of the comune (the dashboard shows the oldest ten), a page at a time. */
export default async function OverdueActionsPage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { istat } = await props.params;
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const base = `/comuni/${istat}/ritardi`;
  const result = await orNotFound(listOverdueActions(actor, istat, pageNumber(params.pagina)), base);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/comuni/${istat}`}>← Cruscotto del Comune di {result.comune.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Azioni in ritardo ({formatNumber(result.total)})</h1>
      <OverdueActionsTable
        rows={result.actions}
        listHref={`/comuni/${istat}/interventi`}
        caption={`Azioni in ritardo del Comune di ${result.comune.name}`}
      />
      <Pager page={result.page} pages={result.pages} href={(page) => `${base}?pagina=${page}`} />
    </div>
  );
}
