// Which column of the portal's layout (layout.ts) each header of an uploaded file feeds (issue #16): the
// template's own header; else the officer's choice for this upload; else what the comune's officers chose
// before (remembered per comune, lib/import/mapping-store.ts); else a built-in synonym, as offices and the
// national systems (ReGiS, OpenCoesione's open data) name the same thing. Headers are compared with
// normalizeLabel (case, accents, dashes and spacing do not matter), and a money column's unit ("(€)") is
// ignored. Pure: the caller supplies the remembered and chosen mappings.

import { COLUMNS, normalizeLabel } from "./layout";

/** Where a file column's meaning came from. "unknown": nobody said yet (the preview asks). */
export type ColumnSource = "template" | "chosen" | "remembered" | "synonym" | "unknown";

/** One header of the file: the portal column it feeds (null: ignored, or unknown), and why. */
export type ColumnMatch = { header: string; column: string | null; source: ColumnSource };

/** normalized file header → portal header, or null for "ignore this column". */
export type ColumnMapping = ReadonlyMap<string, string | null>;

/**
 * Other names of the template's columns (by the template's header). Only unambiguous names: "Titolo
 * intervento" is a project's title, "Importo previsto" a funding line's planned amount, "RUP" (the
 * responsabile unico del progetto) the owner of an action.
 */
export const HEADER_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  "Tipo riga": ["Tipo record", "Tipo di riga"],
  CUP: ["Codice CUP", "Cod. CUP", "CUP progetto", "Codice unico di progetto"],
  "Codice locale": [
    "Cod. locale",
    "Cod locale",
    "Codice locale progetto",
    "COD_LOCALE_PROGETTO",
    "Codice interno",
    "Codice progetto",
    "Cod. progetto",
    "ID progetto",
  ],
  Titolo: [
    "Titolo intervento",
    "Titolo progetto",
    "Titolo del progetto",
    "Titolo dell'intervento",
    "OC_TITOLO_PROGETTO",
    "Denominazione intervento",
    "Denominazione progetto",
    "Nome intervento",
    "Nome progetto",
    "Oggetto",
    "Intervento",
  ],
  Descrizione: [
    "Descrizione intervento",
    "Descrizione progetto",
    "Sintesi",
    "Sintesi progetto",
    "OC_SINTESI_PROGETTO",
  ],
  "Codice filone": ["Filone", "Codice del filone", "Filone tematico", "Ambito", "Linea di intervento"],
  "Stato procedurale": ["Stato", "Stato intervento", "Stato progetto", "Fase", "OC_STATO_PROCEDURALE"],
  Andamento: ["Stato di salute", "Salute", "Semaforo"],
  "Avanzamento (%)": [
    "Avanzamento",
    "Avanzamento %",
    "% avanzamento",
    "Percentuale avanzamento",
    "Percentuale di avanzamento",
    "Stato avanzamento",
    "Avanzamento fisico",
  ],
  "Costo totale": [
    "Costo complessivo",
    "Costo totale intervento",
    "Costo totale progetto",
    "Importo complessivo",
    "Importo totale",
    "Importo progetto",
    "Quadro economico",
    "Costo",
    "OC_FINANZ_TOT_PUB_NETTO",
    "FINANZ_TOTALE_PUBBLICO",
  ],
  "Inizio previsto": ["Data inizio prevista", "Data inizio previsto", "Inizio lavori previsto"],
  "Fine prevista": ["Data fine prevista", "Fine lavori prevista", "OC_DATA_FINE_PROGETTO_PREVISTA"],
  "Inizio effettivo": ["Data inizio effettiva", "Inizio lavori effettivo", "OC_DATA_INIZIO_PROGETTO"],
  "Fine effettiva": ["Data fine effettiva", "Fine lavori effettiva", "OC_DATA_FINE_PROGETTO_EFFETTIVA"],
  Fonte: ["Fonte di finanziamento", "Fonte finanziamento", "Tipo di finanziamento", "OC_DESCR_FONTE"],
  Programma: ["Programma di finanziamento", "Misura", "Misura PNRR", "Bando", "OC_DESCRIZIONE_PROGRAMMA"],
  Anno: ["Annualità", "Anno di riferimento", "Esercizio", "Anno finanziario"],
  Previsto: ["Importo previsto", "Importo finanziato", "Finanziamento previsto", "Importo assegnato"],
  Impegnato: ["Importo impegnato", "Impegni", "IMPEGNI", "Impegno"],
  Pagato: ["Importo pagato", "Pagamenti", "TOT_PAGAMENTI", "Liquidato", "Importo liquidato"],
  "Titolo azione": ["Azione", "Attività", "Descrizione azione", "Fase procedurale", "Milestone"],
  "Tipo azione": ["Tipo attività", "Tipologia azione"],
  Responsabile: ["RUP", "Responsabile unico del progetto", "Responsabile del procedimento", "Referente"],
  Scadenza: ["Data scadenza", "Termine", "Entro il"],
  "Data completamento": ["Completata il", "Data fine azione", "Data conclusione"],
  "Stato azione": ["Stato attività"],
  CIG: ["Codice CIG", "Cod. CIG", "Codice identificativo di gara"],
};

