import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { Prisma, withActor } from "@/lib/db";
import {
  csvStream,
  exportResponse,
  xlsxStream,
  type ExportColumn,
  type ExportFormat,
} from "@/lib/export/table-export";
import { STATUS_LABELS, romeToday } from "@/lib/format";
import { PHASE_KINDS, PHASE_OC_CODES } from "@/lib/format/phases";
import { instantIsoDate } from "@/lib/format/time";
import type { FundingSource, ProjectStatus } from "@/lib/generated/prisma/enums";
import { fundingGap, sumMoney } from "@/lib/money";
import { requireRegionalReader, roundById } from "./rounds";
import { centsToMoney, type SnapshotPayload } from "./submission";

/** Which submissions a round's export covers: validated only (default) or every transmitted one. */
export type RoundExportScope = "validati" | "trasmessi";

/**
 * Our funding sources in OpenCoesione's `FINANZ_*` columns (docs/opencoesione-export.md). The amount is
 * the planned resource (what OpenCoesione calls the financing); a source appears in exactly one column
 * besides the EU detail columns.
 */
export const OC_FUNDING: readonly { column: string; sources: readonly FundingSource[] }[] = [
  { column: "FINANZ_UE", sources: ["EU_FESR", "EU_FSE", "PNRR"] },
  { column: "FINANZ_UE_FESR", sources: ["EU_FESR"] },
  { column: "FINANZ_UE_FSE", sources: ["EU_FSE"] },
  { column: "FINANZ_STATO_FSC", sources: ["FSC"] },
  { column: "FINANZ_STATO_ALTRI_PROVVEDIMENTI", sources: ["STATE"] },
  { column: "FINANZ_REGIONE", sources: ["REGION"] },
  { column: "FINANZ_PROVINCIA", sources: ["METRO_CITY"] },
  { column: "FINANZ_COMUNE", sources: ["COMUNE"] },
  { column: "FINANZ_ALTRO_PUBBLICO", sources: ["OTHER"] },
  { column: "FINANZ_PRIVATO", sources: ["PRIVATE", "PPP", "SPONSORSHIP"] },
];
const PUBLIC_SOURCES: readonly FundingSource[] = [
  "EU_FESR",
  "EU_FSE",
  "PNRR",
  "FSC",
  "STATE",
  "REGION",
  "METRO_CITY",
  "COMUNE",
  "OTHER",
];

export type RoundExportRow = {
  projectId: string;
  localCode: string | null;
  cup: string | null;
  title: string;
  istat: string;
  comuneName: string;
  streamCode: string;
  streamName: string;
  status: ProjectStatus;
  progress: number;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  totalCostCents: bigint;
  plannedCents: bigint;
  committedCents: bigint;
  paidCents: bigint;
  bySource: Record<string, string> | null;
  phases: SnapshotPayload["phases"] | null;
  submissionStatus: "SUBMITTED" | "VALIDATED";
  submittedAt: Date | null;
  validatedAt: Date | null;
};

/** OpenCoesione's dates: "20260315" (a calendar date at UTC midnight or "yyyy-mm-dd"). */
export function ocDate(value: Date | string | null | undefined): string | null {
  if (!value) return null;
  const iso = typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  return iso.replaceAll("-", "");
}
const ocInstant = (value: Date | null) => (value ? instantIsoDate(value).replaceAll("-", "") : null);

const money = (cents: bigint) => centsToMoney(cents);
const sourceSum = (r: RoundExportRow, sources: readonly FundingSource[]) =>
  sumMoney(sources.map((s) => r.bySource?.[s] ?? "0"));
const phaseDate = (
  r: RoundExportRow,
  kind: string,
  key: "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd",
) => ocDate(r.phases?.find((p) => p.kind === kind)?.[key] ?? null);

