// The export of a comune's projects in the flat layout (layout.ts): each project's INTERVENTO row followed
// by its RISORSA, AZIONE, INDICATORE and PARTNER rows. Its columns are the import template's, so exporting and importing the
// same file changes nothing. Streams page by page (keyset on id) through lib/export/table-export.

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { withActor } from "@/lib/db";
import {
  csvStream,
  exportResponse,
  xlsxStream,
  type ExportColumn,
  type ExportFormat,
  type ExportValue,
} from "@/lib/export/table-export";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  romeToday,
} from "@/lib/format";
import { projectListFilters, type ProjectListQuery } from "@/lib/projects/list-projects";
import { COLUMNS, type RowKind } from "./layout";
import { templateWorkbook } from "./template";

/** The project list's filters that an export honours (the list's URL parameters, parsed). */
export type ExportFilters = Pick<
  ProjectListQuery,
  "q" | "streamId" | "status" | "health" | "source" | "year"
>;

/** One line of the file: its kind and the value of each field of that kind (by layout field name). */
type FlatRow = {
  kind: RowKind;
  cup: string | null;
  localCode: string | null;
  values: Record<string, ExportValue>;
};

const EXPORT_COLUMNS: ExportColumn<FlatRow>[] = COLUMNS.map((column) => ({
  header: column.header,
  kind:
    column.type === "money"
      ? "money"
      : column.type === "date"
        ? "date"
        : column.type === "int"
          ? "integer"
          : column.type === "decimal"
            ? "number"
            : "text",
  value: (row: FlatRow): ExportValue => {
    if (column.field === "rowKind") return row.kind;
    if (column.kind === null) return column.field === "cup" ? row.cup : row.localCode;
    return column.kind === row.kind ? (row.values[column.field] ?? null) : null;
  },
}));

const PAGE = 500;
const money = (d: { toString(): string }) => d.toString();

async function* comuneRows(
  actor: Actor,
  comuneIstat: string,
  filters: ExportFilters,
): AsyncGenerator<FlatRow[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  const filtered = projectListFilters(filters);
  for (;;) {
    const projects = await withActor(actor, (tx) =>
      tx.project.findMany({
        where: { comuneIstat, deletedAt: null, id: { gt: after }, AND: filtered },
        orderBy: { id: "asc" },
        take: PAGE,
        include: {
          stream: { select: { code: true } },
          fundingLines: { orderBy: [{ year: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
          actions: {
            orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
          },
          indicators: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
          partners: {
            orderBy: { partnerIstat: "asc" },
            select: { partnerIstat: true, partner: { select: { name: true } } },
          },
        },
      }),
    );
    if (!projects.length) return;
    const rows: FlatRow[] = [];
    for (const p of projects) {
      const key = { cup: p.cup, localCode: p.localCode };
      rows.push({
        kind: "INTERVENTO",
        ...key,
        values: {
          title: p.title,
          summary: p.summary,
          streamId: p.stream.code,
          status: STATUS_LABELS[p.status],
          health: HEALTH_LABELS[p.health],
          progress: p.progress,
          totalCost: money(p.totalCost),
          plannedStart: p.plannedStart,
          plannedEnd: p.plannedEnd,
          actualStart: p.actualStart,
          actualEnd: p.actualEnd,
        },
      });
      for (const f of p.fundingLines) {
        rows.push({
          kind: "RISORSA",
          ...key,
          values: {
            source: SOURCE_LABELS[f.source],
            programme: f.programme,
            // An "integer" column: Excel shows "2026", not "2.026".
            year: f.year,
            amountPlanned: money(f.amountPlanned),
            amountCommitted: money(f.amountCommitted),
            amountPaid: money(f.amountPaid),
          },
        });
      }
      for (const a of p.actions) {
        rows.push({
          kind: "AZIONE",
          ...key,
          values: {
            title: a.title,
            kind: ACTION_KIND_LABELS[a.kind],
            owner: a.owner,
            dueDate: a.dueDate,
            doneDate: a.doneDate,
            status: ACTION_STATUS_LABELS[a.status],
            cig: a.cig,
          },
        });
      }
      for (const i of p.indicators) {
        rows.push({
          kind: "INDICATORE",
          ...key,
          values: {
            name: i.name,
            theme: INDICATOR_THEME_LABELS[i.theme],
            unit: i.unit,
            baseline: i.baseline && i.baseline.toString(),
            target: i.target && i.target.toString(),
            actual: i.actual && i.actual.toString(),
            period: i.period,
          },
        });
      }
      for (const partner of p.partners) {
        rows.push({
          kind: "PARTNER",
          ...key,
          values: { partnerIstat: partner.partnerIstat, partnerName: partner.partner.name },
        });
      }
    }
    yield rows;
    if (projects.length < PAGE) return;
    after = projects[projects.length - 1]!.id;
  }
}

/**
 * The download of the comune's live projects (`template`: the header only, the import template), only
 * those matching `filters` (the project list's, so the file holds what the filtered list shows). Anyone who
 * may open the comune may export it; others get 404 before the stream starts.
 */
export async function exportComuneProjects(
  actor: Actor,
  istat: string,
  format: ExportFormat,
  opts: { template?: boolean; filters?: ExportFilters } = {},
): Promise<Response> {
  const comune = await getComuneForActor(actor, istat);
  if (opts.template && format === "xlsx") {
    // The XLSX template: drop-down lists, instructions and examples (template.ts).
    const streams = await withActor(actor, (tx) =>
      tx.stream.findMany({
        where: { archived: false },
        orderBy: { code: "asc" },
        select: { code: true, name: true },
      }),
    );
    const bytes = await templateWorkbook(streams, comune.name);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return exportResponse(format, `modello-importazione-interventi-${istat}`, body);
  }
  const rows: AsyncIterable<readonly FlatRow[]> | FlatRow[] = opts.template
    ? []
    : comuneRows(actor, istat, opts.filters ?? {});
  const filename = opts.template
    ? `modello-importazione-interventi-${istat}`
    : `interventi-${istat}-${romeToday()}`;
  const stream =
    format === "csv"
      ? csvStream(EXPORT_COLUMNS, rows)
      : xlsxStream(EXPORT_COLUMNS, rows, {
          sheetName: "Interventi",
          source: `Fonte: Smart Land Lombardia – Comune di ${comune.name}`,
        });
  return exportResponse(format, filename, stream);
}
