// A server component: the 1,503 paths are rendered to HTML once; only MapTooltip runs in the browser.
// Data arrives by props (the page loads it); the accessible table alternative is the page's job.

import { useId } from "react";
import { MapTooltip } from "@/components/charts/map-tooltip";
import {
  MAP_ATTRIBUTION,
  NO_DATA_COLOR,
  NO_DATA_LABEL,
  colorFor,
  legendFor,
  quantileBreaks,
  type LombardyMap,
} from "@/lib/geo/lombardy-map";
import { formatEuro, formatNumber, formatPercent } from "@/lib/format";

export type ChoroplethFormat = "euro" | "number" | "percent";

export type ChoroplethMapProps = {
  /** From `getLombardyMap()`. */
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

export function ChoroplethMap(props: ChoroplethMapProps) {
  const { map, values, hrefs = {} } = props;
  const id = useId().replace(/[^\w-]/g, "");
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const endId = `${id}-end`;

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
        {props.alternative ?? "Gli stessi dati sono nella tabella della pagina."}
      </p>
      <a
        href={`#${endId}`}
        className="sr-only focus:not-sr-only focus:absolute focus:z-20 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Salta la mappa
      </a>
      <MapTooltip metricLabel={props.metricLabel}>
        {/* role="group", not "img": an img's children are presentational, and these are links. */}
        <svg
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descriptionId}
          viewBox={`${map.x ?? 0} ${map.y ?? 0} ${map.width} ${map.height}`}
          className="mx-auto mt-2 h-auto w-full max-w-3xl"
        >
          <style>{MAP_CSS}</style>
          {map.comuni.map((comune) => {
            const value = valueOf(comune.istat);
            const shown = value === null ? NO_DATA_LABEL.toLowerCase() : format(value);
            const label = `${comune.name}: ${shown}`;
            const href = hrefs[comune.istat];
            // Name and value are only in the <title> (the tooltip reads them there): at 1,503 comuni every
            // byte per shape counts twice, in the HTML and in Next's RSC payload.
            const shape = { d: comune.d, fill: colorFor(value, breaks), "data-istat": comune.istat };
            // The <title> goes on the focusable element: it is the accessible name and the hover text.
            return href ? (
              <a key={comune.istat} href={href}>
                <title>{label}</title>
                <path {...shape} />
              </a>
            ) : (
              <path key={comune.istat} {...shape} tabIndex={0}>
                <title>{label}</title>
              </path>
            );
          })}
          <g aria-hidden="true">
            {map.provinces.map((province) => (
              <path key={province.istat} className="province" d={province.d} />
            ))}
          </g>
        </svg>
      </MapTooltip>
      <span id={endId} tabIndex={-1} />
      <figcaption className="mt-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">{props.metricLabel}</p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5 whitespace-nowrap">
              <span
                aria-hidden="true"
                className="inline-block h-3.5 w-5 rounded-sm border border-slate-500"
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
