import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { ExportLink } from "@/components/rollup/export-link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, labelledOptions } from "@/components/ui/filter-form";
import {
  type DecimalLike,
  formatEuro,
  FUNDING_SOURCES,
  HEALTH_LABELS,
  HEALTHS,
  PROJECT_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import type { ProjectListQuery } from "@/lib/projects/list-projects";
import type { FormState } from "@/lib/validation/form-state";
import { plural } from "@/lib/format/plural";

/** The list's URL with some parameters changed (undefined removes one). */
type ListHref = (changes: Record<string, string | undefined>) => string;

export type ProjectListRow = {
  id: string;
  title: string;
  deletedAt: Date | null;
  comuneIstat: string;
  comune: { name: string };
  cup: string | null;
  stream: { code: string };
  status: keyof typeof STATUS_LABELS;
  health: keyof typeof HEALTH_LABELS;
  totalCost: DecimalLike;
};

const SORTABLE: Record<string, string> = {
  title: "Intervento",
  status: "Stato",
  plannedStart: "Inizio previsto",
  totalCost: "Costo totale",
};

/** The list's heading and, for the comune's officers, «Importa da file» and «Nuovo intervento». */
export function ProjectListHeading(props: {
  comuneName: string;
  deleted?: boolean;
  writable: boolean;
  listHref: string;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <h1 className="text-3xl font-semibold">
        {props.deleted ? "Interventi eliminati" : "Interventi"} del Comune di {props.comuneName}
      </h1>
      {props.writable && !props.deleted ? (
        <div className="flex flex-wrap items-center gap-3">
          <Link href={`${props.listHref}/importa`} className="text-sm">
            Importa da file
          </Link>
          <Link
            href={`${props.listHref}/nuovo`}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
          >
            Nuovo intervento
          </Link>
        </div>
      ) : null}
    </div>
  );
}

/** The list's active filters as the export's query string (same names as the list's URL). */
export function exportFilterQuery(query: ProjectListQuery): string {
  const sp = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") sp.set(name, String(value));
  };
  set("q", query.q?.trim());
  set("filone", query.streamId);
  set("stato", query.status);
  set("andamento", query.health);
  set("fonte", query.source);
  set("anno", query.year);
  const qs = sp.toString();
  return qs ? `&${qs}` : "";
}

/**
 * The export of the comune's projects with their funding lines and actions: with the list's active
 * filters, only the projects the list shows.
 */
export function ProjectExportLinks({ istat, query }: { istat: string; query: ProjectListQuery }) {
  const filters = exportFilterQuery(query);
  const what = filters ? "degli interventi filtrati" : "degli interventi del comune";
  return (
    <p className="flex flex-wrap gap-x-4 text-sm">
      <span>
        {filters
          ? "Esporta gli interventi che corrispondono ai filtri, con risorse e azioni:"
          : "Esporta gli interventi del comune con risorse e azioni:"}
      </span>
      <ExportLink
        href={`/api/v1/comuni/${istat}/export?formato=csv${filters}`}
        label="Esporta CSV"
        accessibleLabel={`Esporta CSV ${what}`}
      />
      <ExportLink
        href={`/api/v1/comuni/${istat}/export?formato=xlsx${filters}`}
        label="Esporta XLSX"
        accessibleLabel={`Esporta XLSX ${what}`}
      />
    </p>
  );
}

/** The list's filters; the list of deleted projects keeps its `eliminati` flag. */
export function ProjectFilterForm(props: {
  query: ProjectListQuery;
  streams: { value: string; label: string }[];
  listHref: string;
}) {
  const { query } = props;
  return (
    <FilterForm
      label="Filtra gli interventi"
      resetHref={query.deleted ? `${props.listHref}?eliminati=1` : props.listHref}
    >
      <FilterInput name="q" label="Cerca (titolo, CUP, codice locale)" value={query.q} />
      <FilterSelect name="filone" label="Filone" options={props.streams} value={query.streamId} />
      <FilterSelect
        name="stato"
        label="Stato"
        options={labelledOptions(PROJECT_STATUSES, STATUS_LABELS)}
        value={query.status}
      />
      <FilterSelect
        name="andamento"
        label="Andamento"
        options={labelledOptions(HEALTHS, HEALTH_LABELS)}
        value={query.health}
      />
      <FilterSelect
        name="fonte"
        label="Fonte"
        options={labelledOptions(FUNDING_SOURCES, SOURCE_LABELS)}
        value={query.source}
      />
      <FilterInput
        name="anno"
        label="Anno"
        width="narrow"
        numeric
        value={query.year ? String(query.year) : ""}
      />
      <FilterSelect
        name="ambito"
        label="Titolarità"
        placeholder={null}
        options={[
          { value: "own", label: "Del comune" },
          { value: "partner", label: "In partenariato" },
          { value: "all", label: "Tutti" },
        ]}
        value={query.scope}
      />
      {query.deleted ? <input type="hidden" name="eliminati" value="1" /> : null}
    </FilterForm>
  );
}

/** A column header that sorts the list by it, ascending first, with an arrow on the current sort. */
function SortHeader(props: { column: string; query: ProjectListQuery; href: ListHref }) {
  const { column, query } = props;
  const active = (query.sort ?? "updatedAt") === column;
  const nextDir = active && query.dir !== "desc" ? "desc" : "asc";
  const arrow = active ? (query.dir === "desc" ? " ↓" : " ↑") : "";
  return (
    <Link
      href={props.href({ ordina: column, verso: nextDir, pagina: undefined })}
      aria-label={`Ordina per ${SORTABLE[column]}`}
    >
      {SORTABLE[column]}
      {arrow}
    </Link>
  );
}

/**
 * The comune's projects (and its partner projects, marked); in the list of deleted projects, «Ripristina»
 * for those who may write.
 */
export function ProjectTable(props: {
  rows: ProjectListRow[];
  total: number;
  istat: string;
  listHref: string;
  query: ProjectListQuery;
  href: ListHref;
  restore?: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const { istat, query, restore } = props;
  const sortHeader = (column: string) => <SortHeader column={column} query={query} href={props.href} />;
  const columns: Column<ProjectListRow>[] = [
    {
      header: "Intervento",
      headerCell: sortHeader("title"),
      cell: (r) => (r.deletedAt ? r.title : <Link href={`${props.listHref}/${r.id}`}>{r.title}</Link>),
    },
    { header: "Comune", cell: (r) => (r.comuneIstat === istat ? "—" : `${r.comune.name} (capofila)`) },
    { header: "CUP", cell: (r) => r.cup ?? "—" },
    { header: "Filone", cell: (r) => r.stream.code },
    { header: "Stato", headerCell: sortHeader("status"), cell: (r) => STATUS_LABELS[r.status] },
    { header: "Andamento", cell: (r) => HEALTH_LABELS[r.health] },
    {
      header: "Costo totale",
      headerCell: sortHeader("totalCost"),
      cell: (r) => formatEuro(r.totalCost),
      align: "right",
    },
  ];
  if (restore)
    columns.push({
      header: "Comandi",
      cell: (r) => (
        <ActionButton
          action={restore}
          fields={{ id: r.id }}
          label="Ripristina"
          accessibleLabel={`Ripristina ${r.title}`}
          variant="secondary"
        />
      ),
    });
  return (
    <DataTable
      caption={plural(props.total, "intervento trovato", "interventi trovati")}
      rows={props.rows}
      rowKey={(r) => r.id}
      columns={columns}
      empty="Nessun intervento corrisponde ai filtri."
    />
  );
}
