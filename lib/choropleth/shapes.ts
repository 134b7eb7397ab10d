// What a drawn map of Lombardy is made of: the comuni and provinces as SVG paths (projected on the server by
// lib/geo/lombardy-map.ts, which reads the boundaries) and the attribution the boundaries' licence asks for.
// Plain data: components import it.

export type ComuneShape = {
  istat: string;
  name: string;
  provinceIstat: string;
  d: string;
  /** [x0, y0, x1, y1] of the comune in the drawing's coordinates. */
  bounds: [number, number, number, number];
};
export type ProvinceShape = { istat: string; d: string };
export type LombardyMap = {
  /** The SVG viewBox is `x y width height` (x and y are 0 for the whole region). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  /** Sorted by ISTAT code. */
  comuni: ComuneShape[];
  /** Province outlines (the union of their comuni), sorted by ISTAT code. */
  provinces: ProvinceShape[];
};

/** Whoever shows the map must show it (the boundaries' licence). */
export const MAP_ATTRIBUTION = "Confini © ISTAT, CC BY 4.0 (elaborazione openpolis)";
