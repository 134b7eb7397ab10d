// Spreadsheet rows → typed records of the flat layout (layout.ts), validated with the SAME zod schemas as
// the forms (lib/validation/schemas.ts), so a file obeys exactly the rules of the pages. Each problem is
// reported as (row, column, Italian message). Pure: the caller supplies the streams (code → id).

import * as z from "zod";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  formatDate,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { AppError } from "@/lib/errors";
import { normalizeCup } from "@/lib/validation/identifiers";
import {
  actionSchema,
  fundingLineSchema,
  indicatorSchema,
  MESSAGES,
  projectSchema,
  type ActionData,
  type FundingLineData,
  type IndicatorData,
  type ProjectData,
} from "@/lib/validation/schemas";
import {
  actionKindOf,
  actionStatusOf,
  COLUMNS,
  healthOf,
  indicatorThemeOf,
  normalizeLabel,
  projectStatusOf,
  ROW_KINDS,
  sourceOf,
  type LayoutColumn,
  type RowKind,
} from "./layout";
import { matchColumn, type ColumnMapping, type ColumnMatch } from "./column-mapping";
import { cellValue } from "./messages";
import { MAX_DATA_ROWS, type RawCell, type SheetRow } from "./read-file";
import type { RowIssue } from "./report";

export type ProjectFields = Omit<ProjectData, "smartLandId" | "partnerIstat">;

type Keyed = {
  row: number;
  cup: string | null;
  localCode: string | null;
  /** Fields the file has no column for: an update keeps their stored values (plan.ts). */
  absent?: readonly string[];
};
export type ProjectRecord = Keyed & {
  kind: "INTERVENTO";
  data: ProjectFields | null;
  streamCode: string | null;
};
export type FundingRecord = Keyed & { kind: "RISORSA"; data: FundingLineData | null };
export type ActionRecord = Keyed & { kind: "AZIONE"; data: ActionData | null };
export type IndicatorRecord = Keyed & { kind: "INDICATORE"; data: IndicatorData | null };
/** A partner comune as the row names it: its ISTAT code, else its name (resolved when planning). */
export type PartnerData = { partnerIstat: string | null; partnerName: string | null };
export type PartnerRecord = Keyed & { kind: "PARTNER"; data: PartnerData | null };
export type FileRecord = ProjectRecord | FundingRecord | ActionRecord | IndicatorRecord | PartnerRecord;

export type StreamRef = { id: string; code: string; archived: boolean; name?: string };

/**
 * The filone a cell names: its code ("SL-02"), its name, or the label the pages show ("SL-02 · Mobilità
 * sostenibile", also with "-", "–" or ":" after the code); case, accents and spacing do not matter.
 */
export function streamFinder(streams: readonly StreamRef[]): (text: string) => StreamRef | undefined {
  const byLabel = new Map<string, StreamRef>();
  for (const s of streams) {
    if (s.name) {
      byLabel.set(normalizeLabel(`${s.code} · ${s.name}`), s);
      if (!byLabel.has(normalizeLabel(s.name))) byLabel.set(normalizeLabel(s.name), s);
    }
  }
  const byCode = new Map(streams.map((s) => [normalizeLabel(s.code), s]));
  return (text) => {
    const key = normalizeLabel(text);
    const found = byCode.get(key) ?? byLabel.get(key);
    if (found) return found;
    const code = /^(\S+?)\s*(?:[·•:]|\s[-\u2013\u2014]\s)/.exec(text.trim())?.[1];
    return code ? byCode.get(normalizeLabel(code)) : undefined;
  };
}

