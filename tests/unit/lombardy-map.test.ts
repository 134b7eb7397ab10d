// The Lombardy choropleth: geometry from the ISTAT topology, classes and colours, and the server-rendered
// markup. The unit project only picks up *.test.ts, hence createElement instead of JSX.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChoroplethMap, type ChoroplethMapProps } from "@/components/charts/choropleth-map";
import { NO_DATA_COLOR, colorFor, legendFor, quantileBreaks } from "@/lib/choropleth/color-scale";
import { MAP_ATTRIBUTION } from "@/lib/choropleth/shapes";
import {
  type GeometryDocument,
  decodeCells,
  encodeCells,
  geometryFromDocument,
  shapesMarkup,
} from "@/lib/choropleth/shapes-markup";
import { getLombardyMap, lombardyGeometry, lombardyGeometryUrl } from "@/lib/geo/lombardy-map";
import { GET as geometryRoute } from "@/app/api/geo/lombardia/route";

const SAN_DONATO = "015192";

describe("getLombardyMap", () => {
  const map = getLombardyMap();

  it("has the 1,503 comuni, each with a path and a unique ISTAT code", () => {
    expect(map.comuni).toHaveLength(1503);
    expect(map.comuni.every((c) => /^M[\d.,]+l/.test(c.d) && c.d.endsWith("z"))).toBe(true);
    expect(new Set(map.comuni.map((c) => c.istat)).size).toBe(1503);
    expect(map.comuni.every((c) => /^\d{6}$/.test(c.istat) && c.istat.startsWith(c.provinceIstat))).toBe(
      true,
    );
  });

  it("keeps ISTAT codes as text, leading zero included", () => {
    expect(map.comuni.find((c) => c.istat === SAN_DONATO)).toMatchObject({
      name: "San Donato Milanese",
      provinceIstat: "015",
    });
  });

  it("outlines the 12 provinces", () => {
    expect(map.provinces.map((p) => p.istat)).toEqual([
      "012",
      "013",
      "014",
      "015",
      "016",
      "017",
      "018",
      "019",
      "020",
      "097",
      "098",
      "108",
    ]);
    expect(map.provinces.every((p) => p.d.length > 0)).toBe(true);
  });

  it("fits an 800 px wide drawing and stays within the size budget", () => {
    expect(map.width).toBe(800);
    expect(map.height).toBeGreaterThan(600);
    expect(map.height).toBeLessThanOrEqual(900);
    const text = [...map.comuni, ...map.provinces].reduce((n, s) => n + s.d.length, 0);
    expect(text).toBeLessThanOrEqual(200 * 1024);
  });

  it("is computed once", () => {
    expect(getLombardyMap()).toBe(map);
  });
});

