import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportForm } from "@/components/import/import-form";
import { ImportGuide } from "@/components/import/import-guide";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { orNotFound } from "@/lib/http/page";
import { HEADERS } from "@/lib/import/layout";
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from "@/lib/import/read-file";
import { getStreamOptions } from "@/lib/projects/form-options";

export const metadata: Metadata = { title: "Importa interventi da file" };

export default async function ImportPage({ params }: { params: Promise<{ istat: string }> }) {
  const { istat } = await params;
  const actor = await requireActor();
  // Only the comune's own officers import into it; anyone else gets the 404 page.
  if (!can(actor, "projects.write", istat)) notFound();
  const comune = await orNotFound(getComuneForActor(actor, istat), "/comuni/[istat]/interventi/importa");
  const streams = await getStreamOptions(actor);
  const api = `/api/v1/comuni/${istat}`;
  const base = `/comuni/${istat}/interventi`;

  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link href={base}>← Interventi del Comune di {comune.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Importa interventi da file</h1>
      <p>
        Carica un file CSV o XLSX con gli interventi del Comune di {comune.name}, le loro risorse e le loro
        azioni. Prima di salvare vedrai un&apos;anteprima con le modifiche e gli eventuali errori: non viene
        salvato nulla finché non confermi, e se anche una sola riga contiene errori non viene importato
        niente.
      </p>
      <ImportGuide
        apiHref={api}
        headers={HEADERS}
        maxFileBytes={MAX_FILE_BYTES}
        maxDataRows={MAX_DATA_ROWS}
        streams={streams}
      />
      <section aria-labelledby="carica" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="carica" className="text-xl font-semibold">
          2. Carica il file e controlla l&apos;anteprima
        </h2>
        <ImportForm endpoint={`${api}/import`} listHref={base} columns={HEADERS} />
      </section>
    </div>
  );
}
