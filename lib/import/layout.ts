// The "flat" spreadsheet layout of a comune's projects, shared by the export (download) and the import
// (upload): ONE sheet / file, one row per record, the record's kind in "Tipo riga":
// - INTERVENTO: a project; its columns are "CUP" … "Fine effettiva";
// - RISORSA: a funding line of the project named by "CUP" (or, without a CUP, "Codice locale");
// - AZIONE: an action of that project;
// - INDICATORE: an indicator of that project;
// - PARTNER: a partner comune of that project (its ISTAT code, or its name).
// Every row carries the project key (CUP and/or local code); columns that do not belong to the row's kind
// are left empty (and ignored on import). Headers are Italian (docs/glossary.md) and unique. The columns
// of INDICATORE and PARTNER came later and are `optional`: a file without them (an older export or
// template) is still read.

import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";

export const ROW_KINDS = ["INTERVENTO", "RISORSA", "AZIONE", "INDICATORE", "PARTNER"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** How a cell is read on import (and written on export). */
type FieldType = "text" | "money" | "int" | "decimal" | "date";

export type LayoutColumn = {
  header: string;
  /** The schema field (lib/validation/schemas.ts) the column feeds; "kind" / "cup" / "localCode" are keys. */
  field: string;
  /** The row kind whose data the column carries; null for the key columns used by every kind. */
  kind: RowKind | null;
  type: FieldType;
  /** A file may lack the column (it came after the first template); its cells then count as empty. */
  optional?: true;
};

export const COLUMNS: readonly LayoutColumn[] = [
  { header: "Tipo riga", field: "rowKind", kind: null, type: "text" },
  { header: "CUP", field: "cup", kind: null, type: "text" },
  { header: "Codice locale", field: "localCode", kind: null, type: "text" },
  // INTERVENTO
  { header: "Titolo", field: "title", kind: "INTERVENTO", type: "text" },
  { header: "Descrizione", field: "summary", kind: "INTERVENTO", type: "text" },
  { header: "Codice filone", field: "streamId", kind: "INTERVENTO", type: "text" },
  { header: "Stato procedurale", field: "status", kind: "INTERVENTO", type: "text" },
  { header: "Andamento", field: "health", kind: "INTERVENTO", type: "text" },
  { header: "Avanzamento (%)", field: "progress", kind: "INTERVENTO", type: "int" },
  { header: "Costo totale", field: "totalCost", kind: "INTERVENTO", type: "money" },
  { header: "Inizio previsto", field: "plannedStart", kind: "INTERVENTO", type: "date" },
  { header: "Fine prevista", field: "plannedEnd", kind: "INTERVENTO", type: "date" },
  { header: "Inizio effettivo", field: "actualStart", kind: "INTERVENTO", type: "date" },
  { header: "Fine effettiva", field: "actualEnd", kind: "INTERVENTO", type: "date" },
  // RISORSA
  { header: "Fonte", field: "source", kind: "RISORSA", type: "text" },
  { header: "Programma", field: "programme", kind: "RISORSA", type: "text" },
  { header: "Anno", field: "year", kind: "RISORSA", type: "int" },
  { header: "Previsto", field: "amountPlanned", kind: "RISORSA", type: "money" },
  { header: "Impegnato", field: "amountCommitted", kind: "RISORSA", type: "money" },
  { header: "Pagato", field: "amountPaid", kind: "RISORSA", type: "money" },
  // AZIONE
  { header: "Titolo azione", field: "title", kind: "AZIONE", type: "text" },
  { header: "Tipo azione", field: "kind", kind: "AZIONE", type: "text" },
  { header: "Responsabile", field: "owner", kind: "AZIONE", type: "text" },
  { header: "Scadenza", field: "dueDate", kind: "AZIONE", type: "date" },
  { header: "Data completamento", field: "doneDate", kind: "AZIONE", type: "date" },
  { header: "Stato azione", field: "status", kind: "AZIONE", type: "text" },
  { header: "CIG", field: "cig", kind: "AZIONE", type: "text" },
  // INDICATORE
  { header: "Indicatore", field: "name", kind: "INDICATORE", type: "text", optional: true },
  { header: "Tema indicatore", field: "theme", kind: "INDICATORE", type: "text", optional: true },
  { header: "Unità di misura", field: "unit", kind: "INDICATORE", type: "text", optional: true },
  { header: "Valore di partenza", field: "baseline", kind: "INDICATORE", type: "decimal", optional: true },
  { header: "Obiettivo", field: "target", kind: "INDICATORE", type: "decimal", optional: true },
  { header: "Valore attuale", field: "actual", kind: "INDICATORE", type: "decimal", optional: true },
  { header: "Periodo", field: "period", kind: "INDICATORE", type: "text", optional: true },
  // PARTNER
  { header: "Codice ISTAT partner", field: "partnerIstat", kind: "PARTNER", type: "text", optional: true },
  { header: "Comune partner", field: "partnerName", kind: "PARTNER", type: "text", optional: true },
];

export const HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/** Case, accents, dashes and spacing do not matter when matching a header or a label. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** label → enum value, also accepting the enum value itself ("EXECUTION") and `extra` synonyms. */
function labelLookup<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) {
  const map = new Map<string, K>();
  for (const [value, label] of Object.entries(labels) as [K, string][]) {
    map.set(normalizeLabel(label), value);
    map.set(normalizeLabel(value), value);
  }
  for (const [label, value] of Object.entries(extra)) map.set(normalizeLabel(label), value);
  return (text: string): K | undefined => map.get(normalizeLabel(text));
}

export const projectStatusOf = labelLookup(STATUS_LABELS, { Annullato: "CANCELLED", Revocato: "CANCELLED" });
export const healthOf = labelLookup(HEALTH_LABELS);
export const sourceOf = labelLookup(SOURCE_LABELS, {
  FESR: "EU_FESR",
  "FSE+": "EU_FSE",
  FSE: "EU_FSE",
  FSC: "FSC",
  Regione: "REGION",
  Comune: "COMUNE",
});
export const actionKindOf = labelLookup(ACTION_KIND_LABELS, {
  Affidamento: "PROCUREMENT",
  Gara: "PROCUREMENT",
});
export const actionStatusOf = labelLookup(ACTION_STATUS_LABELS);
export const indicatorThemeOf = labelLookup(INDICATOR_THEME_LABELS);
