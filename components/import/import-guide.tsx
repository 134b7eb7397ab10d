import { ExportLink } from "@/components/rollup/export-link";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";

const FORMATS = ["xlsx", "csv"] as const;

const list = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((l) => `«${l}»`)
    .join(", ");

/**
 * «1. Prepara il file»: the empty template and the current projects to start from, and how to fill the file
 * (its columns, how existing records are matched, formats, limits, the codes each column accepts).
 */
export function ImportGuide(props: {
  /** The comune's API base, `/api/v1/comuni/<istat>`. */
  apiHref: string;
  headers: readonly string[];
  maxFileBytes: number;
  maxDataRows: number;
  streams: { label: string }[];
}) {
  const api = props.apiHref;
  return (
    <section aria-labelledby="modello" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="modello" className="text-xl font-semibold">
        1. Prepara il file
      </h2>
      <p>
        Parti dal modello vuoto oppure dall&apos;esportazione degli interventi attuali, che ha le stesse
        colonne: puoi modificarla e ricaricarla.
      </p>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {FORMATS.map((format) => (
          <li key={`modello-${format}`}>
            <a href={`${api}/export?formato=${format}&modello=1`} download>
              {`Scarica il modello ${format.toUpperCase()}`}
            </a>
          </li>
        ))}
        {FORMATS.map((format) => (
          <li key={format}>
            <ExportLink
              href={`${api}/export?formato=${format}`}
              label={`Esporta gli interventi attuali (${format.toUpperCase()})`}
              accessibleLabel={`Esporta gli interventi attuali (${format.toUpperCase()})`}
            />
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Come compilare il file</summary>
        <div className="mt-2 space-y-2">
          <p>
            Una riga per ogni intervento, risorsa, azione, indicatore o comune partner. La colonna «Tipo riga»
            dice di che cosa si tratta: <strong>INTERVENTO</strong>, <strong>RISORSA</strong> (fonte di
            finanziamento), <strong>AZIONE</strong>, <strong>INDICATORE</strong> o <strong>PARTNER</strong>{" "}
            (comune partner, con il codice ISTAT o il nome). Ogni riga porta il CUP o il codice locale
            dell&apos;intervento a cui si riferisce; le colonne che non riguardano il tipo di riga restano
            vuote. Il modello XLSX ha gli elenchi a discesa dei valori ammessi, un foglio «Istruzioni» con la
            spiegazione di ogni colonna e un esempio per ogni tipo di riga.
          </p>
          <p>Colonne, nell&apos;ordine del modello: {props.headers.join(", ")}.</p>
          <p>
            <strong>Il tuo foglio ha intestazioni diverse?</strong> Nomi comuni come «Titolo intervento»,
            «Cod. locale», «Codice CUP», «Costo complessivo», «Importo previsto» o «RUP» sono riconosciuti da
            soli; per le altre colonne l&apos;anteprima ti chiede a quale colonna del portale corrispondono (o
            di ignorarle) e ricorda la scelta per le prossime importazioni del comune. Senza la colonna «Tipo
            riga» ogni riga è un intervento; le colonne assenti non cambiano i valori già salvati.
          </p>
          <p>
            <strong>Come vengono riconosciuti i dati già presenti.</strong> Un intervento è riconosciuto dal
            CUP o, se manca, dal codice locale, solo tra gli interventi del comune. Una risorsa è riconosciuta
            da fonte, programma e anno (si aggiornano gli importi); un&apos;azione dal titolo e dalla scadenza
            (si aggiornano le altre colonne); un indicatore dal nome e dal periodo (si aggiornano gli altri
            valori); un comune partner dal comune (viene aggiunto se manca; solo comuni aderenti al
            programma). Il resto viene creato. Nulla viene cancellato: ciò che manca nel file resta com&apos;è
            (un partner si toglie dalla scheda dell&apos;intervento). La Smart Land si gestisce dalla scheda
            dell&apos;intervento. Importare due volte lo stesso file non cambia nulla.
          </p>
          <p>
            Formati: date gg/mm/aaaa (ad esempio 25/11/2026), importi come 1.234,56 o 1234,56; file CSV con
            separatore «;», «,» o tabulazione, in UTF-8, Windows-1252 (il «CSV» di Excel) o UTF-16 (il «Testo
            Unicode» di Excel, file .txt); al massimo {props.maxFileBytes / 1024 / 1024} MB e{" "}
            {props.maxDataRows.toLocaleString("it-IT")} righe. Di una formula si legge il valore calcolato che
            Excel ha salvato (una formula senza valore, o un errore come #DIV/0!, è segnalata).
            L&apos;avanzamento si può scrivere anche come percentuale (15%, o una cella in formato
            percentuale), purché intera.
          </p>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">Codice filone (il codice, il nome o entrambi)</dt>
            <dd>{props.streams.map((s) => s.label).join("; ")}</dd>
            <dt className="font-medium">Stato procedurale</dt>
            <dd>{list(STATUS_LABELS)}</dd>
            <dt className="font-medium">Andamento</dt>
            <dd>{list(HEALTH_LABELS)}</dd>
            <dt className="font-medium">Fonte</dt>
            <dd>{list(SOURCE_LABELS)}</dd>
            <dt className="font-medium">Tipo azione</dt>
            <dd>{list(ACTION_KIND_LABELS)}</dd>
            <dt className="font-medium">Stato azione</dt>
            <dd>{list(ACTION_STATUS_LABELS)}</dd>
            <dt className="font-medium">Tema indicatore</dt>
            <dd>{list(INDICATOR_THEME_LABELS)}</dd>
          </dl>
        </div>
      </details>
    </section>
  );
}
