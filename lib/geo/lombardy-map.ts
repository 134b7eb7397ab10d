// Server-only: 800 KB of ISTAT boundaries that no browser bundle should carry (the shapes' types and the
// colour scale, which the components use, are in lib/choropleth). The map is projected once per process and cached;
// only the fills change with the metric, so pages pay for the geometry once.
//
// Boundaries: ISTAT administrative units (June 2023) via openpolis `geojson-italy`, CC BY 4.0 — see
// prisma/data/README.md. Whoever shows the map must show MAP_ATTRIBUTION (lib/choropleth/shapes.ts).

import "server-only";
import { createHash } from "node:crypto";
import { geoMercator, geoPath, type GeoContext } from "d3-geo";
import { feature, merge } from "topojson-client";
import { planarTriangleArea, presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from "topojson-specification";
import type { LombardyMap } from "@/lib/choropleth/shapes";
import type { GeometryDocument } from "@/lib/choropleth/shapes-markup";
import { type ViewBox, fitViewBox, unionBounds } from "@/lib/choropleth/view-box";
// Bundled with this module (a JSON import, located from here): no file is read at run time.
import TOPOLOGY from "../../prisma/data/lombardia-comuni-2023.topo.json";

const TOPOLOGY_FILE = "prisma/data/lombardia-comuni-2023.topo.json";

/** The box the region is fitted into; the empty band fitSize leaves (Lombardy is wider than 8:9) is cropped. */
const FIT_SIZE: [number, number] = [800, 900];
/** Room for the outer stroke and the focus ring. */
const PADDING = 4;
/**
 * Visvalingam threshold in px² of the final drawing. The source is already simplified, so at 1 px² only
 * invisible points go (about 2% of the text; the smallest comune keeps ≥ 95% of its area).
 */
const MIN_TRIANGLE_AREA_PX2 = 1;
/**
 * Coordinates are rounded to this grid (px of an 800 px wide drawing). With relative commands it halves the
 * text compared to `geoPath().digits(1)` at no visible cost; see RelativePathContext. Whole pixels: the map is
 * shown at most 768 px wide (ChoroplethMap), so one unit is at most one screen pixel, and the paths are 30%
 * shorter than on a 0.5 px grid (112 KB instead of 158 KB for the 1,503 comuni, counted twice by the page:
 * in the HTML and in Next's RSC payload).
 */
const GRID_PX = 1;

type ComuneProperties = {
  com_istat_code: string;
  name: string;
  prov_istat_code: string;
  prov_acr: string;
  com_catasto_code: string;
};
type ComuneGeometry = (Polygon<ComuneProperties> | MultiPolygon<ComuneProperties>) & {
  properties: ComuneProperties;
};
type ComuniTopology = Topology<{ comuni: GeometryCollection<ComuneProperties> }>;

let cached: LombardyMap | undefined;

/** The 1,503 comuni and 12 provinces of Lombardy as SVG paths, projected once and cached. */
export function getLombardyMap(): LombardyMap {
  cached ??= buildLombardyMap(readTopology());
  return cached;
}

let geometry: { body: string; version: string; etag: string } | undefined;

/**
 * The whole map's shapes as the document GET /api/geo/lombardia sends (lib/choropleth/shapes-markup.ts's
 * GeometryDocument), with a version (a hash of its content) that the pages put in its URL: browsers keep
 * it for a year and fetch it again only when the boundaries or their drawing change.
 */
export function lombardyGeometry(): { body: string; version: string; etag: string } {
  if (!geometry) {
    const map = getLombardyMap();
    const shapes = {
      comuni: map.comuni.map((c) => [c.istat, c.name, c.d]),
      provinces: map.provinces.map((p) => p.d),
    };
    const version = createHash("sha256").update(JSON.stringify(shapes)).digest("hex").slice(0, 16);
    const doc: GeometryDocument = { version, ...(shapes as Omit<GeometryDocument, "version">) };
    geometry = { body: JSON.stringify(doc), version, etag: `"${version}"` };
  }
  return geometry;
}

/** Where the browser reads the map's shapes (versioned: cached as immutable). */
export const lombardyGeometryUrl = () => `/api/geo/lombardia?v=${lombardyGeometry().version}`;

function readTopology(): ComuniTopology {
  const topology = TOPOLOGY as unknown as ComuniTopology;
  if (topology.type !== "Topology" || topology.objects?.comuni?.type !== "GeometryCollection") {
    throw new Error(`${TOPOLOGY_FILE}: expected a TopoJSON topology with a "comuni" geometry collection`);
  }
  return topology;
}

function buildLombardyMap(topology: ComuniTopology): LombardyMap {
  const region = feature(topology, topology.objects.comuni);
  // fitSize([800, 900]) less the padding, then the drawing is cropped to the region's bounds.
  const projection = geoMercator().fitExtent(
    [
      [PADDING, PADDING],
      [FIT_SIZE[0] - PADDING, FIT_SIZE[1] - PADDING],
    ],
    region,
  );
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(region);
  const [tx, ty] = projection.translate();
  projection.translate([tx - x0 + PADDING, ty - y0 + PADDING]);

  const project = (point: [number, number]): [number, number] => {
    const xy = projection(point);
    if (!xy) throw new Error(`Point ${point.join(",")} cannot be projected`);
    return xy;
  };
  // Weights measured on the projected drawing, so the threshold is in screen pixels. Simplifying the
  // topology (not each feature) keeps shared borders identical: no gaps or slivers between comuni.
  const simplified = simplify(
    presimplify(topology, (triangle) =>
      planarTriangleArea([project(triangle[0]), project(triangle[1]), project(triangle[2])]),
    ),
    MIN_TRIANGLE_AREA_PX2,
  );

  const context = new RelativePathContext(GRID_PX);
  const toPath = geoPath(projection, context);
  const measure = geoPath(projection);
  const render = (object: Parameters<typeof toPath>[0]) => {
    toPath(object);
    return context.result();
  };

  const geometries = simplified.objects.comuni.geometries.filter(
    (g): g is ComuneGeometry => (g.type === "Polygon" || g.type === "MultiPolygon") && g.properties != null,
  );
  const comuni = geometries
    .map((g) => ({
      istat: g.properties.com_istat_code,
      name: g.properties.name,
      provinceIstat: g.properties.prov_istat_code,
      d: render(feature(simplified, g)),
      bounds: measure.bounds(feature(simplified, g)).flat() as [number, number, number, number],
    }))
    .sort((a, b) => a.istat.localeCompare(b.istat));

  const byProvince = new Map<string, ComuneGeometry[]>();
  for (const g of geometries) {
    const list = byProvince.get(g.properties.prov_istat_code) ?? [];
    list.push(g);
    byProvince.set(g.properties.prov_istat_code, list);
  }
  const provinces = [...byProvince]
    .map(([istat, members]) => ({ istat, d: render(merge(simplified, members)) }))
    .sort((a, b) => a.istat.localeCompare(b.istat));

  return {
    width: Math.ceil(x1 - x0 + 2 * PADDING),
    height: Math.ceil(y1 - y0 + 2 * PADDING),
    comuni,
    provinces,
  };
}

/**
 * A d3-geo path context writing compact SVG path data: an absolute `M` per ring, then relative `l` steps
 * without repeated command letters or leading zeros ("M73.5,307.5l-2.5-.5-2,1 .5-4z"). Points are rounded
 * on an absolute grid before taking differences, so rounding never accumulates and a border shared by two
 * comuni lands on exactly the same pixels in both.
 */
class RelativePathContext implements GeoContext {
  private readonly scale: number;
  private text = "";
  private x = 0;
  private y = 0;
  private stepsInRing = 0;

  constructor(grid: number) {
    this.scale = 1 / grid;
  }

  beginPath() {
    // Nothing to reset: paths are collected per call of result().
  }

  moveTo(x: number, y: number) {
    this.x = Math.round(x * this.scale);
    this.y = Math.round(y * this.scale);
    this.text += `M${this.pair(this.x, this.y)}`;
    this.stepsInRing = 0;
  }

  lineTo(x: number, y: number) {
    const nx = Math.round(x * this.scale);
    const ny = Math.round(y * this.scale);
    if (nx === this.x && ny === this.y) return; // collapsed onto the previous point by the rounding
    const step = this.pair(nx - this.x, ny - this.y);
    if (this.stepsInRing === 0) this.text += `l${step}`;
    else this.text += step.startsWith("-") ? step : ` ${step}`;
    this.stepsInRing += 1;
    this.x = nx;
    this.y = ny;
  }

  closePath() {
    this.text += "z";
  }

  arc() {
    // Only used for point geometries, which the map has none of.
  }

  /** The path written since the last call, and a fresh start. */
  result(): string {
    const out = this.text;
    this.text = "";
    return out;
  }

  private pair(gx: number, gy: number): string {
    const y = this.number(gy);
    return `${this.number(gx)}${y.startsWith("-") ? "" : ","}${y}`;
  }

  /** Grid units → "12", "3.5", ".5", "-.5". */
  private number(units: number): string {
    return String(units / this.scale).replace(/^(-?)0\./, "$1.");
  }
}

/**
 * The view of the whole map that frames some comuni (a filter's: a Smart Land's, a province's), from their
 * projected bounds (d3-geo path.bounds, measured when the map was built), at the whole drawing's aspect ratio
 * so the SVG keeps its size. undefined when none of them is on the map: the whole region is shown.
 */
export function fitMapTo(map: LombardyMap, istats: readonly string[]): ViewBox | undefined {
  const wanted = new Set(istats);
  const bounds = unionBounds(map.comuni.filter((c) => wanted.has(c.istat)).map((c) => c.bounds));
  return bounds ? fitViewBox(bounds, { aspect: map.width / map.height }) : undefined;
}

/**
 * The part of the map around some comuni (a Smart Land): only those comuni, their provinces' outlines
 * clipped by the viewBox, framed with a margin of `marginRatio` of the larger side.
 */
export function focusMap(map: LombardyMap, istats: readonly string[], marginRatio = 0.06): LombardyMap {
  const wanted = new Set(istats);
  const comuni = map.comuni.filter((c) => wanted.has(c.istat));
  const bounds = unionBounds(comuni.map((c) => c.bounds));
  if (!bounds) return { ...map, comuni: [], provinces: [] };
  const provinces = new Set(comuni.map((c) => c.provinceIstat));
  return {
    ...fitViewBox(bounds, { marginRatio }),
    comuni,
    provinces: map.provinces.filter((p) => provinces.has(p.istat)),
  };
}
