// Open data of the programme: one row per public project, with OpenCoesione-like columns, as CSV (for
// Italian Excel, like every export of the portal) and JSON, under stable URLs (app/opendata/…). Licence:
// CC BY 4.0 — in the CSV's first line, in the JSON's `licenza`, and in a `Link: rel="license"` header.

import "server-only";
import { csvStream, type ExportColumn } from "@/lib/export/table-export";
import { SOURCE_LABELS, STATUS_LABELS, THEME_LABELS, toIsoDate } from "@/lib/format";
import type { FundingSource } from "@/lib/generated/prisma/enums";
import { getPublicSmartLand, openDataProjects, type PublicProject } from "./public-data";
import { publicProjectUrl } from "./public-project";

export const OPEN_DATA_LICENCE = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/deed.it",
  attribution: "Smart Land Lombardia – Anci Lombardia e Regione Lombardia; confini e codici comunali ISTAT",
};

// Calendar dates (DATE columns): the day as stored, never shifted.
const isoDate = (d: Date | null) => (d ? toIsoDate(d) : null);

/** The columns, named after OpenCoesione's where one exists (CUP, OC_TITOLO_PROGETTO, …). */
export const OPEN_DATA_COLUMNS: ExportColumn<PublicProject>[] = [
  { header: "CUP", value: (p) => p.cup },
  { header: "COD_PROGETTO_PORTALE", value: (p) => p.id },
  { header: "OC_TITOLO_PROGETTO", value: (p) => p.title },
  { header: "OC_SINTESI_PROGETTO", value: (p) => p.summary },
  { header: "OC_LINK", value: (p) => publicProjectUrl(p.id) },
  { header: "COD_COMUNE", value: (p) => p.comuneIstat },
  { header: "DEN_COMUNE", value: (p) => p.comuneName },
  { header: "COD_FILONE", value: (p) => p.streamCode },
  { header: "DESCR_FILONE", value: (p) => p.streamName },
  { header: "OC_TEMA_SINTETICO", value: (p) => THEME_LABELS[p.theme] },
  {
    header: "FONTI_FINANZIAMENTO",
    value: (p) => p.sources.map((s) => SOURCE_LABELS[s as FundingSource] ?? s).join(" | "),
  },
  { header: "COSTO_TOTALE", value: (p) => p.totalCost, kind: "money" },
  { header: "FINANZ_PREVISTO", value: (p) => p.planned, kind: "money" },
  { header: "IMPEGNI", value: (p) => p.committed, kind: "money" },
  { header: "TOT_PAGAMENTI", value: (p) => p.paid, kind: "money" },
  { header: "OC_STATO_PROCEDURALE", value: (p) => STATUS_LABELS[p.status] },
  { header: "DATA_INIZIO_PREVISTA", value: (p) => isoDate(p.plannedStart), kind: "date" },
  { header: "DATA_FINE_PREVISTA", value: (p) => isoDate(p.plannedEnd), kind: "date" },
  { header: "DATA_INIZIO_EFFETTIVA", value: (p) => isoDate(p.actualStart), kind: "date" },
  { header: "DATA_FINE_EFFETTIVA", value: (p) => isoDate(p.actualEnd), kind: "date" },
];

/** The JSON record of a project: machine values (ISO dates, decimal strings, codes with labels). */
function jsonRecord(p: PublicProject) {
  return {
    cup: p.cup,
    cod_progetto_portale: p.id,
    titolo: p.title,
    sintesi: p.summary,
    link: publicProjectUrl(p.id),
    cod_comune: p.comuneIstat,
    den_comune: p.comuneName,
    filone: { codice: p.streamCode, descrizione: p.streamName },
    tema_sintetico: { codice: p.theme, descrizione: THEME_LABELS[p.theme] },
    fonti_finanziamento: p.sources.map((s) => ({
      codice: s,
      descrizione: SOURCE_LABELS[s as FundingSource] ?? s,
    })),
    costo_totale: p.totalCost,
    finanz_previsto: p.planned,
    impegni: p.committed,
    tot_pagamenti: p.paid,
    stato_procedurale: { codice: p.status, descrizione: STATUS_LABELS[p.status] },
    data_inizio_prevista: isoDate(p.plannedStart),
    data_fine_prevista: isoDate(p.plannedEnd),
    data_inizio_effettiva: isoDate(p.actualStart),
    data_fine_effettiva: isoDate(p.actualEnd),
  };
}

export type OpenDataScope = { kind: "region" } | { kind: "smart-land"; slug: string };
export type OpenDataFormat = "csv" | "json";

/** The open-data file of a scope; a Smart Land that does not exist is a 404 (thrown by getPublicSmartLand). */
export async function openDataResponse(
  scope: OpenDataScope,
  format: OpenDataFormat,
  url: string,
): Promise<Response> {
  const smartLand = scope.kind === "smart-land" ? await getPublicSmartLand(scope.slug) : null;
  const comuni = smartLand ? smartLand.comuni.map((c) => c.istat) : null;
  const title = smartLand
    ? `Interventi della Smart Land ${smartLand.name} – ${smartLand.phase}`
    : "Interventi dei comuni lombardi aderenti al programma Smart Land";
  const rows = openDataProjects(comuni);
  const generatedAt = new Date().toISOString();
  const stream =
    format === "csv" ? csvWithLicence(title, url, rows) : jsonStream(title, url, generatedAt, rows);
  const name = smartLand ? `interventi-smart-land-${smartLand.slug}` : "interventi-lombardia";
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `inline; filename="${name}.${format}"`,
      link: `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * The portal's CSV with one line first: the licence, the attribution and the dataset's stable URL. It is
 * one field like any other (quoted, formulas neutralised): the title names a Smart Land, which is stored text.
 */
function csvWithLicence(title: string, url: string, rows: AsyncIterable<PublicProject[]>) {
  const licence = `# ${title}. Licenza ${OPEN_DATA_LICENCE.name} (${OPEN_DATA_LICENCE.url}); attribuzione: ${OPEN_DATA_LICENCE.attribution}; URL: ${url}`;
  return csvStream(OPEN_DATA_COLUMNS, rows, { preamble: [licence] });
}

function jsonStream(title: string, url: string, generatedAt: string, rows: AsyncIterable<PublicProject[]>) {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let count = 0;
  let state: "head" | "rows" | "done" = "head";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (state === "head") {
        state = "rows";
        const licenza = {
          nome: OPEN_DATA_LICENCE.name,
          url: OPEN_DATA_LICENCE.url,
          attribuzione: OPEN_DATA_LICENCE.attribution,
        };
        const head = { titolo: title, url, licenza, generato_il: generatedAt };
        controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"interventi":[`));
        return;
      }
      if (state === "done") return;
      const next = await iterator.next();
      if (next.done) {
        state = "done";
        controller.enqueue(encoder.encode(`],"totale":${count}}\n`));
        controller.close();
        return;
      }
      const text = next.value.map((p) => JSON.stringify(jsonRecord(p))).join(",");
      controller.enqueue(encoder.encode(`${count > 0 && text ? "," : ""}${text}`));
      count += next.value.length;
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