const ROW_MESSAGES = {
  formula: (start: string) =>
    `Le formule non sono ammesse (il valore inizia con «${start}»). Se è un testo, scrivilo preceduto da un apostrofo (').`,
  excelError: "La cella contiene un errore di Excel: scrivi il valore.",
  formulaNoValue:
    "La cella contiene una formula senza un valore calcolato: apri il file in Excel e salvalo di nuovo, oppure incolla il valore al posto della formula.",
  encoding:
    "Il testo contiene caratteri non leggibili (ad esempio «Ã¨» al posto di «è»): il file è stato salvato con una codifica diversa. Salvalo come «CSV UTF-8» o come XLSX.",
  rowKind: "Tipo riga non valido: scrivi INTERVENTO, RISORSA, AZIONE, INDICATORE o PARTNER.",
  partnerMissing: "Indica il codice ISTAT o il nome del comune partner.",
  partnerIstat: "Codice ISTAT non valido: deve avere 6 cifre, ad esempio 015169.",
  key: "Indica il CUP o il codice locale: servono a riconoscere l'intervento.",
  streamUnknown: (code: string) =>
    `Filone sconosciuto «${code}»: usa uno dei codici dei filoni elencati nella pagina di importazione.`,
  enumValue: (labels: readonly string[]) =>
    `Valore non valido: usa uno tra ${labels.map((l) => `«${l}»`).join(", ")}.`,
  unnamedColumn:
    "C'è un valore in una colonna senza intestazione: toglilo o sposta il dato nella colonna giusta.",
  dateNumber: MESSAGES.date,
} as const;

const FILE_LAYOUT_MESSAGES = {
  columns: (missing: string[], extra: string[], duplicated: string[]) =>
    [
      missing.length ? `Mancano le colonne: ${missing.map((c) => `«${c}»`).join(", ")}.` : "",
      extra.length ? `Colonne non previste: ${extra.map((c) => `«${c}»`).join(", ")}.` : "",
      duplicated.length ? `Colonne ripetute: ${duplicated.map((c) => `«${c}»`).join(", ")}.` : "",
      "Usa le colonne del modello, che puoi scaricare da questa pagina.",
    ]
      .filter(Boolean)
      .join(" "),
  noData: "Il file non contiene righe di dati sotto l'intestazione.",
} as const;

const MOJIBAKE = /Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€|\ufffd/;
const NEUTRALIZED = /^'[=+\-@\t\r]/;

type Converted = { value: unknown } | { error: string };

/** A raw cell as the schema input for a column of `type`: text stays text, refused cells become messages. */
function convert(raw: RawCell, column: LayoutColumn): Converted {
  if (raw === null) return { value: undefined };
  if (typeof raw === "object" && !(raw instanceof Date)) {
    return "formula" in raw ? { error: ROW_MESSAGES.formulaNoValue } : { error: ROW_MESSAGES.excelError };
  }
  if (raw instanceof Date) {
    if (column.type === "date") return { value: raw };
    if (column.type === "text") return { value: formatDate(raw) };
    return { error: column.type === "money" ? MESSAGES.money : MESSAGES.invalid };
  }
  if (typeof raw === "number") {
    if (column.type === "date") return { error: ROW_MESSAGES.dateNumber };
    if (column.type !== "text") return { value: raw };
    const text = String(raw);
    // A numeric CIG lost its leading zeros in Excel: a CIG always has 10 characters.
    if (column.field === "partnerIstat" && /^[0-9]{1,5}$/.test(text)) return { value: text.padStart(6, "0") };
    return { value: column.field === "cig" && /^[0-9]{1,9}$/.test(text) ? text.padStart(10, "0") : text };
  }
  let text = raw;
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined };
  if (column.type === "text") {
    if (NEUTRALIZED.test(trimmed)) text = trimmed.slice(1);
    else if (/^[=+\-@]/.test(trimmed)) return { error: ROW_MESSAGES.formula(trimmed[0]!) };
    if (MOJIBAKE.test(text)) return { error: ROW_MESSAGES.encoding };
    return { value: text };
  }
  // Numbers and dates: "-5" is read (and refused as negative by the schema), "=A1" and "@x" are formulas.
  if (/^[=@]/.test(trimmed)) return { error: ROW_MESSAGES.formula(trimmed[0]!) };
  if (column.field === "progress") {
    // A percentage as Excel shows it or as typed: "15%", "15 %", "15,5%" (the schema then wants an integer).
    const percent = PERCENT.exec(trimmed);
    if (percent) return { value: percent[1]!.replace(/[.,]0+$/, "") };
  }
  return { value: text };
}

