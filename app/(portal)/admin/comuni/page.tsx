import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { listComuni, type ComuneState } from "@/lib/comuni/list-comuni";
import { formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Comuni" };

const STATES: { value: ComuneState; label: string }[] = [
  { value: "aderente", label: "Aderenti" },
  { value: "sospeso", label: "Sospesi" },
  { value: "non-aderente", label: "Non aderenti" },
];

type Search = { q?: string; provincia?: string; stato?: string; pagina?: string };

export default async function ComuniPage(props: { searchParams: Promise<Search> }) {
  const search = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const state = STATES.find((s) => s.value === search.stato)?.value;
  const page = pageNumber(search.pagina);
  const comuni = await orNotFound(
    listComuni(actor, { q: search.q, province: search.provincia, state, page, pageSize: 50 }),
    "/admin/comuni",
  );
  const provinces = (await getRollupFilterOptions(actor)).find((f) => f.name === "provincia")?.options ?? [];
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: search.q, provincia: search.provincia, stato: state })) {
      if (v) params.set(k, v);
    }
    params.set("pagina", String(p));
    return `/admin/comuni?${params}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Comuni</h1>
      <p className="text-sm text-slate-700">
        {formatNumber(comuni.members)} comuni aderenti su {formatNumber(1503)} comuni lombardi.
      </p>
      <form role="search" aria-label="Filtra i comuni" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Nome o codice ISTAT
          </label>
          <input
            id="q"
            name="q"
            defaultValue={search.q ?? ""}
            className="mt-1 w-64 rounded-md border border-slate-400 px-3 py-1.5"
          />
        </div>
        <div>
          <label htmlFor="provincia" className="block text-sm font-medium">
            Provincia
          </label>
          <select
            id="provincia"
            name="provincia"
            defaultValue={search.provincia ?? ""}
            className="mt-1 rounded-md border border-slate-400 px-3 py-1.5"
          >
            <option value="">Tutte</option>
            {provinces.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="stato" className="block text-sm font-medium">
            Stato
          </label>
          <select
            id="stato"
            name="stato"
            defaultValue={state ?? ""}
            className="mt-1 rounded-md border border-slate-400 px-3 py-1.5"
          >
            <option value="">Tutti</option>
            {STATES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white">
          Filtra
        </button>
      </form>
      <DataTable
        caption={`Comuni trovati: ${formatNumber(comuni.total)}`}
        rows={comuni.items}
        rowKey={(c) => c.istat}
        columns={[
          { header: "Codice ISTAT", cell: (c) => c.istat },
          { header: "Comune", cell: (c) => <Link href={`/admin/comuni/${c.istat}`}>{c.name}</Link> },
          { header: "Provincia", cell: (c) => c.province.acronym },
          { header: "Abitanti (2011)", cell: (c) => formatNumber(c.population), align: "right" },
          {
            header: "Stato",
            cell: (c) => (c.suspended ? "Sospeso" : c.member ? "Aderente" : "Non aderente"),
          },
          { header: "Utenti", cell: (c) => formatNumber(c._count.users), align: "right" },
        ]}
      />
      <nav aria-label="Pagine dei comuni" className="flex items-center gap-4 text-sm">
        {comuni.page > 1 ? <Link href={link(comuni.page - 1)}>Pagina precedente</Link> : null}
        <span>
          Pagina {comuni.page} di {comuni.pages}
        </span>
        {comuni.page < comuni.pages ? <Link href={link(comuni.page + 1)}>Pagina successiva</Link> : null}
      </nav>
    </div>
  );
}
