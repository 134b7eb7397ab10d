// The by-comune table of the plan-vs-actual view shows COMUNI_PER_PAGE comuni at a time when given page
// links (a Smart Land of every comune of the region would be a table of 1,503 rows), and all of them
// without (the officer's page: their own comune).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { COMUNI_PER_PAGE, PlanVsActualTables } from "@/components/programme/plan-vs-actual";
import type { PlanVsActual } from "@/lib/programme/plan-vs-actual";

const money = {
  plan: "0.00",
  adheredApproved: "1.00",
  adheredSubmitted: "0.00",
  registered: "2.50",
  secured: "1.25",
};
const data = (n: number): PlanVsActual => ({
  smartLand: { slug: "prova", name: "Prova", phase: "Fase 1" },
  year: null,
  years: [],
  scope: "all",
  byStream: [],
  byYear: [],
  total: money,
  comuni: Array.from({ length: n }, (_, i) => ({
    istat: String(100000 + i),
    name: `Comune ${String(i).padStart(4, "0")}`,
    streams: [],
    total: money,
  })),
  comune: null,
});
const render = (n: number, page?: number, paged = true) =>
  renderToStaticMarkup(
    createElement(PlanVsActualTables, {
      data: data(n),
      page,
      pageHref: paged ? (p: number) => `/x?pagina=${p}` : undefined,
    }),
  );
const comuniShown = (html: string) => [...html.matchAll(/Comune (\d{4})/g)].map((m) => Number(m[1]));

describe("plan vs actual, comuni by page", () => {
  it("shows one page of comuni and links to the others", () => {
    const n = COMUNI_PER_PAGE * 2 + 3;
    const first = render(n);
    expect(comuniShown(first)).toEqual(Array.from({ length: COMUNI_PER_PAGE }, (_, i) => i));
    expect(first).toContain("Pagina 1 di 3");
    expect(first).toContain('href="/x?pagina=2"');
    const last = render(n, 3);
    expect(comuniShown(last)).toEqual([
      COMUNI_PER_PAGE * 2,
      COMUNI_PER_PAGE * 2 + 1,
      COMUNI_PER_PAGE * 2 + 2,
    ]);
    expect(last).toContain('href="/x?pagina=2"');
    expect(last).not.toContain("pagina=4");
    // A page beyond the last shows the last.
    expect(comuniShown(render(n, 99))).toEqual(comuniShown(last));
  });

  it("has no pager when every comune fits, or without page links", () => {
    const html = render(COMUNI_PER_PAGE);
    expect(comuniShown(html)).toHaveLength(COMUNI_PER_PAGE);
    expect(html).not.toContain("Pagina 1");
    expect(comuniShown(render(COMUNI_PER_PAGE + 1, 1, false))).toHaveLength(COMUNI_PER_PAGE + 1);
  });
});
