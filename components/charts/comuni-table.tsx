import { MarkupTable } from "@/components/ui/markup-table";
import { formatEuro, formatNumber, formatPercent } from "@/lib/format";

/** A comune of the roll-up (the shape of `byComune` in lib/rollup/get-rollup.ts). */
export type ComuneRow = {
  key: string;
  name: string;
  population: number;
  projects: number;
  totalCost: string;
  planned: string;
  paid: string;
};

/** What the roll-up's map can colour the comuni by (`?metrica=`). */
export const MAP_METRICS = {
  costo: { label: "Costo totale degli interventi", format: "euro" },
  abitante: { label: "Costo per abitante", format: "euro" },
  interventi: { label: "Numero di interventi", format: "number" },
  pagato: { label: "Quota pagata sul previsto", format: "percent" },
} as const;
export type MapMetric = keyof typeof MAP_METRICS;

export function parseMapMetric(value: string | string[] | undefined): MapMetric {
  const v = Array.isArray(value) ? value[0] : value;
  // Own keys only: `__proto__` or `constructor` are "in" every object.
  return v && Object.hasOwn(MAP_METRICS, v) ? (v as MapMetric) : "costo";
}

/** A comune's value of `metric`; null when it has none (no inhabitants, nothing planned). */
export function metricValue(c: ComuneRow, metric: MapMetric): number | null {
  switch (metric) {
    case "costo":
      return Number(c.totalCost);
    case "abitante":
      return c.population > 0 ? Number(c.totalCost) / c.population : null;
    case "interventi":
      return c.projects;
    case "pagato":
      return Number(c.planned) > 0 ? Number(c.paid) / Number(c.planned) : null;
  }
}

/**
 * The map's figures as a table: the accessible alternative to the choropleth, one row per comune. Markup
 * (MarkupTable): up to a page of comuni, text and links only.
 */
export function ComuniTable(props: { caption: string; rows: ComuneRow[]; captionHidden?: boolean }) {
  return (
    <MarkupTable
      caption={props.caption}
      captionHidden={props.captionHidden}
      rows={props.rows}
      columns={[
        { header: "Comune", cell: (c) => ({ text: c.name, href: `/comuni/${c.key}` }) },
        { header: "Interventi", cell: (c) => formatNumber(c.projects), align: "right" },
        { header: "Costo totale", cell: (c) => formatEuro(c.totalCost), align: "right" },
        {
          header: "Costo per abitante",
          cell: (c) => formatEuro(metricValue(c, "abitante")),
          align: "right",
        },
        {
          header: "Pagato sul previsto",
          cell: (c) => formatPercent(metricValue(c, "pagato")),
          align: "right",
        },
      ]}
    />
  );
}
