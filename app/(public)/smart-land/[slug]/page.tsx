import type { Metadata } from "next";
import Link from "next/link";
import { ChoroplethMap } from "@/components/charts/choropleth-map";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import {
  formatDate,
  formatEuro,
  formatNumber,
  formatTimestamp,
  STATUS_LABELS,
  THEME_LABELS,
} from "@/lib/format";
import { focusMap, getLombardyMap } from "@/lib/geo/lombardy-map";
import { orNotFound } from "@/lib/http/page";
import { getPublicFigures, getPublicSmartLand, listPublicProjects } from "@/lib/public/public-data";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const sl = await getPublicSmartLand(slug).catch(() => null);
  return {
    title: sl ? `Smart Land ${sl.name}` : "Smart Land",
    description: sl
      ? `I comuni, gli interventi e le risorse della Smart Land ${sl.name} – ${sl.phase}.`
      : undefined,
  };
}

/** The Smart Land as citizens and the press see it: no login, public fields only. */
export default async function PublicSmartLandPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = cleanSearchParams(await searchParams);
  const sl = await orNotFound(getPublicSmartLand(slug), "/smart-land/[slug]");
  const istats = sl.comuni.map((c) => c.istat);
  const page = pageNumber(search.pagina);
  const [figures, projects] = await Promise.all([getPublicFigures(istats), listPublicProjects(istats, page)]);
  const byComune = new Map(figures.byComune.map((c) => [c.istat, c]));
  const comuni = sl.comuni.map((c) => ({ ...c, ...(byComune.get(c.istat) ?? emptyTotals) }));
  const base = `/smart-land/${sl.slug}`;
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <p className="text-sm text-slate-700">Programma Smart Land · Regione Lombardia e Anci Lombardia</p>
        <h1 className="text-3xl font-semibold">
          Smart Land {sl.name} <span className="text-slate-700">– {sl.phase}</span>
        </h1>
        {sl.description ? <p className="max-w-3xl text-slate-800">{sl.description}</p> : null}
        <p className="text-sm text-slate-700">
          {sl.comuni.length} comuni
          {sl.lead ? ` · Comune capofila: ${sl.lead.name}` : ""} · Dati aggiornati al{" "}
          {formatTimestamp(figures.refreshedAt)}
        </p>
      </div>

      <section aria-labelledby="totali" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <h2 id="totali" className="sr-only">
          Totali
        </h2>
        <KpiCard label="Comuni" value={formatNumber(sl.comuni.length)} />
        <KpiCard label="Interventi" value={formatNumber(figures.totals.projects)} />
        <KpiCard label="Costo totale" value={formatEuro(figures.totals.totalCost)} />
        <KpiCard label="Risorse previste" value={formatEuro(figures.totals.planned)} />
        <KpiCard label="Pagato" value={formatEuro(figures.totals.paid)} />
      </section>

      <section aria-labelledby="comuni" className="grid gap-6 lg:grid-cols-2">
        <h2 id="comuni" className="text-xl font-semibold lg:col-span-2">
          I comuni
        </h2>
        <ChoroplethMap
          map={focusMap(getLombardyMap(), istats)}
          values={Object.fromEntries(comuni.map((c) => [c.istat, Number(c.totalCost)]))}
          metricLabel="Costo totale degli interventi"
          format="euro"
          title={`Costo totale degli interventi per comune`}
          description={`Mappa dei comuni della Smart Land ${sl.name}`}
        />
        <DataTable
          caption="I comuni a confronto"
          rows={comuni}
          rowKey={(c) => c.istat}
          columns={[
            { header: "Comune", cell: (c) => `${c.name} (${c.province})` },
            { header: "Abitanti (2011)", cell: (c) => formatNumber(c.population), align: "right" },
            { header: "Interventi", cell: (c) => formatNumber(c.projects), align: "right" },
            { header: "Costo totale", cell: (c) => formatEuro(c.totalCost), align: "right" },
            { header: "Pagato", cell: (c) => formatEuro(c.paid), align: "right" },
          ]}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <DataTable
          caption="Interventi per filone"
          rows={figures.byStream}
          rowKey={(s) => s.streamId}
          columns={[
            { header: "Filone", cell: (s) => `${s.code} · ${s.name}` },
            { header: "Tema", cell: (s) => THEME_LABELS[s.theme] },
            { header: "Interventi", cell: (s) => formatNumber(s.projects), align: "right" },
            { header: "Costo totale", cell: (s) => formatEuro(s.totalCost), align: "right" },
          ]}
        />
        <DataTable
          caption="Interventi per stato procedurale"
          rows={figures.byStatus}
          rowKey={(s) => s.status}
          columns={[
            { header: "Stato", cell: (s) => STATUS_LABELS[s.status] },
            { header: "Interventi", cell: (s) => formatNumber(s.projects), align: "right" },
            { header: "Costo totale", cell: (s) => formatEuro(s.totalCost), align: "right" },
            { header: "Pagato", cell: (s) => formatEuro(s.paid), align: "right" },
          ]}
        />
      </div>

      <section aria-labelledby="interventi" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="interventi" className="text-xl font-semibold">
            Gli interventi ({formatNumber(projects.total)})
          </h2>
          <p className="text-sm">
            Scarica i dati aperti (licenza CC BY 4.0):{" "}
            <a href={`/dati-aperti/smart-land/${sl.slug}/interventi.csv`}>CSV</a> ·{" "}
            <a href={`/dati-aperti/smart-land/${sl.slug}/interventi.json`}>JSON</a>
          </p>
        </div>
        <DataTable
          caption="Elenco degli interventi"
          captionHidden
          rows={projects.items}
          rowKey={(p) => p.id}
          columns={[
            {
              header: "Intervento",
              cell: (p) => (
                <>
                  <span className="font-medium">{p.title}</span>
                  {p.cup ? <span className="block text-xs text-slate-700">CUP {p.cup}</span> : null}
                </>
              ),
            },
            { header: "Comune", cell: (p) => p.comuneName },
            { header: "Filone", cell: (p) => p.streamCode },
            { header: "Stato", cell: (p) => STATUS_LABELS[p.status] },
            { header: "Costo totale", cell: (p) => formatEuro(p.totalCost), align: "right" },
            { header: "Pagato", cell: (p) => formatEuro(p.paid), align: "right" },
            { header: "Fine prevista", cell: (p) => formatDate(p.plannedEnd) },
          ]}
        />
        <nav aria-label="Pagine degli interventi" className="flex items-center gap-4 text-sm">
          {projects.page > 1 ? (
            <Link href={`${base}?pagina=${projects.page - 1}`}>Pagina precedente</Link>
          ) : null}
          <span>
            Pagina {projects.page} di {projects.pages}
          </span>
          {projects.page < projects.pages ? (
            <Link href={`${base}?pagina=${projects.page + 1}`}>Pagina successiva</Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

const emptyTotals = { projects: 0, totalCost: "0", planned: "0", committed: "0", paid: "0" };
