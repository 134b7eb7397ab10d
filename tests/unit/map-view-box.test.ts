// The map's view: fitting to a filter's comuni (bounds from d3-geo, measured on the server), zoom, pan and
// which comuni get a name.
import { describe, expect, it } from "vitest";
import {
  MAX_ZOOM,
  fitViewBox,
  labelled,
  panViewBox,
  unionBounds,
  zoomViewBox,
  type ViewBox,
} from "@/lib/choropleth/view-box";
import { fitMapTo, getLombardyMap } from "@/lib/geo/lombardy-map";

const FULL: ViewBox = { x: 0, y: 0, width: 800, height: 600 };

describe("fitViewBox", () => {
  it("frames the union of the bounds with a margin of the larger side", () => {
    const b = unionBounds([
      [100, 100, 150, 120],
      [140, 110, 200, 140],
    ]);
    expect(b).toEqual([100, 100, 200, 140]);
    expect(fitViewBox(b!, { marginRatio: 0.1 })).toEqual({ x: 90, y: 90, width: 120, height: 60 });
  });

  it("widens or heightens to the drawing's aspect ratio around the same centre", () => {
    const tall = fitViewBox([100, 100, 120, 200], { marginRatio: 0, aspect: 4 / 3 });
    expect(tall.height).toBe(100);
    expect(tall.width).toBeCloseTo(133.3, 1);
    expect(tall.x + tall.width / 2).toBeCloseTo(110, 1);
    const wide = fitViewBox([0, 0, 400, 100], { marginRatio: 0, aspect: 4 / 3 });
    expect(wide).toEqual({ x: 0, y: -100, width: 400, height: 300 });
  });

  it("has nothing to fit without bounds", () => {
    expect(unionBounds([])).toBeNull();
    expect(fitMapTo(getLombardyMap(), [])).toBeUndefined();
    expect(fitMapTo(getLombardyMap(), ["999999"])).toBeUndefined();
  });
});

describe("fitMapTo (the Lombardy map)", () => {
  const map = getLombardyMap();
  const SUD_EST = ["015192", "015169"]; // San Donato Milanese, Paullo

  it("contains every chosen comune and keeps the drawing's aspect ratio", () => {
    const view = fitMapTo(map, SUD_EST)!;
    for (const istat of SUD_EST) {
      const [x0, y0, x1, y1] = map.comuni.find((c) => c.istat === istat)!.bounds;
      expect(x0).toBeGreaterThanOrEqual(view.x);
      expect(y0).toBeGreaterThanOrEqual(view.y);
      expect(x1).toBeLessThanOrEqual(view.x + view.width);
      expect(y1).toBeLessThanOrEqual(view.y + view.height);
    }
    expect(view.width / view.height).toBeCloseTo(map.width / map.height, 1);
    // Two neighbouring comuni: much closer than the whole region.
    expect(view.width).toBeLessThan(map.width / 8);
  });

  it("fits a province inside the region", () => {
    const milano = map.comuni.filter((c) => c.provinceIstat === "015").map((c) => c.istat);
    const view = fitMapTo(map, milano)!;
    expect(view.width).toBeLessThan(map.width / 2);
    expect(view.x).toBeGreaterThan(0);
  });
});

describe("zoom and pan", () => {
  it("zooms around a point, which stays put", () => {
    const at = { x: 200, y: 150 };
    const z = zoomViewBox(FULL, 2, FULL, at);
    expect(z.width).toBe(400);
    expect(z.height).toBe(300);
    // The point is at the same fraction of the view before and after.
    expect((at.x - z.x) / z.width).toBeCloseTo(at.x / FULL.width);
    expect((at.y - z.y) / z.height).toBeCloseTo(at.y / FULL.height);
  });

  it("never zooms out past the whole drawing nor in past MAX_ZOOM", () => {
    expect(zoomViewBox(FULL, 0.1, FULL).width).toBe(800);
    expect(zoomViewBox(FULL, 1000, FULL).width).toBeCloseTo(800 / MAX_ZOOM);
  });

  it("pans, keeping the view's centre on the drawing", () => {
    const z = zoomViewBox(FULL, 4, FULL); // 200 × 150 around (400, 300)
    expect(panViewBox(z, 50, -20, FULL)).toMatchObject({ x: 350, y: 205, width: 200, height: 150 });
    const far = panViewBox(z, 10_000, 10_000, FULL);
    expect(far.x + far.width / 2).toBe(800);
    expect(far.y + far.height / 2).toBe(600);
  });
});

describe("labelled", () => {
  const shapes = [
    { name: "wide", bounds: [0, 0, 100, 50] as const },
    { name: "narrow", bounds: [200, 0, 210, 10] as const },
    { name: "off screen", bounds: [700, 500, 800, 600] as const },
  ];

  it("names the comuni wide enough on screen and in view", () => {
    const view = { x: 0, y: 0, width: 400, height: 300 };
    // 400 units on 400 px: "wide" is 100 px, "narrow" 10 px.
    expect(labelled(shapes, view, 400, 48).map((s) => s.name)).toEqual(["wide"]);
    // Zoomed ×8 on the same screen: "narrow" is 80 px; "wide" is out of view.
    expect(labelled(shapes, { x: 150, y: 0, width: 100, height: 75 }, 800, 48).map((s) => s.name)).toEqual([
      "narrow",
    ]);
  });
});
