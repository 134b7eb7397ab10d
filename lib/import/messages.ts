// The import's own Italian messages (the file's layout and cell messages are in parse-rows.ts), and how a
// cell is quoted beside them.

import { formatDate } from "@/lib/format";
import type { RawCell } from "./sheet-limits";

export const IMPORT_MESSAGES = {
  rejected: (rows: number) =>
    `Il file contiene errori in ${rows === 1 ? "1 riga" : `${rows} righe`}: nessuna modifica è stata salvata. Correggi il file e caricalo di nuovo.`,
  changed:
    "I dati del comune sono cambiati dopo l'anteprima: nessuna modifica è stata salvata. Ricarica l'anteprima e conferma di nuovo.",
  duplicateProject: (row: number) => `Intervento duplicato: compare già alla riga ${row}.`,
  duplicateFunding: (row: number) =>
    `Risorsa duplicata: la stessa fonte, lo stesso programma e lo stesso anno compaiono già alla riga ${row}.`,
  duplicateAction: (row: number) =>
    `Azione duplicata: lo stesso titolo con la stessa scadenza compare già alla riga ${row}.`,
  duplicateIndicator: (row: number) =>
    `Indicatore duplicato: lo stesso nome con lo stesso periodo compare già alla riga ${row}.`,
  duplicatePartner: (row: number) => `Comune partner duplicato: compare già alla riga ${row}.`,
  partnerUnknown: "Nessun comune aderente al programma con questo codice ISTAT o nome.",
  partnerAmbiguous: "Più comuni hanno questo nome: indica il codice ISTAT.",
  partnerOwner: "Il comune titolare non può essere anche partner.",
  localCodeOther: (title: string) =>
    `Il codice locale è già usato da un altro intervento del comune («${title.slice(0, 80)}»).`,
  localCodeAmbiguous: "Il codice locale corrisponde a più interventi del comune: indica anche il CUP.",
  cupOwn: (title: string) =>
    `Il CUP è già usato da un altro intervento del comune («${title.slice(0, 80)}»).`,
  cupElsewhere:
    "Il CUP è già usato da un intervento di un altro comune: un CUP identifica un solo intervento.",
  noProject: (key: string) => `Nessun intervento con ${key} nel file o tra gli interventi del comune.`,
  archivedStream: "Il filone è archiviato: scegli un filone attivo.",
  mappingNeeded:
    "Alcune colonne del file non corrispondono alle colonne del portale: indica a quale colonna corrisponde ciascuna (parametro «mappatura») o rinominale come nel modello.",
} as const;

/** How long a cell's text may be when a report quotes it. */
const VALUE_CHARS = 80;

/**
 * A cell as a report quotes it beside an issue: its text (a formula as "=…", a date as dd/mm/yyyy), control
 * characters shown by their code ("U+0096", never stored nor sent raw), cut to ~80 characters; empty → null.
 */
export function cellValue(cell: RawCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  let text: string;
  if (cell instanceof Date) text = formatDate(cell);
  else if (typeof cell === "object")
    text = "formula" in cell ? cell.formula.replace(/^(?!=)/, "=") : cell.error;
  else text = String(cell);
  text = text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}]`,
  );
  if (text.trim() === "") return null;
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
}
