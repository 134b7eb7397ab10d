// The XLSX import template: the flat layout's header (layout.ts) on the first sheet «Interventi», which is
// the sheet the import reads, with drop-down lists (Excel data validation) on the columns that take a fixed
// set of values; the lists on the sheet «Elenchi»; and the sheet «Istruzioni», in Italian: what each column
// holds, in which rows, whether it is required, its format, and one example row per row kind.
//
// The examples live on «Istruzioni», not on the data sheet: the file as downloaded is an empty, valid
// template (nothing to delete before uploading), an example can never be imported by mistake, and the
// import needs no rule that skips rows looking like examples (which could also skip a real row).
//
// Small (a few KB, no rows of data): built in memory with exceljs's ordinary Workbook.

import "server-only";
import ExcelJS from "exceljs";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { COLUMNS, ROW_KINDS, type LayoutColumn, type RowKind } from "./layout";
import { MAX_DATA_ROWS } from "./sheet-limits";

export const TEMPLATE_SHEETS = { data: "Interventi", lists: "Elenchi", help: "Istruzioni" } as const;

/** A filone as the page shows it: its code (what the file carries) and its name. */
export type TemplateStream = { code: string; name: string };

/** The drop-down lists: the column they serve (by header) and their values. */
function listsOf(streams: readonly TemplateStream[]) {
  return [
    { header: "Tipo riga", values: [...ROW_KINDS] },
    { header: "Codice filone", values: streams.map((s) => s.code) },
    { header: "Stato procedurale", values: Object.values(STATUS_LABELS) },
    { header: "Andamento", values: Object.values(HEALTH_LABELS) },
    { header: "Fonte", values: Object.values(SOURCE_LABELS) },
    { header: "Tipo azione", values: Object.values(ACTION_KIND_LABELS) },
    { header: "Stato azione", values: Object.values(ACTION_STATUS_LABELS) },
    { header: "Tema indicatore", values: Object.values(INDICATOR_THEME_LABELS) },
  ];
}

/** The headers that get a drop-down list. */
export const LISTED_HEADERS = listsOf([]).map((l) => l.header);

const KIND_TEXT: Record<RowKind, string> = {
  INTERVENTO: "INTERVENTO",
  RISORSA: "RISORSA",
  AZIONE: "AZIONE",
  INDICATORE: "INDICATORE",
  PARTNER: "PARTNER",
};

/** Per column: required (for its row kind) and what it holds. */
const HELP: Record<string, { required: string; what: string }> = {
  "Tipo riga": {
    required: "Sì",
    what: "Che cosa descrive la riga: INTERVENTO, RISORSA (fonte di finanziamento), AZIONE, INDICATORE o PARTNER (comune partner). Scegli dall'elenco.",
  },
  CUP: {
    required: "CUP o codice locale",
    what: "Codice Unico di Progetto, 15 caratteri (ad esempio J41B21000120006). In ogni riga: indica l'intervento a cui la riga si riferisce.",
  },
  "Codice locale": {
    required: "CUP o codice locale",
    what: "Codice interno del comune (al massimo 40 caratteri), usato quando l'intervento non ha ancora un CUP.",
  },
  Titolo: { required: "Sì", what: "Titolo dell'intervento, da 3 a 300 caratteri." },
  Descrizione: { required: "No", what: "Descrizione dell'intervento (fino a 5.000 caratteri)." },
  "Codice filone": {
    required: "Sì",
    what: "Codice del filone di intervento (ad esempio SL-01): scegli dall'elenco; i nomi dei filoni sono nel foglio «Elenchi».",
  },
  "Stato procedurale": { required: "No (predefinito: Non avviato)", what: "Scegli dall'elenco." },
  Andamento: { required: "No (predefinito: In linea)", what: "Scegli dall'elenco." },
  "Avanzamento (%)": { required: "No (predefinito: 0)", what: "Numero intero da 0 a 100." },
  "Costo totale": { required: "Sì", what: "Importo in euro, ad esempio 1.234,56 (al massimo 2 decimali)." },
  "Inizio previsto": { required: "No", what: "Data gg/mm/aaaa, ad esempio 01/03/2026." },
  "Fine prevista": { required: "No", what: "Data gg/mm/aaaa, non prima dell'inizio previsto." },
  "Inizio effettivo": { required: "No", what: "Data gg/mm/aaaa." },
  "Fine effettiva": { required: "No", what: "Data gg/mm/aaaa, non prima dell'inizio effettivo." },
  Fonte: { required: "Sì", what: "Fonte di finanziamento: scegli dall'elenco." },
  Programma: {
    required: "No",
    what: "Programma o linea di finanziamento (ad esempio M2C4 – Investimento 2.2).",
  },
  Anno: { required: "Sì", what: "Anno della risorsa, numero intero tra 1990 e 2100 (ad esempio 2026)." },
  Previsto: { required: "Sì", what: "Importo previsto in euro, ad esempio 150.000,00." },
  Impegnato: { required: "No (predefinito: 0)", what: "Importo impegnato in euro." },
  Pagato: { required: "No (predefinito: 0)", what: "Importo pagato in euro." },
  "Titolo azione": { required: "Sì", what: "Titolo dell'azione (fase, gara, lavori…)." },
  "Tipo azione": { required: "Sì", what: "Scegli dall'elenco." },
  Responsabile: { required: "No", what: "Ufficio o persona responsabile." },
  Scadenza: { required: "No", what: "Data gg/mm/aaaa." },
  "Data completamento": { required: "No", what: "Data gg/mm/aaaa in cui l'azione è stata completata." },
  "Stato azione": { required: "No (predefinito: Da avviare)", what: "Scegli dall'elenco." },
  CIG: {
    required: "No",
    what: "Codice Identificativo Gara, 10 caratteri; solo per le azioni di tipo «Affidamento (gara)».",
  },
  Indicatore: { required: "Sì", what: "Nome dell'indicatore, da 2 a 200 caratteri." },
  "Tema indicatore": { required: "Sì", what: "Tema CITYkeys: scegli dall'elenco." },
  "Unità di misura": { required: "Sì", what: "Unità di misura (ad esempio kWh/anno, %, numero di utenti)." },
  "Valore di partenza": { required: "No", what: "Numero, al massimo 4 decimali (ad esempio 1.250,5)." },
  Obiettivo: { required: "No", what: "Numero, al massimo 4 decimali." },
  "Valore attuale": { required: "No", what: "Numero, al massimo 4 decimali." },
  Periodo: { required: "No", what: "Periodo di riferimento del valore (ad esempio 2026)." },
  "Codice ISTAT partner": {
    required: "Codice ISTAT o nome",
    what: "Codice ISTAT a 6 cifre del comune partner (ad esempio 015169). Solo comuni aderenti al programma, diversi dal comune titolare.",
  },
  "Comune partner": {
    required: "Codice ISTAT o nome",
    what: "Nome del comune partner, se manca il codice ISTAT (ad esempio Paullo).",
  },
};

