import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { SuccessNotice } from "@/components/ui/notice";
import { requireActor } from "@/lib/auth/actor";
import { formatNumber, PNRR_MISSION_LABELS, THEME_LABELS, VALUE_LABELS } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { listStreamsForActor } from "@/lib/streams/manage-streams";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Filoni di intervento" };

const NOTICES: Record<string, string> = { eliminato: "Filone eliminato." };

export default async function StreamsPage(props: { searchParams: Promise<{ esito?: string }> }) {
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const streams = await orNotFound(listStreamsForActor(actor), "/regione/filoni");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold">Filoni di intervento</h1>
        <Link
          href="/regione/filoni/nuovo"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
        >
          Nuovo filone
        </Link>
      </div>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      <p className="max-w-3xl text-sm text-slate-700">
        Un filone archiviato resta sugli interventi che già lo usano ma non è più proposto per i nuovi. Si può
        eliminare solo un filone che nessun intervento ha mai usato.
      </p>
      <DataTable
        caption="Filoni di intervento"
        captionHidden
        rows={streams}
        rowKey={(s) => s.id}
        columns={[
          { header: "Codice", cell: (s) => <Link href={`/regione/filoni/${s.id}`}>{s.code}</Link> },
          { header: "Nome", cell: (s) => s.name },
          { header: "Tema", cell: (s) => THEME_LABELS[s.theme] },
          {
            header: "Missione PNRR",
            cell: (s) => (s.pnrrMission ? PNRR_MISSION_LABELS[s.pnrrMission] : "—"),
          },
          { header: "Valori", cell: (s) => s.values.map((v) => VALUE_LABELS[v]).join(", ") },
          { header: "Interventi", cell: (s) => formatNumber(s._count.projects), align: "right" },
          { header: "Stato", cell: (s) => (s.archived ? "Archiviato" : "Attivo") },
        ]}
      />
    </div>
  );
}