const PERCENT = /^([0-9]+(?:[.,][0-9]+)?)\s*%$/;

/** Column positions in the file, from the header row, and what each file header was taken to mean. */
type HeaderMap = {
  index: Map<string, number>;
  /** File positions whose cells are read or deliberately ignored (the others are reported). */
  known: Set<number>;
  width: number;
  columns: ColumnMatch[];
  /** Portal columns the file does not have. */
  missing: string[];
  /** Some header is unknown, or neither key column (CUP, codice locale) is there: the officer must map. */
  mappingNeeded: boolean;
};

export type HeaderMappings = { chosen?: ColumnMapping; remembered?: ColumnMapping };

function matchHeader(cells: RawCell[], mappings: HeaderMappings): HeaderMap {
  const index = new Map<string, number>();
  const known = new Set<number>();
  const columns: ColumnMatch[] = [];
  const duplicated: string[] = [];
  cells.forEach((cell, i) => {
    if (cell === null) return;
    const text = typeof cell === "object" && !(cell instanceof Date) ? "" : String(cell);
    const name = text.replace(/^\uFEFF/, "").trim();
    if (name === "") return;
    const match = matchColumn(name.slice(0, 200), mappings);
    columns.push(match);
    if (match.source !== "unknown") known.add(i);
    if (!match.column) return;
    if (index.has(match.column)) duplicated.push(match.column);
    else index.set(match.column, i);
  });
  if (duplicated.length) throw new AppError("INVALID", FILE_LAYOUT_MESSAGES.columns([], [], duplicated));
  // Optional columns (indicators, partners: newer than many files in circulation) are not "missing".
  const missing = COLUMNS.filter((c) => !c.optional && !index.has(c.header)).map((c) => c.header);
  const mappingNeeded =
    columns.some((c) => c.source === "unknown") || (!index.has("CUP") && !index.has("Codice locale"));
  return { index, known, width: cells.length, columns, missing, mappingNeeded };
}

const isEmptyRow = (cells: RawCell[]) =>
  cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

/** The attribution line that the portal's XLSX export writes under the table. */
const isSourceLine = (cells: RawCell[]) =>
  typeof cells[0] === "string" && cells[0].startsWith("Fonte:") && isEmptyRow(cells.slice(1));

const labelsOf = (labels: Record<string, string>) => Object.values(labels);

/**
 * Finds the header (the first row, within the first ten, whose cells include "Tipo riga"; else the first
 * row), checks the columns, and parses every data row. Throws AppError("INVALID") for layout problems.
 */
export type ParsedFile = {
  records: FileRecord[];
  issues: RowIssue[];
  dataRows: number;
  columns: ColumnMatch[];
  missingColumns: string[];
  mappingNeeded: boolean;
};

