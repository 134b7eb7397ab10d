// A server component: the 1,503 paths are rendered to HTML once; only MapTooltip and, on a zoomable map,
// ZoomableMapSvg (which moves the viewBox and draws the names) run in the browser.
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
import { escapeHtml } from "@/lib/markup";

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
  /** Zoom and pan (buttons, wheel, drag, pinch, keys) and names when zoomed. */
  zoomable?: boolean;
  /** The part of the map shown first (e.g. fitted to a filter's comuni; `fitMapTo` in lib/geo); default all. */
  initialView?: ViewBox;
};

const FORMATTERS: Record<ChoroplethFormat, (value: number) => string> = {
  euro: (v) => formatEuro(v),
  number: (v) => formatNumber(v, { maximumFractionDigits: 2 }),
  percent: (v) => formatPercent(v),
};

// Per-shape styles in one rule set rather than utility classes on 1,503 elements. Strokes do not scale with
// the drawing so borders stay hairlines and the focus ring stays thick on any screen width. Kept free of
// ">" so nothing in it needs HTML escaping.
const MAP_CSS = `
.choropleth-map [data-istat] { stroke: rgb(15 23 42 / 0.3); stroke-width: 0.5px; vector-effect: non-scaling-stroke; }
.choropleth-map a:hover [data-istat], .choropleth-map [data-istat]:hover { stroke: #0f172a; stroke-width: 2px; }
.choropleth-map a:focus-visible [data-istat], .choropleth-map [data-istat]:focus-visible { stroke: #b45309; stroke-width: 4px; }
.choropleth-map .province { fill: none; stroke: #334155; stroke-width: 1.25px; vector-effect: non-scaling-stroke; pointer-events: none; }
`;

/**
 * The inside of the map's <svg> as one string: the style, one shape per comune, the province outlines.
 * Markup rather than React elements because of its size at Lombardy scale (1,503 comuni, about 4,500
 * elements): React hydrates every element it rendered, which cost some 300 ms of main-thread work, and Next
 * repeats an element tree in its RSC payload at about twice the size of the HTML; a string is sent once
 * more as it is and is not hydrated. Every name and value is escaped; paths, colours and codes are ours.
 */
function shapesMarkup(
  props: ChoroplethMapProps,
  valueOf: (istat: string) => number | null,
  breaks: number[],
  format: (value: number) => string,
): string {
  const hrefs = props.hrefs ?? {};
  let out = `<style>${MAP_CSS}</style>`;
  for (const comune of props.map.comuni) {
    const value = valueOf(comune.istat);
    const shown = value === null ? NO_DATA_LABEL.toLowerCase() : format(value);
    // Name and value are only in the <title> (the tooltip reads them there); the <title> goes on the
    // focusable element: it is the accessible name and the hover text.
    const title = `<title>${escapeHtml(`${comune.name}: ${shown}`)}</title>`;
    const shape = `d="${escapeHtml(comune.d)}" fill="${escapeHtml(colorFor(value, breaks))}" data-istat="${escapeHtml(comune.istat)}"`;
    const href = hrefs[comune.istat];
    out += href
      ? `<a href="${escapeHtml(href)}">${title}<path ${shape}></path></a>`
      : `<path ${shape} tabindex="0">${title}</path>`;
  }
  out += `<g aria-hidden="true">`;
  for (const province of props.map.provinces)
    out += `<path class="province" d="${escapeHtml(province.d)}"></path>`;
  return `${out}</g>`;
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
            markup={shapesMarkup(props, valueOf, breaks, format)}
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
            dangerouslySetInnerHTML={{ __html: shapesMarkup(props, valueOf, breaks, format) }}
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
