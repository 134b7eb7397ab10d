import Link from "next/link";
import { ChoroplethMap, type ChoroplethMapProps } from "@/components/charts/choropleth-map";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard, KpiGrid } from "@/components/ui/kpi-card";
import { Pager } from "@/components/ui/pager";
import {
  formatDate,
  formatEuro,
  formatNumber,
  formatTimestamp,
  STATUS_LABELS,
  THEME_LABELS,
} from "@/lib/format";
import { plural } from "@/lib/format/plural";

// The public figures as lib/public/public-data.ts reads them (amounts as decimal strings).
type Totals = { projects: number; totalCost: string; planned: string; paid: string };

/** A member comune with its figures. */
export type PublicComune = { istat: string; name: string; province: string; population: number } & Totals;

export type PublicSmartLandSummary = {
  name: string;
  phase: string;
  description: string;
  lead: { name: string } | null;
  comuni: unknown[];
};

export type PublicFigures = {
  byStream: ({ streamId: string; code: string; name: string; theme: keyof typeof THEME_LABELS } & Totals)[];
  byStatus: ({ status: keyof typeof STATUS_LABELS } & Totals)[];
};

export type PublicProjectPage = {
  items: {
    id: string;
    title: string;
    cup: string | null;
    comuneName: string;
    streamCode: string;
    status: keyof typeof STATUS_LABELS;
    totalCost: string;
    paid: string;
    plannedEnd: Date | null;
  }[];
  total: number;
  page: number;
  pages: number;
};

/** The Smart Land's name, phase, description, lead comune and the freshness of its figures. */
export function PublicSmartLandIntro(props: { smartLand: PublicSmartLandSummary; refreshedAt: Date }) {
  const sl = props.smartLand;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">Programma Smart Land · Regione Lombardia e Anci Lombardia</p>
      <h1 className="text-3xl font-semibold">
        Smart Land {sl.name} <span className="text-slate-700">– {sl.phase}</span>
      </h1>
      {sl.description ? <p className="max-w-3xl text-slate-800">{sl.description}</p> : null}
      <p className="text-sm text-slate-700">
        {plural(sl.comuni.length, "comune", "comuni")}
        {sl.lead ? ` · Comune capofila: ${sl.lead.name}` : ""} · Dati aggiornati al{" "}
        {formatTimestamp(props.refreshedAt)}
      </p>
    </div>
  );
}

/** The Smart Land's totals. */
export function PublicTotalsGrid(props: { comuni: number; totals: Totals }) {
  const t = props.totals;
  return (
    <KpiGrid headingId="totali" title="Totali" columns={5}>
      <KpiCard label="Comuni" value={formatNumber(props.comuni)} />
      <KpiCard label="Interventi" value={formatNumber(t.projects)} />
      <KpiCard label="Costo totale" value={formatEuro(t.totalCost)} />
      <KpiCard label="Risorse previste" value={formatEuro(t.planned)} />
      <KpiCard label="Pagato" value={formatEuro(t.paid)} />
    </KpiGrid>
  );
}

/** «I comuni»: the map of the Smart Land's comuni by cost, and the same figures as a table. */
export function PublicComuniSection(props: {
  map: ChoroplethMapProps["map"];
  smartLandName: string;
  comuni: PublicComune[];
}) {
  const { comuni } = props;
  return (
    <section aria-labelledby="comuni" className="grid gap-6 lg:grid-cols-2">
      <h2 id="comuni" className="text-xl font-semibold lg:col-span-2">
        I comuni
      </h2>
      <ChoroplethMap
        map={props.map}
        values={Object.fromEntries(comuni.map((c) => [c.istat, Number(c.totalCost)]))}
        metricLabel="Costo totale degli interventi"
        format="euro"
        title={`Costo totale degli interventi per comune`}
        description={`Mappa dei comuni della Smart Land ${props.smartLandName}`}
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
  );
}

/** The projects per stream and per procedural status. */
export function PublicBreakdowns(props: { figures: PublicFigures }) {
  const { figures } = props;
  return (
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
  );
}

/** «Gli interventi»: one page of the projects, with the open-data downloads of all of them. */
export function PublicProjectList(props: { slug: string; projects: PublicProjectPage }) {
  const { slug, projects } = props;
  return (
    <section aria-labelledby="interventi" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="interventi" className="text-xl font-semibold">
          Gli interventi ({formatNumber(projects.total)})
        </h2>
        <p className="text-sm">
          Scarica i dati aperti (licenza CC BY 4.0):{" "}
          <a href={`/dati-aperti/smart-land/${slug}/interventi.csv`}>CSV</a> ·{" "}
          <a href={`/dati-aperti/smart-land/${slug}/interventi.json`}>JSON</a> ·{" "}
          <Link href={`/progetti?smartland=${slug}`}>Cerca tra gli interventi</Link>
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
          { header: "Costo totale", cell: (p) => formatEuro(p.totalCost), align: "right" },
          { header: "Pagato", cell: (p) => formatEuro(p.paid), align: "right" },
          { header: "Fine prevista", cell: (p) => formatDate(p.plannedEnd) },
        ]}
      />
      <Pager
        label="Pagine degli interventi"
        page={projects.page}
        pages={projects.pages}
        href={(page) => `/smart-land/${slug}?pagina=${page}`}
        previous="Pagina precedente"
        next="Pagina successiva"
      />
    </section>
  );
}
