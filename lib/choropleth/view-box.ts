// The map's view: which part of the drawing the SVG shows (its viewBox), fitted to some comuni, zoomed and
// panned. Pure arithmetic on the drawing's coordinates, shared by the server (the initial, fitted view) and
// the browser (zoom and pan).

/** An SVG viewBox: x, y, width, height in the drawing's coordinates. */
export type ViewBox = { x: number; y: number; width: number; height: number };
/** [x0, y0, x1, y1], as d3-geo's path.bounds flattened (ComuneShape.bounds). */
export type Bounds = readonly [number, number, number, number];

/** The most the view may be enlarged, relative to the whole drawing. */
export const MAX_ZOOM = 40;

const round = (n: number) => Math.round(n * 10) / 10;

/** The box around all the given bounds; null when there are none. */
export function unionBounds(all: readonly Bounds[]): Bounds | null {
  if (all.length === 0) return null;
  return [
    Math.min(...all.map((b) => b[0])),
    Math.min(...all.map((b) => b[1])),
    Math.max(...all.map((b) => b[2])),
    Math.max(...all.map((b) => b[3])),
  ];
}

/**
 * The view that shows `bounds` with a margin of `marginRatio` of its larger side. With `aspect` (the whole
 * drawing's), the box is widened or heightened around its centre to that width/height ratio, so the SVG keeps
 * its size on screen whatever it is fitted to.
 */
export function fitViewBox(bounds: Bounds, options: { marginRatio?: number; aspect?: number } = {}): ViewBox {
  const [x0, y0, x1, y1] = bounds;
  const margin = Math.max(x1 - x0, y1 - y0) * (options.marginRatio ?? 0.06);
  let width = x1 - x0 + 2 * margin;
  let height = y1 - y0 + 2 * margin;
  if (options.aspect) {
    if (width / height < options.aspect) width = height * options.aspect;
    else height = width / options.aspect;
  }
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x: round(cx - width / 2), y: round(cy - height / 2), width: round(width), height: round(height) };
}

/**
 * `view` zoomed by `factor` (> 1 enlarges) around the point `at` (the view's centre by default), no closer
 * than MAX_ZOOM times the whole drawing and no farther than the whole drawing, then kept on it (clampViewBox).
 */
export function zoomViewBox(
  view: ViewBox,
  factor: number,
  full: ViewBox,
  at?: { x: number; y: number },
): ViewBox {
  const minWidth = full.width / MAX_ZOOM;
  const width = Math.min(full.width, Math.max(minWidth, view.width / factor));
  const k = width / view.width;
  const px = at?.x ?? view.x + view.width / 2;
  const py = at?.y ?? view.y + view.height / 2;
  // The point under `at` stays where it is on screen.
  return clampViewBox(
    { x: px - (px - view.x) * k, y: py - (py - view.y) * k, width, height: view.height * k },
    full,
  );
}

/** `view` moved by dx, dy drawing units, kept on the drawing. */
export function panViewBox(view: ViewBox, dx: number, dy: number, full: ViewBox): ViewBox {
  return clampViewBox({ ...view, x: view.x + dx, y: view.y + dy }, full);
}

/** The view moved (not resized) so that its centre stays on the drawing: the map can never be lost. */
export function clampViewBox(view: ViewBox, full: ViewBox): ViewBox {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const cx = clamp(view.x + view.width / 2, full.x, full.x + full.width);
  const cy = clamp(view.y + view.height / 2, full.y, full.y + full.height);
  return { ...view, x: cx - view.width / 2, y: cy - view.height / 2 };
}

/** How many screen pixels one drawing unit takes when `view` is shown `screenWidth` px wide. */
export const pixelsPerUnit = (view: ViewBox, screenWidth: number) => screenWidth / view.width;

export const viewBoxAttribute = (v: ViewBox) =>
  `${round(v.x)} ${round(v.y)} ${round(v.width)} ${round(v.height)}`;

/** Whether `bounds` overlaps `view`. */
export const intersects = (b: Bounds, v: ViewBox) =>
  b[2] >= v.x && b[0] <= v.x + v.width && b[3] >= v.y && b[1] <= v.y + v.height;

/**
 * The shapes worth a name at this view: on screen and at least `minPixels` wide there (a name needs room;
 * a 20 px comune would be covered by its own label).
 */
export function labelled<T extends { bounds: Bounds }>(
  shapes: readonly T[],
  view: ViewBox,
  screenWidth: number,
  minPixels = 48,
): T[] {
  const k = pixelsPerUnit(view, screenWidth);
  return shapes.filter((s) => (s.bounds[2] - s.bounds[0]) * k >= minPixels && intersects(s.bounds, view));
}
