import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { StreamForm } from "@/components/taxonomy/stream-form";
import { SuccessNotice } from "@/components/ui/notice";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { getStreamForActor } from "@/lib/streams/manage-streams";
import { archiveStreamAction, deleteStreamAction, updateStreamAction } from "../actions";
import { STREAM_FORM_OPTIONS } from "../options";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";
import { plural } from "@/lib/format/plural";

export const metadata: Metadata = { title: "Filone di intervento" };

const NOTICES: Record<string, string> = {
  creato: "Filone creato.",
  salvato: "Modifiche salvate.",
  archiviato: "Filone archiviato: non sarà più proposto per i nuovi interventi.",
  ripristinato: "Filone di nuovo attivo.",
};

export default async function StreamPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { id } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const s = await orNotFound(getStreamForActor(actor, id), "/regione/filoni/[id]");
  const here = `/regione/filoni/${s.id}`;
  const fields = { id: s.id, version: String(s.version) };
  return (
    <div className="max-w-3xl space-y-8">
      <p className="text-sm">
        <Link href="/regione/filoni">Filoni di intervento</Link>
      </p>
      <div>
        <h1 className="text-3xl font-semibold">
          {s.code} · {s.name}
        </h1>
        <p className="text-sm text-slate-700">
          {s.archived ? "Archiviato" : "Attivo"} · {plural(s._count.projects, "intervento", "interventi")}
        </p>
      </div>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      <StreamForm
        key={s.version}
        action={updateStreamAction}
        saved={s}
        {...STREAM_FORM_OPTIONS}
        submitLabel="Salva il filone"
        reloadHref={here}
      />
      <section aria-labelledby="stato" className="space-y-4 border-t border-slate-200 pt-6">
        <h2 id="stato" className="text-xl font-semibold">
          Archiviazione ed eliminazione
        </h2>
        <ActionButton
          action={archiveStreamAction}
          fields={{ ...fields, archived: String(!s.archived) }}
          label={s.archived ? "Riattiva il filone" : "Archivia il filone"}
          variant="secondary"
          reloadHref={here}
        />
        <ActionButton
          action={deleteStreamAction}
          fields={fields}
          label="Elimina il filone"
          variant="danger"
          confirm="Eliminare definitivamente il filone?"
          reloadHref={here}
        />
      </section>
    </div>
  );
}
