import type { Metadata } from "next";
import Link from "next/link";
import { OPEN_DATA_COLUMNS, OPEN_DATA_LICENCE } from "@/lib/public/open-data";
import { listPublicSmartLands } from "@/lib/public/public-data";
import { plural } from "@/lib/format/plural";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Dati aperti",
  description: "Gli interventi del programma Smart Land in formato aperto (CSV e JSON, licenza CC BY 4.0).",
};

export default async function OpenDataPage() {
  const smartLands = await listPublicSmartLands();
  return (
    <div className="max-w-4xl space-y-8">
      <div className="space-y-3">
        <h1 className="text-3xl font-semibold">Dati aperti</h1>
        <p>
          Gli interventi registrati dai comuni aderenti al programma Smart Land, con filone, tema, fonti di
          finanziamento, importi previsti, impegnati e pagati, stato procedurale e date. Le colonne seguono,
          dove possibile, quelle di OpenCoesione. I file non contengono dati personali.
        </p>
        <p>
          Licenza <a href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</a>: puoi riutilizzare i dati
          citando la fonte ({OPEN_DATA_LICENCE.attribution}). Gli indirizzi dei file sono stabili. Nel CSV
          (UTF-8, separatore «;», virgola decimale) la prima riga riporta licenza e fonte; il JSON le riporta
          nei campi <code>licenza</code> e <code>url</code>. Ogni intervento rimanda alla sua pagina pubblica
          (colonna <code>OC_LINK</code>); puoi anche <Link href="/progetti">cercare tra gli interventi</Link>.
        </p>
      </div>
      <section aria-labelledby="regione" className="space-y-2">
        <h2 id="regione" className="text-xl font-semibold">
          Tutta la Lombardia
        </h2>
        <ul className="list-disc pl-6">
          <li>
            <a href="/dati-aperti/interventi.csv">Interventi (CSV)</a>
          </li>
          <li>
            <a href="/dati-aperti/interventi.json">Interventi (JSON)</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="smart-land" className="space-y-2">
        <h2 id="smart-land" className="text-xl font-semibold">
          Per Smart Land
        </h2>
        <ul className="space-y-2">
          {smartLands.map((sl) => (
            <li key={sl.slug}>
              <Link href={`/smart-land/${sl.slug}`} className="font-medium">
                {sl.name} – {sl.phase}
              </Link>{" "}
              ({plural(sl._count.members, "comune", "comuni")}):{" "}
              <a href={`/dati-aperti/smart-land/${sl.slug}/interventi.csv`}>CSV</a> ·{" "}
              <a href={`/dati-aperti/smart-land/${sl.slug}/interventi.json`}>JSON</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="colonne" className="space-y-2">
        <h2 id="colonne" className="text-xl font-semibold">
          Colonne
        </h2>
        <p className="text-sm">{OPEN_DATA_COLUMNS.map((c) => c.header).join(" · ")}</p>
      </section>
    </div>
  );
}