/** One example row per row kind, by header: all about one example project (local code ESEMPIO-1). */
function examples(streams: readonly TemplateStream[]): Record<string, string | number | Date>[] {
  const key = { "Codice locale": "ESEMPIO-1" };
  const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  return [
    {
      "Tipo riga": KIND_TEXT.INTERVENTO,
      ...key,
      Titolo: "ESEMPIO – Riqualificazione energetica della scuola primaria",
      Descrizione: "Cappotto termico e sostituzione degli infissi.",
      "Codice filone": streams[0]?.code ?? "SL-01",
      "Stato procedurale": STATUS_LABELS.DESIGN,
      Andamento: HEALTH_LABELS.ON_TRACK,
      "Avanzamento (%)": 15,
      "Costo totale": 380500,
      "Inizio previsto": date(2026, 3, 1),
      "Fine prevista": date(2027, 12, 31),
    },
    {
      "Tipo riga": KIND_TEXT.RISORSA,
      ...key,
      Fonte: SOURCE_LABELS.PNRR,
      Programma: "M2C4 – Investimento 2.2",
      Anno: 2026,
      Previsto: 300000,
      Impegnato: 120000,
      Pagato: 0,
    },
    {
      "Tipo riga": KIND_TEXT.AZIONE,
      ...key,
      "Titolo azione": "Progetto esecutivo",
      "Tipo azione": ACTION_KIND_LABELS.DESIGN,
      Responsabile: "Ufficio tecnico",
      Scadenza: date(2026, 6, 30),
      "Stato azione": ACTION_STATUS_LABELS.IN_PROGRESS,
    },
    {
      "Tipo riga": KIND_TEXT.INDICATORE,
      ...key,
      Indicatore: "Consumo di energia dell'edificio",
      "Tema indicatore": INDICATOR_THEME_LABELS.PLANET,
      "Unità di misura": "kWh/anno",
      "Valore di partenza": 185000,
      Obiettivo: 95000,
      Periodo: "2027",
    },
    {
      "Tipo riga": KIND_TEXT.PARTNER,
      ...key,
      "Codice ISTAT partner": "015169",
      "Comune partner": "Paullo",
    },
  ];
}

const NUM_FMT: Partial<Record<LayoutColumn["type"], string>> = {
  money: '#,##0.00 "€"',
  date: "dd/mm/yyyy",
  int: "0",
  decimal: "#,##0.####",
};

const BOLD_HEADER = (row: ExcelJS.Row) => {
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
};

