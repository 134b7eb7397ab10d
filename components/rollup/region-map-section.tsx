import Link from "next/link";
import { ChoroplethMap, type ChoroplethMapProps } from "@/components/charts/choropleth-map";
import {
  type ComuneRow,
  ComuniTable,
  MAP_METRICS,
  type MapMetric,
  metricValue,
} from "@/components/charts/comuni-table";
import { formatNumber } from "@/lib/format";

const TOP_COMUNI = 10;

/**
 * «Mappa dei comuni» of the regional overview: the indicator to colour by, the map, a link to the table of
 * every comune and the top of the ranking.
 */
export function RegionMapSection(props: {
  map: ChoroplethMapProps["map"];
  /** The map's shapes, drawn in the browser (`lombardyGeometryUrl()`). */
  geometryUrl: string;
  /** The view fitted to the filter's comuni (Smart Land, province); the whole region without one. */
  initialView?: ChoroplethMapProps["initialView"];
  comuni: ComuneRow[];
  metric: MapMetric;
  /** The overview with another indicator (filters kept). */
  metricHref: (metric: MapMetric) => string;
  allComuniHref: string;
}) {
  const { comuni, metric } = props;
  // Each comune's value once (metricValue parses the amounts): 1,503 of them, sorted for the top ten.
  const values: Record<string, number | null> = {};
  const hrefs: Record<string, string> = {};
  const ranked: { row: ComuneRow; value: number }[] = [];
  for (const c of comuni) {
    const value = metricValue(c, metric);
    values[c.key] = value;
    hrefs[c.key] = `/comuni/${c.key}`;
    if (value !== null) ranked.push({ row: c, value });
  }
  // The page shows the top of the map's ranking; every comune is in the table of /regione/comuni (at
  // Lombardy scale 1,503 rows here weighed 0.5 MB of HTML and as much again in the RSC payload).
  const top = ranked
    .sort((a, b) => b.value - a.value)
    .slice(0, TOP_COMUNI)
    .map((r) => r.row);
  return (
    <section
      aria-labelledby="mappa-titolo"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="mappa-titolo" className="text-xl font-semibold">
        Mappa dei comuni
      </h2>
      <p className="flex flex-wrap gap-3 text-sm">
        Indicatore:
        {(Object.keys(MAP_METRICS) as MapMetric[]).map((m) =>
          m === metric ? (
            <strong key={m} aria-current="true">
              {MAP_METRICS[m].label}
            </strong>
          ) : (
            <Link key={m} href={props.metricHref(m)}>
              {MAP_METRICS[m].label}
            </Link>
          ),
        )}
      </p>
      <ChoroplethMap
        map={props.map}
        values={values}
        metricLabel={MAP_METRICS[metric].label}
        format={MAP_METRICS[metric].format}
        hrefs={hrefs}
        zoomable={{ geometryUrl: props.geometryUrl }}
        initialView={props.initialView}
        title={`${MAP_METRICS[metric].label} per comune`}
        alternative="Gli stessi dati sono nella tabella di tutti i comuni, collegata sotto la mappa."
      />
      <p className="text-sm font-medium">
        <Link href={props.allComuniHref}>
          Tabella di tutti i comuni ({formatNumber(comuni.length)}, alternativa alla mappa)
        </Link>
      </p>
      <ComuniTable
        caption={`I ${TOP_COMUNI} comuni con il valore più alto: ${MAP_METRICS[metric].label.toLowerCase()}`}
        rows={top}
      />
    </section>
  );
}
