import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, labelledOptions } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import {
  formatEuro,
  formatInstantDate,
  FUNDING_SOURCES,
  PROJECT_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { plural } from "@/lib/format/plural";
import type { PublicProjectRow } from "@/lib/public/public-project";

export type PublicListFilters = {
  q?: string;
  smartLand?: string;
  comune?: string;
  filone?: string;
  stato?: string;
  fonte?: string;
  anno?: number;
  sort: string;
};
export type PublicListOptions = {
  smartLands: { slug: string; name: string }[];
  comuni: { istat: string; name: string }[];
  streams: { code: string; name: string }[];
  years: number[];
};

const SORT_OPTIONS = [
  { value: "comune", label: "Comune e titolo" },
  { value: "titolo", label: "Titolo" },
  { value: "costo", label: "Costo totale (decrescente)" },
  { value: "pubblicato", label: "Pubblicazione più recente" },
];

/** The query string of the list for these filters (and a page). */
export function listHref(f: PublicListFilters, page?: number): string {
  const q = new URLSearchParams();
  const pairs: [string, string | number | undefined][] = [
    ["q", f.q],
    ["smartland", f.smartLand],
    ["comune", f.comune],
    ["filone", f.filone],
    ["stato", f.stato],
    ["fonte", f.fonte],
    ["anno", f.anno],
    ["ordine", f.sort === "comune" ? undefined : f.sort],
    ["pagina", page && page > 1 ? page : undefined],
  ];
  for (const [k, v] of pairs) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `/progetti?${s}` : "/progetti";
}

/** The search and filters of the public list (a GET form: every view is a shareable URL). */
export function PublicProjectFilters(props: { filters: PublicListFilters; options: PublicListOptions }) {
  const { filters: f, options: o } = props;
  return (
    <FilterForm label="Cerca negli interventi" resetHref="/progetti" submitLabel="Cerca">
      <FilterInput name="q" label="Testo (titolo, CUP, comune)" value={f.q} />
      <FilterSelect
        name="smartland"
        label="Smart Land"
        value={f.smartLand}
        options={o.smartLands.map((s) => ({ value: s.slug, label: s.name }))}
        narrow
      />
      <FilterSelect
        name="comune"
        label="Comune"
        value={f.comune}
        options={o.comuni.map((c) => ({ value: c.istat, label: c.name }))}
        narrow
      />
      <FilterSelect
        name="filone"
        label="Filone"
        value={f.filone}
        options={o.streams.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
        narrow
      />
      <FilterSelect
        name="stato"
        label="Stato"
        value={f.stato}
        options={labelledOptions(PROJECT_STATUSES, STATUS_LABELS)}
        narrow
      />
      <FilterSelect
        name="fonte"
        label="Fonte"
        value={f.fonte}
        options={labelledOptions(FUNDING_SOURCES, SOURCE_LABELS)}
        narrow
      />
      <FilterSelect
        name="anno"
        label="Anno"
        value={f.anno ? String(f.anno) : undefined}
        options={o.years.map((y) => ({ value: String(y), label: String(y) }))}
        narrow
      />
      <FilterSelect
        name="ordine"
        label="Ordina per"
        value={f.sort}
        options={SORT_OPTIONS}
        placeholder={null}
        narrow
      />
    </FilterForm>
  );
}

/** The result count, the table (each title links to its page) and the pager. */
export function PublicProjectResults(props: {
  filters: PublicListFilters;
  items: PublicProjectRow[];
  total: number;
  page: number;
  pages: number;
}) {
  return (
    <section aria-labelledby="risultati" className="space-y-3">
      <h2 id="risultati" className="text-xl font-semibold" aria-live="polite">
        {plural(props.total, "intervento", "interventi")}
      </h2>
      <DataTable
        caption="Interventi pubblicati"
        captionHidden
        rows={props.items}
        rowKey={(p) => p.id}
        empty="Nessun intervento corrisponde alla ricerca."
        columns={[
          {
            header: "Intervento",
            cell: (p) => (
              <>
                <Link href={`/progetti/${p.id}`} className="font-medium">
                  {p.title}
                </Link>
                {p.cup ? <span className="block text-xs text-slate-700">CUP {p.cup}</span> : null}
              </>
            ),
          },
          { header: "Comune", cell: (p) => p.comuneName },
          { header: "Filone", cell: (p) => p.streamCode },
          { header: "Stato", cell: (p) => STATUS_LABELS[p.status] },
          { header: "Avanzamento", cell: (p) => `${p.progress} %`, align: "right" },
          { header: "Costo totale", cell: (p) => formatEuro(p.totalCost), align: "right" },
          { header: "Pubblicato il", cell: (p) => formatInstantDate(p.publishedAt) },
        ]}
      />
      <Pager
        label="Pagine degli interventi"
        page={props.page}
        pages={props.pages}
        href={(page) => listHref(props.filters, page)}
        previous="Pagina precedente"
        next="Pagina successiva"
      />
    </section>
  );
}