/** The columns, in order (docs/opencoesione-export.md). */
export function roundExportColumns(round: {
  title: string;
  periodStart: Date;
  periodEnd: Date;
}): ExportColumn<RoundExportRow>[] {
  const phaseColumns = PHASE_KINDS.flatMap((kind) => {
    const code = PHASE_OC_CODES[kind];
    return [
      {
        header: `DATA_INIZIO_PREV_${code}`,
        value: (r: RoundExportRow) => phaseDate(r, kind, "plannedStart"),
      },
      { header: `DATA_FINE_PREV_${code}`, value: (r: RoundExportRow) => phaseDate(r, kind, "plannedEnd") },
      { header: `DATA_INIZIO_EFF_${code}`, value: (r: RoundExportRow) => phaseDate(r, kind, "actualStart") },
      { header: `DATA_FINE_EFF_${code}`, value: (r: RoundExportRow) => phaseDate(r, kind, "actualEnd") },
    ];
  });
  return [
    { header: "COD_LOCALE_PROGETTO", value: (r) => r.localCode || r.projectId },
    { header: "CUP", value: (r) => r.cup },
    { header: "OC_TITOLO_PROGETTO", value: (r) => r.title },
    { header: "COD_COMUNE", value: (r) => r.istat },
    { header: "DEN_COMUNE", value: (r) => r.comuneName },
    { header: "SL_COD_FILONE", value: (r) => r.streamCode },
    { header: "SL_FILONE", value: (r) => r.streamName },
    { header: "OC_STATO_PROCEDURALE", value: (r) => STATUS_LABELS[r.status] ?? r.status },
    { header: "SL_AVANZAMENTO", value: (r) => r.progress, kind: "integer" },
    { header: "SL_COSTO_TOTALE", value: (r) => money(r.totalCostCents), kind: "money" },
    ...OC_FUNDING.map((f): ExportColumn<RoundExportRow> => ({
      header: f.column,
      value: (r) => sourceSum(r, f.sources),
      kind: "money",
    })),
    { header: "FINANZ_TOTALE_PUBBLICO", value: (r) => sourceSum(r, PUBLIC_SOURCES), kind: "money" },
    {
      header: "FINANZ_DA_REPERIRE",
      value: (r) => fundingGap(money(r.totalCostCents), money(r.plannedCents)).gap,
      kind: "money",
    },
    { header: "IMPEGNI", value: (r) => money(r.committedCents), kind: "money" },
    { header: "TOT_PAGAMENTI", value: (r) => money(r.paidCents), kind: "money" },
    { header: "SL_DATA_INIZIO_PROGETTO_PREVISTA", value: (r) => ocDate(r.plannedStart) },
    { header: "OC_DATA_INIZIO_PROGETTO", value: (r) => ocDate(r.actualStart) },
    { header: "OC_DATA_FINE_PROGETTO_PREVISTA", value: (r) => ocDate(r.plannedEnd) },
    { header: "OC_DATA_FINE_PROGETTO_EFFETTIVA", value: (r) => ocDate(r.actualEnd) },
    ...phaseColumns,
    { header: "SL_RILEVAZIONE", value: () => round.title },
    { header: "SL_PERIODO_INIZIO", value: () => ocDate(round.periodStart) },
    { header: "SL_PERIODO_FINE", value: () => ocDate(round.periodEnd) },
    {
      header: "SL_STATO_INVIO",
      value: (r) => (r.submissionStatus === "VALIDATED" ? "Validato" : "Trasmesso"),
    },
    { header: "DATA_AGGIORNAMENTO", value: (r) => ocInstant(r.submittedAt) },
    { header: "SL_DATA_VALIDAZIONE", value: (r) => ocInstant(r.validatedAt) },
  ];
}

const PAGE = 2_000;

/**
 * The current snapshots of a round (validated submissions, or every transmitted one), one row per
 * project, by comune and project, page by page (keyset) so a regional round streams.
 */
async function* roundRows(actor: Actor, roundId: string, scope: RoundExportScope) {
  const statuses = scope === "trasmessi" ? ["SUBMITTED", "VALIDATED"] : ["VALIDATED"];
  let after = { istat: "", project: "00000000-0000-0000-0000-000000000000" };
  for (;;) {
    const rows = await withActor(
      actor,
      (tx) => tx.$queryRaw<RoundExportRow[]>`
        SELECT s."projectId", s."localCode", s.cup, s.title, s."comuneIstat" AS istat, c.name AS "comuneName",
          s."streamCode", COALESCE(st.name, '') AS "streamName", s.status::text AS status, s.progress,
          s."plannedStart", s."plannedEnd", s."actualStart", s."actualEnd", s."totalCostCents",
          s."plannedCents", s."committedCents", s."paidCents",
          (SELECT jsonb_object_agg(x.source, x.amount) FROM (
             SELECT e->>'source' AS source, sum((e->>'planned')::numeric)::text AS amount
             FROM jsonb_array_elements(COALESCE(s.payload->'funding', '[]'::jsonb)) e GROUP BY 1) x) AS "bySource",
          s.payload->'phases' AS phases,
          sub.status::text AS "submissionStatus", sub."submittedAt", sub."validatedAt"
        FROM "RoundSubmission" sub
        JOIN "RoundSnapshot" s ON s."submissionId" = sub.id AND s.revision = sub.revision
        JOIN "Comune" c ON c.istat = sub."comuneIstat"
        LEFT JOIN "Stream" st ON st.id = s."streamId"
        WHERE sub."roundId" = ${roundId}::uuid AND sub.status::text IN (${Prisma.join(statuses)})
          AND (s."comuneIstat", s."projectId") > (${after.istat}, ${after.project}::uuid)
        ORDER BY s."comuneIstat", s."projectId" LIMIT ${PAGE}`,
      { readOnly: true },
    );
    if (!rows.length) return;
    yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { istat: last.istat, project: last.projectId };
  }
}

/**
 * A round's figures in OpenCoesione's column layout, CSV or XLSX. Coordinators and administrators only
 * (an officer, or a round that does not exist: 404, checked before the stream starts).
 */
export async function exportRound(
  actor: Actor,
  roundId: string,
  format: ExportFormat,
  scope: RoundExportScope,
) {
  requireRegionalReader(actor);
  const round = await withActor(actor, (tx) => roundById(tx, roundId), { readOnly: true });
  const columns = roundExportColumns(round);
  const rows = roundRows(actor, round.id, scope);
  const filename = `rilevazione-opencoesione-${scope}-${romeToday()}`;
  const stream =
    format === "csv"
      ? csvStream(columns, rows)
      : xlsxStream(columns, rows, { sheetName: "Progetti", title: `${round.title} – formato OpenCoesione` });
  return exportResponse(format, filename, stream);
}
