import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { ExportLink } from "@/components/rollup/export-link";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import {
  formatEuro,
  FUNDING_SOURCES,
  HEALTH_LABELS,
  HEALTHS,
  PROJECT_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getProjectFormOptions } from "@/lib/projects/form-options";
import { listProjects } from "@/lib/projects/list-projects";
import { listHref, parseListParams, type ListSearchParams } from "@/lib/projects/list-query";
import { restoreProjectAction } from "./actions";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Interventi" };

const SORTABLE: Record<string, string> = {
  title: "Intervento",
  status: "Stato",
  plannedStart: "Inizio previsto",
  totalCost: "Costo totale",
};

export default async function ProjectListPage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<ListSearchParams>;
}) {
  const { istat } = await props.params;
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const comune = await orNotFound(getComuneForActor(actor, istat), `/comuni/${istat}/interventi`);
  const query = parseListParams(params);
  const [result, options] = await Promise.all([
    listProjects(actor, { ...query, comuneIstat: istat }),
    getProjectFormOptions(actor, istat),
  ]);
  const base = `/comuni/${istat}/interventi`;
  const writable = can(actor, "projects.write", istat);
  const href = (changes: Record<string, string | undefined>) => listHref(base, params, changes);
  const sortHeader = (key: string) => {
    const active = (query.sort ?? "updatedAt") === key;
    const nextDir = active && query.dir !== "desc" ? "desc" : "asc";
    const arrow = active ? (query.dir === "desc" ? " ↓" : " ↑") : "";
    return (
      <Link
        href={href({ ordina: key, verso: nextDir, pagina: undefined })}
        aria-label={`Ordina per ${SORTABLE[key]}`}
      >
        {SORTABLE[key]}
        {arrow}
      </Link>
    );
  };
  const filterSelect = (
    name: string,
    label: string,
    opts: { value: string; label: string }[],
    value?: string,
  ) => (
    <div>
      <label htmlFor={`flt-${name}`} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select
        id={`flt-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
      >
        <option value="">Tutti</option>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-semibold">
          {query.deleted ? "Interventi eliminati" : "Interventi"} del Comune di {comune.name}
        </h1>
        {writable && !query.deleted ? (
          <div className="flex flex-wrap items-center gap-3">
            <Link href={`${base}/importa`} className="text-sm">
              Importa da file
            </Link>
            <Link
              href={`${base}/nuovo`}
              className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
            >
              Nuovo intervento
            </Link>
          </div>
        ) : null}
      </div>
      {!query.deleted ? (
        <p className="flex flex-wrap gap-x-4 text-sm">
          <span>Esporta gli interventi del comune con risorse e azioni:</span>
          <ExportLink
            href={`/api/v1/comuni/${istat}/export?formato=csv`}
            label="Esporta CSV"
            accessibleLabel="Esporta CSV degli interventi del comune"
          />
          <ExportLink
            href={`/api/v1/comuni/${istat}/export?formato=xlsx`}
            label="Esporta XLSX"
            accessibleLabel="Esporta XLSX degli interventi del comune"
          />
        </p>
      ) : null}
      {params.eliminato ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-2 text-sm text-green-900">
          Intervento eliminato. Puoi ripristinarlo da{" "}
          <Link href={href({ eliminati: "1", eliminato: undefined })}>Interventi eliminati</Link>.
        </p>
      ) : null}
      <form
        role="search"
        aria-label="Filtra gli interventi"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div>
          <label htmlFor="flt-q" className="block text-xs font-medium text-slate-700">
            Cerca (titolo, CUP, codice locale)
          </label>
          <input
            id="flt-q"
            name="q"
            defaultValue={query.q ?? ""}
            className="mt-1 w-64 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
          />
        </div>
        {filterSelect("filone", "Filone", options.streams, query.streamId)}
        {filterSelect(
          "stato",
          "Stato",
          PROJECT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          query.status,
        )}
        {filterSelect(
          "andamento",
          "Andamento",
          HEALTHS.map((s) => ({ value: s, label: HEALTH_LABELS[s] })),
          query.health,
        )}
        {filterSelect(
          "fonte",
          "Fonte",
          FUNDING_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
          query.source,
        )}
        <div>
          <label htmlFor="flt-anno" className="block text-xs font-medium text-slate-700">
            Anno
          </label>
          <input
            id="flt-anno"
            name="anno"
            inputMode="numeric"
            defaultValue={query.year ? String(query.year) : ""}
            className="mt-1 w-24 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
          />
        </div>
        <div>
          <label htmlFor="flt-ambito" className="block text-xs font-medium text-slate-700">
            Titolarità
          </label>
          <select
            id="flt-ambito"
            name="ambito"
            defaultValue={query.scope}
            className="mt-1 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
          >
            <option value="own">Del comune</option>
            <option value="partner">In partenariato</option>
            <option value="all">Tutti</option>
          </select>
        </div>
        {query.deleted ? <input type="hidden" name="eliminati" value="1" /> : null}
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm text-white">
          Filtra
        </button>
        <Link href={query.deleted ? `${base}?eliminati=1` : base} className="text-sm">
          Azzera i filtri
        </Link>
      </form>
      <DataTable
        caption={`${result.total} interventi trovati`}
        rows={result.items}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Intervento",
            headerCell: sortHeader("title"),
            cell: (r) => (r.deletedAt ? r.title : <Link href={`${base}/${r.id}`}>{r.title}</Link>),
          },
          { header: "Comune", cell: (r) => (r.comuneIstat === istat ? "—" : `${r.comune.name} (partner)`) },
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
          ...(query.deleted && writable
            ? [
                {
                  header: "Comandi",
                  cell: (r: (typeof result.items)[number]) => (
                    <ActionButton
                      action={restoreProjectAction}
                      fields={{ id: r.id }}
                      label="Ripristina"
                      accessibleLabel={`Ripristina ${r.title}`}
                      variant="secondary"
                    />
                  ),
                },
              ]
            : []),
        ]}
        empty="Nessun intervento corrisponde ai filtri."
      />
      <nav aria-label="Pagine" className="flex items-center gap-4 text-sm">
        {result.page > 1 ? <Link href={href({ pagina: String(result.page - 1) })}>← Precedente</Link> : null}
        <span>
          Pagina {result.page} di {result.pages}
        </span>
        {result.page < result.pages ? (
          <Link href={href({ pagina: String(result.page + 1) })}>Successiva →</Link>
        ) : null}
        {!query.deleted && writable ? (
          <Link href={href({ eliminati: "1", pagina: undefined })} className="ml-auto">
            Interventi eliminati
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
