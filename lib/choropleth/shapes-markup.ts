// The inside of a choropleth's <svg> as one markup string, built on the server (a small map: a Smart Land's
// comuni) or in the browser (the whole region: its geometry is a cached document of its own, and the page
// carries only each comune's colour, value and link). Client-safe: plain data and string building.
import { escapeHtml } from "@/lib/markup";

/** What a drawing needs of the map: shapes and names, no bounds (the browser measures them). */
export type MapGeometry = {
  comuni: readonly { istat: string; name: string; d: string }[];
  provinces: readonly { d: string }[];
};

/** How one comune is drawn: its fill, the value shown with its name, and its link (none: focusable only). */
export type ShapeCell = { fill: string; shown: string; href?: string };

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
 * The style, one shape per comune of the geometry, the province outlines. Markup rather than React elements
 * because of its size at Lombardy scale (1,503 comuni, about 4,500 elements): React hydrates every element
 * it rendered (some 300 ms of main-thread work) and repeats an element tree in its RSC payload at about
 * twice the size of the HTML. Every name, value and link is escaped; paths and codes are ours.
 * A comune without a cell is drawn as `fallback` (no data).
 */
export function shapesMarkup(
  geometry: MapGeometry,
  cellOf: (istat: string) => ShapeCell | undefined,
  fallback: ShapeCell,
): string {
  let out = `<style>${MAP_CSS}</style>`;
  for (const comune of geometry.comuni) {
    const cell = cellOf(comune.istat) ?? fallback;
    // Name and value are only in the <title> (the tooltip reads them there); the <title> goes on the
    // focusable element: it is the accessible name and the hover text.
    const title = `<title>${escapeHtml(`${comune.name}: ${cell.shown}`)}</title>`;
    const shape = `d="${escapeHtml(comune.d)}" fill="${escapeHtml(cell.fill)}" data-istat="${escapeHtml(comune.istat)}"`;
    out += cell.href
      ? `<a href="${escapeHtml(cell.href)}">${title}<path ${shape}></path></a>`
      : `<path ${shape} tabindex="0">${title}</path>`;
  }
  out += `<g aria-hidden="true">`;
  for (const province of geometry.provinces)
    out += `<path class="province" d="${escapeHtml(province.d)}"></path>`;
  return `${out}</g>`;
}

// The cells travel to the browser as one string (a prop of the zoomable map): one line per comune,
// "istat TAB fill TAB shown TAB href". A single string costs React nothing to serialize; 1,503 objects
// would be an element of the RSC payload each. Tabs and newlines never occur in the fields (ISTAT codes,
// colours, formatted numbers, our own paths), and are replaced by spaces if they ever did.
const clean = (text: string) => text.replace(/[\t\n\r]/g, " ");

export function encodeCells(cells: Iterable<[string, ShapeCell]>): string {
  const lines: string[] = [];
  for (const [istat, c] of cells)
    lines.push(`${clean(istat)}\t${clean(c.fill)}\t${clean(c.shown)}\t${clean(c.href ?? "")}`);
  return lines.join("\n");
}

export function decodeCells(text: string): Map<string, ShapeCell> {
  const cells = new Map<string, ShapeCell>();
  if (!text) return cells;
  for (const line of text.split("\n")) {
    const [istat, fill, shown, href] = line.split("\t");
    if (!istat || fill === undefined || shown === undefined) continue;
    cells.set(istat, href ? { fill, shown, href } : { fill, shown });
  }
  return cells;
}

/** The geometry document as the server sends it (GET /api/geo/lombardia): arrays, not objects, to stay small. */
export type GeometryDocument = {
  version: string;
  comuni: [istat: string, name: string, d: string][];
  provinces: string[];
};

export function geometryFromDocument(doc: GeometryDocument): MapGeometry {
  if (!doc || !Array.isArray(doc.comuni) || !Array.isArray(doc.provinces))
    throw new Error("not a map geometry document");
  return {
    comuni: doc.comuni.map(([istat, name, d]) => ({ istat, name, d })),
    provinces: doc.provinces.map((d) => ({ d })),
  };
}