/** exceljs has `worksheet.dataValidations` (range keys allowed) but leaves it out of its typings. */
type WithValidations = { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } };

const columnLetter = (n: number) => {
  let s = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

/** The template workbook (see the top of the file). */
export async function templateWorkbook(
  streams: readonly TemplateStream[],
  comuneName: string,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Smart Land Lombardia";
  const data = wb.addWorksheet(TEMPLATE_SHEETS.data, { views: [{ state: "frozen", ySplit: 1 }] });
  const help = wb.addWorksheet(TEMPLATE_SHEETS.help);
  const lists = wb.addWorksheet(TEMPLATE_SHEETS.lists);

  // Data sheet: the header, column formats, and the drop-downs on every row the import accepts.
  data.columns = COLUMNS.map((c) => ({
    header: c.header,
    width: Math.max(12, c.header.length + 4),
    style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {},
  }));
  BOLD_HEADER(data.getRow(1));

  // «Elenchi»: one column per list, its header in row 1; filone names beside their codes.
  const all = listsOf(streams);
  const lastRow = MAX_DATA_ROWS + 1;
  let col = 1;
  for (const list of all) {
    lists.getCell(1, col).value = list.header;
    list.values.forEach((v, i) => (lists.getCell(i + 2, col).value = v));
    const letter = columnLetter(col);
    const target = COLUMNS.findIndex((c) => c.header === list.header) + 1;
    if (list.values.length > 0 && target > 0) {
      const at = columnLetter(target);
      (data as unknown as WithValidations).dataValidations.add(`${at}2:${at}${lastRow}`, {
        type: "list",
        allowBlank: true,
        formulae: [`${TEMPLATE_SHEETS.lists}!$${letter}$2:$${letter}$${list.values.length + 1}`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "Valore non ammesso",
        error: `Scegli un valore dell'elenco «${list.header}» (foglio «${TEMPLATE_SHEETS.lists}»).`,
      });
    }
    lists.getColumn(col).width = Math.max(14, ...list.values.map((v) => v.length + 2));
    col += 1;
    if (list.header === "Codice filone") {
      lists.getCell(1, col).value = "Filone";
      streams.forEach((s, i) => (lists.getCell(i + 2, col).value = s.name));
      lists.getColumn(col).width = 50;
      col += 1;
    }
  }
  BOLD_HEADER(lists.getRow(1));

  // «Istruzioni»: how to fill the file, the columns, then the examples.
  help.columns = [{ width: 24 }, { width: 16 }, { width: 24 }, { width: 90 }];
  const lines = [
    `Modello per importare gli interventi del Comune di ${comuneName}`,
    `Compila il foglio «${TEMPLATE_SHEETS.data}» (il solo foglio che viene letto): una riga per ogni intervento, risorsa, azione, indicatore o comune partner. La colonna «Tipo riga» dice di che cosa si tratta.`,
    "Ogni riga porta il CUP o il codice locale dell'intervento a cui si riferisce; le colonne che non riguardano il tipo di riga restano vuote.",
    "Date nel formato gg/mm/aaaa (ad esempio 25/11/2026); importi in euro come 1.234,56; niente formule.",
    "Un intervento già presente è riconosciuto dal CUP o dal codice locale; una risorsa da fonte, programma e anno; un'azione da titolo e scadenza; un indicatore da nome e periodo; un partner dal comune. Nulla viene cancellato.",
    `Gli elenchi dei valori ammessi sono nel foglio «${TEMPLATE_SHEETS.lists}».`,
  ];
  lines.forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  let r = lines.length + 2;
  const head = help.getRow(r);
  head.values = ["Colonna", "Tipo riga", "Obbligatoria", "Contenuto e formato"];
  BOLD_HEADER(head);
  for (const c of COLUMNS) {
    r += 1;
    const h = HELP[c.header];
    help.getRow(r).values = [c.header, c.kind ?? "Tutte", h?.required ?? "No", h?.what ?? ""];
    help.getCell(r, 4).alignment = { wrapText: true, vertical: "top" };
  }
  r += 2;
  help.getCell(r, 1).value = "Esempio (non viene importato: copialo nel foglio «Interventi» e adattalo)";
  help.getCell(r, 1).font = { bold: true };
  r += 1;
  const exampleHeader = help.getRow(r);
  exampleHeader.values = [...COLUMNS.map((c) => c.header)];
  BOLD_HEADER(exampleHeader);
  for (const example of examples(streams)) {
    r += 1;
    COLUMNS.forEach((c, i) => {
      const value = example[c.header];
      if (value === undefined) return;
      const cell = help.getCell(r, i + 1);
      cell.value = value;
      if (NUM_FMT[c.type]) cell.numFmt = NUM_FMT[c.type]!;
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