export function parseRows(
  rows: SheetRow[],
  streams: readonly StreamRef[],
  mappings: HeaderMappings = {},
): ParsedFile {
  const nonEmpty = rows.filter((r) => !isEmptyRow(r.cells));
  if (nonEmpty.length === 0) throw new AppError("INVALID", "Il file è vuoto.");
  const tipo = normalizeLabel("Tipo riga");
  let headerAt = nonEmpty
    .slice(0, 10)
    .findIndex((r) =>
      r.cells.some((c) => typeof c === "string" && normalizeLabel(c.replace(/^\uFEFF/, "")) === tipo),
    );
  if (headerAt < 0) headerAt = 0;
  const header = matchHeader(nonEmpty[headerAt]!.cells, mappings);
  const data = nonEmpty.slice(headerAt + 1).filter((r) => !isSourceLine(r.cells));
  if (data.length === 0) throw new AppError("INVALID", FILE_LAYOUT_MESSAGES.noData);
  if (data.length > MAX_DATA_ROWS) {
    throw new AppError(
      "INVALID",
      `Il file ha troppe righe: il limite è di ${MAX_DATA_ROWS.toLocaleString("it-IT")} righe. Dividilo in più file.`,
    );
  }

  const findStream = streamFinder(streams);
  const known = header.known;
  const records: FileRecord[] = [];
  const issues: RowIssue[] = [];
  const result = (): ParsedFile => ({
    records,
    issues,
    dataRows: data.length,
    columns: header.columns,
    missingColumns: header.missing,
    mappingNeeded: header.mappingNeeded,
  });
  // Until every column's meaning is known, the rows are not read (their errors would only be noise).
  if (header.mappingNeeded) return result();
  /** Fields of each row kind that the file has no column for: an update keeps their stored values. */
  const absent = (kind: RowKind) =>
    COLUMNS.filter((c) => c.kind === kind && !header.index.has(c.header)).map((c) => c.field);

  for (const { rowNumber, cells } of data) {
    const rowIssues: RowIssue[] = [];
    /** Reports an issue of `column` (a header, or "colonna N" for an unnamed one) with its cell's text. */
    const add = (column: string, message: string) => {
      if (rowIssues.some((i) => i.column === column)) return;
      const at = header.index.get(column) ?? Number(/^colonna (\d+)$/.exec(column)?.[1] ?? 0) - 1;
      rowIssues.push({ row: rowNumber, column, message, value: at >= 0 ? cellValue(cells[at]) : null });
    };
    const cellOf = (column: LayoutColumn) => cells[header.index.get(column.header)!] ?? null;
    /** The schema input of the row's columns (kind null = key columns too). */
    const inputOf = (kind: RowKind) => {
      const input: Record<string, unknown> = {};
      for (const column of COLUMNS) {
        if (column.kind !== kind && !(column.kind === null && column.field !== "rowKind")) continue;
        const converted = convert(cellOf(column), column);
        if ("error" in converted) add(column.header, converted.error);
        else input[column.field] = converted.value;
      }
      return input;
    };
    cells.forEach((cell, i) => {
      if (!known.has(i) && cell !== null && !(typeof cell === "string" && cell.trim() === "")) {
        add(`colonna ${i + 1}`, ROW_MESSAGES.unnamedColumn);
      }
    });

    // Without a "Tipo riga" column, every row is a project.
    const kindCell = header.index.has("Tipo riga") ? cellOf(COLUMNS[0]!) : "INTERVENTO";
    const kindText = typeof kindCell === "string" ? kindCell.trim().toUpperCase() : "";
    const kind = (ROW_KINDS as readonly string[]).includes(kindText) ? (kindText as RowKind) : null;
    if (!kind) {
      add("Tipo riga", ROW_MESSAGES.rowKind);
      issues.push(...rowIssues);
      continue;
    }

    const input = inputOf(kind);
    const cup = typeof input.cup === "string" && input.cup.trim() ? normalizeCup(input.cup) : null;
    const localCode =
      typeof input.localCode === "string" && input.localCode.trim() ? input.localCode.trim() : null;
    if (!cup && !localCode && !rowIssues.some((i) => i.column === "CUP" || i.column === "Codice locale")) {
      add("CUP", ROW_MESSAGES.key);
    }

    /** Header of the column that feeds `field` in this row kind. */
    const headerOf = (field: string) =>
      COLUMNS.find((c) => c.field === field && (c.kind === kind || c.kind === null))?.header ?? field;
    const enumInput = (field: string, lookup: (t: string) => string | undefined, labels: string[]) => {
      const v = input[field];
      if (typeof v !== "string") return;
      const value = lookup(v);
      if (value) input[field] = value;
      else {
        add(headerOf(field), ROW_MESSAGES.enumValue(labels));
        delete input[field];
      }
    };
    const validate = <S extends z.ZodType>(
      schema: S,
      values: Record<string, unknown>,
    ): z.output<S> | null => {
      const result = schema.safeParse(values);
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        const field = issue.path.length ? String(issue.path[0]) : "";
        add(field ? headerOf(field) : "Tipo riga", issue.message);
      }
      return null;
    };

    if (kind === "INTERVENTO") {
      const code = typeof input.streamId === "string" ? input.streamId.trim() : null;
      const stream = code ? findStream(code) : undefined;
      if (!code) add("Codice filone", MESSAGES.required);
      else if (!stream) add("Codice filone", ROW_MESSAGES.streamUnknown(code.slice(0, 40)));
      input.streamId = stream?.id;
      enumInput("status", projectStatusOf, labelsOf(STATUS_LABELS));
      enumInput("health", healthOf, labelsOf(HEALTH_LABELS));
      const parsed = validate(projectSchema, input);
      const data = parsed && rowIssues.length === 0 ? withoutRelations(parsed) : null;
      records.push({
        kind,
        row: rowNumber,
        cup,
        localCode,
        data,
        streamCode: stream?.code ?? null,
        absent: absent(kind),
      });
    } else if (kind === "RISORSA") {
      enumInput("source", sourceOf, labelsOf(SOURCE_LABELS));
      const parsed = validate(fundingLineSchema, input);
      const data = rowIssues.length === 0 ? parsed : null;
      records.push({ kind, row: rowNumber, cup, localCode, data, absent: absent(kind) });
    } else if (kind === "AZIONE") {
      enumInput("kind", actionKindOf, labelsOf(ACTION_KIND_LABELS));
      enumInput("status", actionStatusOf, labelsOf(ACTION_STATUS_LABELS));
      const parsed = validate(actionSchema, input);
      const data = rowIssues.length === 0 ? parsed : null;
      records.push({ kind, row: rowNumber, cup, localCode, data, absent: absent(kind) });
    } else if (kind === "INDICATORE") {
      enumInput("theme", indicatorThemeOf, labelsOf(INDICATOR_THEME_LABELS));
      const parsed = validate(indicatorSchema, input);
      const data = parsed && rowIssues.length === 0 ? withComparableDecimals(parsed) : null;
      records.push({ kind, row: rowNumber, cup, localCode, data, absent: absent(kind) });
    } else {
      const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
      const data: PartnerData = {
        partnerIstat: text(input.partnerIstat),
        partnerName: text(input.partnerName),
      };
      if (data.partnerIstat && !/^[0-9]{6}$/.test(data.partnerIstat))
        add("Codice ISTAT partner", ROW_MESSAGES.partnerIstat);
      else if (!data.partnerIstat && !data.partnerName)
        add("Codice ISTAT partner", ROW_MESSAGES.partnerMissing);
      records.push({ kind, row: rowNumber, cup, localCode, data: rowIssues.length === 0 ? data : null });
    }
    issues.push(...rowIssues);
  }
  return result();
}

/**
 * An indicator's values with at least two decimals ("12.5" → "12.50"), the form in which the plan compares
 * a stored decimal (plan.ts, `comparable`): re-importing the same values then changes nothing.
 */
function withComparableDecimals(data: IndicatorData): IndicatorData {
  const two = (v: string | null) => {
    if (v === null) return null;
    const [int, frac = ""] = v.split(".");
    return `${int}.${frac.padEnd(2, "0")}`;
  };
  return { ...data, baseline: two(data.baseline), target: two(data.target), actual: two(data.actual) };
}

function withoutRelations(data: ProjectData): ProjectFields {
  const { smartLandId: _sl, partnerIstat: _partners, ...rest } = data;
  return rest;
}
