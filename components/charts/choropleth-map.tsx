// A server component. A small map (a Smart Land's comuni) is rendered to HTML as one markup string; the
// zoomable map of the whole region is drawn in the browser by ZoomableMapSvg from the geometry document
// (GET /api/geo/lombardia, fetched once and cached) and each comune's colour, value and link, sent as one
// string: 45 KB in the page instead of 450 KB of shapes in the HTML and again in the RSC payload.
// MapTooltip runs in the browser in both cases.
// Data arrives by props (the page loads it); the accessible table alternative is the page's job.

import { useId } from "react";
import { ZoomableMapSvg } from "@/components/charts/choropleth-map-zoom";
import { MapTooltip } from "@/components/charts/map-tooltip";
import {
  NO_DATA_COLOR,
  NO_DATA_LABEL,
  colorFor,
  legendFor,
  quantileBreaks,
} from "@/lib/choropleth/color-scale";
import { MAP_ATTRIBUTION, type LombardyMap } from "@/lib/choropleth/shapes";
import { formatEuro, formatNumber, formatPercent } from "@/lib/format";
import { type ViewBox, viewBoxAttribute } from "@/lib/choropleth/view-box";
import { type ShapeCell, encodeCells, shapesMarkup } from "@/lib/choropleth/shapes-markup";

export type ChoroplethFormat = "euro" | "number" | "percent";

export type ChoroplethMapProps = {
  /** From `getLombardyMap()` (lib/geo, on the server). */
  map: LombardyMap;
  /** By comune ISTAT code. null or missing: no data, drawn in neutral grey (pass null for "no projects"). */
  values: Record<string, number | null>;
  /** What the values measure, e.g. "Costo totale dei progetti". */
  metricLabel: string;
  /** euro: amounts in €; number: plain numbers; percent: ratios (0.125 → "12,5%"). */
  format: ChoroplethFormat;
  /** Drill-down links by ISTAT code; comuni without one are focusable but not links. */
  hrefs?: Record<string, string>;
  title: string;
  /** What the map shows, for screen readers; defaults to "Mappa dei comuni della Lombardia". */
  description?: string;
  /** Where the same data is as a table; defaults to "Gli stessi dati sono nella tabella della pagina." */
  alternative?: string;
  /**
   * Zoom and pan (buttons, wheel, drag, pinch, keys) and names when zoomed; the shapes are drawn in the
   * browser from the geometry document at `geometryUrl` (`lombardyGeometryUrl()` in lib/geo), whose
   * comuni must be those of `map`.
   */
  zoomable?: { geometryUrl: string };
  /** The part of the map shown first (e.g. fitted to a filter's comuni; `fitMapTo` in lib/geo); default all. */
  initialView?: ViewBox;
};

const FORMATTERS: Record<ChoroplethFormat, (value: number) => string> = {
  euro: (v) => formatEuro(v),
  number: (v) => formatNumber(v, { maximumFractionDigits: 2 }),
  percent: (v) => formatPercent(v),
};

/** The comune's drawing: colour by value, "Name: value" title, link when it has one. */
function cellsOf(
  props: ChoroplethMapProps,
  valueOf: (istat: string) => number | null,
  breaks: number[],
  format: (value: number) => string,
): Map<string, ShapeCell> {
  const hrefs = props.hrefs ?? {};
  const cells = new Map<string, ShapeCell>();
  for (const comune of props.map.comuni) {
    const value = valueOf(comune.istat);
    const cell: ShapeCell = {
      fill: colorFor(value, breaks),
      shown: value === null ? NO_DATA_LABEL.toLowerCase() : format(value),
    };
    const href = hrefs[comune.istat];
    if (href) cell.href = href;
    cells.set(comune.istat, cell);
  }
  return cells;
}

export function ChoroplethMap(props: ChoroplethMapProps) {
  const { map, values, hrefs = {} } = props;
  const id = useId().replace(/[^\w-]/g, "");
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const endId = `${id}-end`;

  const full: ViewBox = { x: map.x ?? 0, y: map.y ?? 0, width: map.width, height: map.height };
  const format = FORMATTERS[props.format];
  const valueOf = (istat: string) => {
    const v = values[istat];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  const breaks = quantileBreaks(map.comuni.map((c) => valueOf(c.istat)).filter((v) => v !== null));
  const legend = [...legendFor(breaks, format), { color: NO_DATA_COLOR, label: NO_DATA_LABEL }];
  const cells = cellsOf(props, valueOf, breaks, format);
  const noData: ShapeCell = { fill: NO_DATA_COLOR, shown: NO_DATA_LABEL.toLowerCase() };

  return (
    <figure className="choropleth-map relative rounded-lg border border-slate-200 bg-white p-4">
      <p id={titleId} className="font-semibold text-slate-900">
        {props.title}
      </p>
      <p id={descriptionId} className="sr-only">
        {`${props.description ?? "Mappa dei comuni della Lombardia"}: ${props.metricLabel}. `}
        {"Ogni comune si raggiunge con il tasto Tab e ne annuncia nome e valore"}
        {Object.keys(hrefs).length > 0 ? "; i comuni con un link aprono la loro scheda. " : ". "}
        {props.zoomable
          ? "I pulsanti Ingrandisci, Riduci e Adatta cambiano la vista; con il fuoco sulla mappa anche i tasti più e meno e le frecce. "
          : null}
        {props.alternative ?? "Gli stessi dati sono nella tabella della pagina."}
      </p>
      <a
        href={`#${endId}`}
        className="sr-only focus:not-sr-only focus:absolute focus:z-20 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Salta la mappa
      </a>
      <MapTooltip metricLabel={props.metricLabel}>
        {props.zoomable ? (
          <ZoomableMapSvg
            key={props.initialView ? viewBoxAttribute(props.initialView) : "all"}
            geometryUrl={props.zoomable.geometryUrl}
            cells={encodeCells(cells)}
            full={full}
            initial={props.initialView ?? full}
            labelledBy={titleId}
            describedBy={descriptionId}
          />
        ) : (
          // role="group", not "img": an img's children are presentational, and these are links.
          <svg
            role="group"
            aria-labelledby={titleId}
            aria-describedby={descriptionId}
            viewBox={viewBoxAttribute(full)}
            className="mx-auto mt-2 h-auto w-full max-w-3xl"
            dangerouslySetInnerHTML={{ __html: shapesMarkup(map, (istat) => cells.get(istat), noData) }}
          />
        )}
      </MapTooltip>
      <span id={endId} tabIndex={-1} />
      <figcaption className="mt-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">{props.metricLabel}</p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="inline-block h-3.5 w-5 shrink-0 rounded-sm border border-slate-500"
                style={{ backgroundColor: item.color }}
              />
              {item.label}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">{MAP_ATTRIBUTION}</p>
      </figcaption>
    </figure>
  );
}
