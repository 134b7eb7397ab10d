import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import {
  csvStream,
  exportResponse,
  xlsxStream,
  type ExportColumn,
  type ExportFormat,
} from "@/lib/export/table-export";
import { HEALTH_LABELS, SOURCE_LABELS, romeToday, STATUS_LABELS, THEME_LABELS } from "@/lib/format";
import type { FundingSource, Health, ProjectStatus, Theme } from "@/lib/generated/prisma/enums";
import { exportProjects, type ExportProject } from "./export-projects";
import type { RollupFilters } from "./filters";
import { getRollup, type Group, type Money, type Rollup } from "./get-rollup";

export const EXPORT_TABLES = [
  "interventi",
  "filoni",
  "temi",
  "province",
  "smartland",
  "comuni",
  "fonti",
  "anni",
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const groupColumns = (first: string): ExportColumn<Group>[] => [
  { header: first, value: (g) => g.name },
  { header: "Interventi", value: (g) => g.projects, kind: "number" },
  { header: "Costo totale", value: (g) => Number(g.totalCost), kind: "money" },
  { header: "Previsto", value: (g) => Number(g.planned), kind: "money" },
  { header: "Impegnato", value: (g) => Number(g.committed), kind: "money" },
  { header: "Pagato", value: (g) => Number(g.paid), kind: "money" },
  { header: "Fabbisogno scoperto", value: (g) => Number(g.gap), kind: "money" },
  { header: "Azioni in ritardo", value: (g) => g.overdue, kind: "number" },
];
const moneyColumns = <T extends Money>(
  first: string,
  key: (row: T) => string | number,
): ExportColumn<T>[] => [
  { header: first, value: key },
  { header: "Previsto", value: (r) => Number(r.planned), kind: "money" },
  { header: "Impegnato", value: (r) => Number(r.committed), kind: "money" },
  { header: "Pagato", value: (r) => Number(r.paid), kind: "money" },
];

const PROJECT_COLUMNS: ExportColumn<ExportProject>[] = [
  { header: "CUP", value: (p) => p.cup },
  { header: "Codice locale", value: (p) => p.localCode },
  { header: "Titolo", value: (p) => p.title },
  { header: "Comune", value: (p) => p.comuneName },
  { header: "Codice ISTAT comune", value: (p) => p.comune },
  { header: "Filone", value: (p) => p.stream },
  { header: "Tema", value: (p) => THEME_LABELS[p.theme as Theme] ?? p.theme },
  { header: "Stato procedurale", value: (p) => STATUS_LABELS[p.status as ProjectStatus] ?? p.status },
  { header: "Andamento", value: (p) => HEALTH_LABELS[p.health as Health] ?? p.health },
  { header: "Inizio previsto", value: (p) => p.plannedStart, kind: "date" },
  { header: "Fine prevista", value: (p) => p.plannedEnd, kind: "date" },
  { header: "Costo totale", value: (p) => Number(p.totalCost), kind: "money" },
  { header: "Previsto", value: (p) => Number(p.planned), kind: "money" },
  { header: "Impegnato", value: (p) => Number(p.committed), kind: "money" },
  { header: "Pagato", value: (p) => Number(p.paid), kind: "money" },
];

function aggregate(r: Rollup, table: Exclude<ExportTable, "interventi">) {
  switch (table) {
    case "filoni":
      return { columns: groupColumns("Filone"), rows: r.byStream };
    case "temi":
      return {
        columns: groupColumns("Tema"),
        rows: r.byTheme.map((g) => ({ ...g, name: THEME_LABELS[g.key as Theme] ?? g.name })),
      };
    case "province":
      return { columns: groupColumns("Provincia"), rows: r.byProvince };
    case "smartland":
      return { columns: groupColumns("Smart Land"), rows: r.bySmartLand };
    case "comuni":
      return {
        columns: [
          { header: "Codice ISTAT", value: (g: Group) => g.key },
          ...groupColumns("Comune"),
        ] as ExportColumn<Group>[],
        rows: r.byComune,
      };
    case "fonti":
      return {
        columns: moneyColumns<Rollup["bySource"][number]>(
          "Fonte",
          (s) => SOURCE_LABELS[s.key as FundingSource] ?? s.key,
        ),
        rows: r.bySource,
      };
    case "anni":
      return { columns: moneyColumns<Rollup["byYear"][number]>("Anno", (y) => y.year), rows: r.byYear };
  }
}

/**
 * A download of the current roll-up view: the projects (streamed page by page) or one aggregate table.
 * Authorization is checked before the stream starts, so a refusal is a plain 404.
 */
export async function exportRollupTable(
  actor: Actor,
  filters: RollupFilters,
  table: string,
  format: ExportFormat,
) {
  if (!can(actor, "rollup.read") || !(EXPORT_TABLES as readonly string[]).includes(table)) throw notFound();
  const t = table as ExportTable;
  const filename = `smartland-${t}-${romeToday()}`;
  const write = <T>(columns: ExportColumn<T>[], rows: AsyncIterable<readonly T[]> | Iterable<T>) =>
    format === "csv"
      ? csvStream(columns, rows)
      : xlsxStream(columns, rows, { sheetName: t, title: `Smart Land Lombardia – ${t}` });
  if (t === "interventi")
    return exportResponse(format, filename, write(PROJECT_COLUMNS, exportProjects(actor, filters)));
  const { columns, rows } = aggregate(await getRollup(actor, filters), t);
  return exportResponse(format, filename, write(columns as ExportColumn<(typeof rows)[number]>[], rows));
}