describe("quantileBreaks, colorFor, legendFor", () => {
  const values = [0, 0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000];

  it("returns non-decreasing limits from the minimum to the maximum", () => {
    const breaks = quantileBreaks(values);
    expect(breaks[0]).toBe(0);
    expect(breaks.at(-1)).toBe(1000);
    expect(breaks.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThanOrEqual(breaks[i - 1]);
    expect(quantileBreaks([])).toEqual([]);
    expect(quantileBreaks([Number.NaN, 7, 7])).toEqual([7, 7]);
    expect(() => quantileBreaks(values, 9)).toThrow(RangeError);
  });

  it("colours the lowest and the highest value differently and no value in neutral grey", () => {
    const breaks = quantileBreaks(values);
    expect(colorFor(0, breaks)).not.toBe(colorFor(1000, breaks));
    expect(colorFor(null, breaks)).toBe(NO_DATA_COLOR);
    expect(colorFor(undefined, breaks)).toBe(NO_DATA_COLOR);
    expect(colorFor(Number.NaN, breaks)).toBe(NO_DATA_COLOR);
    expect(new Set(values.map((v) => colorFor(v, breaks))).size).toBe(breaks.length - 1);
    expect(values.map((v) => colorFor(v, breaks))).not.toContain(NO_DATA_COLOR);
  });

  it("keeps a lone zero class apart from the rest", () => {
    const breaks = quantileBreaks([0, 0, 0, 0, 10]);
    expect(colorFor(0, breaks)).not.toBe(colorFor(10, breaks));
  });

  it("labels each class in Italian", () => {
    const legend = legendFor([0, 1000, 5000], (v) => `${v} €`);
    expect(legend.map((l) => l.label)).toEqual(["da 0 € a 1000 €", "oltre 1000 € fino a 5000 €"]);
    expect(legendFor([0, 0, 3], String)[0].label).toBe("0");
    expect(legendFor([], String)).toEqual([]);
  });
});

describe("ChoroplethMap", () => {
  const map = getLombardyMap();
  const base: Omit<ChoroplethMapProps, "values"> = {
    map,
    metricLabel: "Costo totale dei progetti",
    format: "euro",
    title: "Costo dei progetti per comune",
  };
  const render = (props: ChoroplethMapProps) => renderToStaticMarkup(createElement(ChoroplethMap, props));
  const fillOf = (html: string, istat: string) =>
    new RegExp(`<path d="[^"]*" fill="(#[0-9a-f]{6})" data-istat="${istat}"`).exec(html)?.[1];

  // Two metrics: San Donato is the top comune in the first and near the bottom in the second.
  const codes = map.comuni.map((c) => c.istat);
  const first = Object.fromEntries(codes.slice(0, 100).map((istat, i) => [istat, i * 10]));
  first[SAN_DONATO] = 1234.56;
  const second = Object.fromEntries(codes.slice(0, 100).map((istat, i) => [istat, 5000 + i]));
  second[SAN_DONATO] = 1;

  it("renders one path per comune, and the province outlines", () => {
    const html = render({ ...base, values: first });
    expect(html.match(/<path [^>]*data-istat="/g)).toHaveLength(1503);
    expect(html.match(/class="province"/g)).toHaveLength(12);
    expect(html).toContain(`role="group"`);
    expect(html).toContain(MAP_ATTRIBUTION);
  });

  it("changes a comune's fill with the metric", () => {
    const a = fillOf(render({ ...base, values: first }), SAN_DONATO);
    const b = fillOf(render({ ...base, values: second }), SAN_DONATO);
    expect(a).toMatch(/^#/);
    expect(b).toMatch(/^#/);
    expect(a).not.toBe(b);
    expect(fillOf(render({ ...base, values: {} }), SAN_DONATO)).toBe(NO_DATA_COLOR);
  });

  it("names each comune with its value in Italian format", () => {
    const html = render({ ...base, values: first });
    expect(html).toMatch(/<title>San Donato Milanese: 1\.234,56[\s\u00a0]€<\/title>/);
    // Only in the <title> (the tooltip reads it there): no per-shape copies in data attributes.
    expect(html).not.toContain("data-name=");
    expect(html).toContain("<title>Milano: nessun dato</title>");
    expect(html).toContain("Nessun dato</li>");
    expect(render({ ...base, format: "percent", values: { [SAN_DONATO]: 0.125 } })).toContain(
      "<title>San Donato Milanese: 12,5%</title>",
    );
  });

  it("links comuni that have an href and makes the others focusable", () => {
    const html = render({ ...base, values: first, hrefs: { [SAN_DONATO]: `/comuni/${SAN_DONATO}` } });
    expect(html).toMatch(
      new RegExp(
        `<a href="/comuni/${SAN_DONATO}"><title>San Donato Milanese: [^<]+</title><path [^>]*data-istat="${SAN_DONATO}"`,
      ),
    );
    expect(html.match(/<a href="\/comuni\//g)).toHaveLength(1);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1502);
  });

  it("escapes names and links in the hand-built shapes markup", () => {
    const odd = { ...map.comuni[0], name: `A & <b>"B"</b>` };
    const html = render({
      ...base,
      map: { ...map, comuni: [odd] },
      values: { [odd.istat]: 1 },
      hrefs: { [odd.istat]: `/x?a=1&b="2"` },
    });
    expect(html).toContain("<title>A &amp; &lt;b&gt;&quot;B&quot;&lt;/b&gt;: 1,00");
    expect(html).toContain(`<a href="/x?a=1&amp;b=&quot;2&quot;">`);
    expect(html).not.toContain("<b>");
  });
});

describe("the zoomable map, drawn in the browser", () => {
  const map = getLombardyMap();
  const base: ChoroplethMapProps = {
    map,
    metricLabel: "Costo totale dei progetti",
    format: "euro",
    title: "Costo dei progetti per comune",
    values: { [SAN_DONATO]: 1234.56, "015146": 99 },
    hrefs: { [SAN_DONATO]: `/comuni/${SAN_DONATO}` },
  };
  const render = (props: ChoroplethMapProps) => renderToStaticMarkup(createElement(ChoroplethMap, props));

  it("sends no shape in the page, only a link to the geometry", () => {
    const html = render({ ...base, zoomable: { geometryUrl: lombardyGeometryUrl() } });
    expect(html).not.toContain("data-istat");
    expect(html).not.toContain(map.comuni[0].d);
    expect(html).toContain("Caricamento della mappa");
    expect(html.length).toBeLessThan(10_000);
    // The same map server-rendered weighs hundreds of KB.
    expect(render(base).length).toBeGreaterThan(200_000);
  });

  it("draws from the geometry document and the cells exactly what the server would draw", () => {
    const doc = JSON.parse(lombardyGeometry().body) as GeometryDocument;
    expect(doc.version).toBe(lombardyGeometry().version);
    expect(doc.comuni).toHaveLength(1503);
    const cells = new Map(
      map.comuni.map((c, i) => [
        c.istat,
        i % 3 === 0
          ? { fill: "#123456", shown: `${i},00 €`, href: `/comuni/${c.istat}?a=1&b="2"` }
          : { fill: NO_DATA_COLOR, shown: "nessun dato" },
      ]),
    );
    const noData = { fill: NO_DATA_COLOR, shown: "nessun dato" };
    const decoded = decodeCells(encodeCells(cells));
    expect(decoded).toEqual(cells);
    const inBrowser = shapesMarkup(geometryFromDocument(doc), (istat) => decoded.get(istat), noData);
    expect(inBrowser).toBe(shapesMarkup(map, (istat) => cells.get(istat), noData));
    expect(inBrowser.match(/data-istat=/g)).toHaveLength(1503);
    expect(inBrowser).toContain(`href="/comuni/${map.comuni[0].istat}?a=1&amp;b=&quot;2&quot;"`);
  });

  it("keeps tabs and newlines of a value from breaking the encoding", () => {
    const cells = decodeCells(encodeCells([["015192", { fill: "#fff", shown: "a\tb\nc" }]]));
    expect(cells.get("015192")).toEqual({ fill: "#fff", shown: "a b c" });
    expect(decodeCells("")).toEqual(new Map());
    expect(() => geometryFromDocument({} as GeometryDocument)).toThrow();
  });

  it("is served immutable at its versioned URL, revalidated otherwise, 304 on a matching ETag", async () => {
    const url = `http://localhost${lombardyGeometryUrl()}`;
    const fresh = geometryRoute(new Request(url));
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("cache-control")).toContain("immutable");
    expect(fresh.headers.get("content-type")).toContain("application/json");
    expect(((await fresh.json()) as GeometryDocument).comuni).toHaveLength(1503);
    const old = geometryRoute(new Request("http://localhost/api/geo/lombardia?v=old"));
    expect(old.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const etag = old.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = geometryRoute(new Request(url, { headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});