/** The unit that a money column's header may carry, as offices write it: "Costo totale (€)", "Previsto (euro)". */
const MONEY_UNIT = /\s*\(\s*(?:€|eur|euro)\s*\)$/i;

const PORTAL_HEADERS = new Set(COLUMNS.map((c) => c.header));

/** The key a header is remembered and matched by ("Costo totale (€)" → "costo totale"). */
export function headerKey(header: string): string {
  return normalizeLabel(header.replace(/^\uFEFF/, "").replace(MONEY_UNIT, ""));
}

function lookup(): { template: Map<string, string>; synonym: Map<string, string> } {
  const template = new Map<string, string>();
  for (const c of COLUMNS) template.set(headerKey(c.header), c.header);
  const synonym = new Map<string, string>();
  for (const [header, names] of Object.entries(HEADER_SYNONYMS)) {
    if (!PORTAL_HEADERS.has(header)) continue;
    for (const name of names) if (!template.has(headerKey(name))) synonym.set(headerKey(name), header);
  }
  return { template, synonym };
}

/** Whether `column` is a portal header (or null, "ignore"): what a chosen or remembered mapping may name. */
export const isPortalColumn = (column: string | null) => column === null || PORTAL_HEADERS.has(column);

/** The meaning of one file header. */
export function matchColumn(
  header: string,
  mappings: { chosen?: ColumnMapping; remembered?: ColumnMapping } = {},
): ColumnMatch {
  const { template, synonym } = lookup();
  const key = headerKey(header);
  const exact = template.get(key);
  if (exact) return { header, column: exact, source: "template" };
  for (const source of ["chosen", "remembered"] as const) {
    const map = mappings[source];
    if (map?.has(key)) {
      const column = map.get(key) ?? null;
      if (isPortalColumn(column)) return { header, column, source };
    }
  }
  const named = synonym.get(key);
  if (named) return { header, column: named, source: "synonym" };
  return { header, column: null, source: "unknown" };
}

/**
 * Parses the `mappatura` parameter: a JSON object file header → portal header ("" or null: ignore the
 * column). Returns null when absent; throws a message (Italian) when it is not such an object.
 */
export function parseMappingParam(raw: string | null | undefined): Map<string, string | null> | null {
  if (raw === null || raw === undefined || raw.trim() === "") return null;
  const invalid =
    "Mappatura delle colonne non valida: indica un oggetto JSON «intestazione del file» → «colonna del portale» (o null per ignorarla).";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(invalid);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(invalid);
  const out = new Map<string, string | null>();
  for (const [header, column] of Object.entries(value as Record<string, unknown>)) {
    const target = column === "" || column === null ? null : column;
    if (typeof target !== "string" && target !== null) throw new Error(invalid);
    if (!isPortalColumn(target))
      throw new Error(
        `Mappatura delle colonne non valida: «${String(target).slice(0, 60)}» non è una colonna del portale.`,
      );
    if (headerKey(header) !== "") out.set(headerKey(header), target);
    if (out.size > 200) throw new Error(invalid);
  }
  return out;
}
