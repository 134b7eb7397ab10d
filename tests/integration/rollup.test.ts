import { describe, expect, it } from "vitest";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { sumMoney } from "@/lib/money";
import { CACHE_TTL_MS, getRollup } from "@/lib/rollup/get-rollup";
import { actorFor, ADMIN, COORDINATOR, MELEGNANO, OFFICER_PAULLO, ownerQuery } from "./helpers";

type Sums = { projects: number; cost: string; planned: string; committed: string; paid: string };

/** The same aggregate computed independently, live on the base tables. */
async function liveTotals(where: string, params: unknown[], fundingWhere = "TRUE"): Promise<Sums> {
  const [p] = await ownerQuery<{ projects: number; cost: string }>(
    `SELECT count(*)::int AS projects, COALESCE(sum(p."totalCost"), 0)::text AS cost
       FROM "Project" p JOIN "Comune" c ON c.istat = p."comuneIstat" JOIN "Stream" s ON s.id = p."streamId"
      WHERE p."deletedAt" IS NULL AND ${where}`,
    params,
  );
  const [f] = await ownerQuery<{ planned: string; committed: string; paid: string }>(
    `SELECT COALESCE(sum(f."amountPlanned"), 0)::text AS planned, COALESCE(sum(f."amountCommitted"), 0)::text AS committed,
            COALESCE(sum(f."amountPaid"), 0)::text AS paid
       FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId" JOIN "Comune" c ON c.istat = p."comuneIstat"
       JOIN "Stream" s ON s.id = p."streamId"
      WHERE p."deletedAt" IS NULL AND ${where} AND ${fundingWhere}`,
    params,
  );
  return { projects: p.projects, cost: p.cost, ...f };
}

const cents = (v: string) => Math.round(Number(v) * 100);

describe("regional roll-up", () => {
  it("equals sums computed independently in SQL, for several filter combinations", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const [stream] = await ownerQuery<{ id: string; theme: string }>(
      `SELECT s.id, s.theme::text AS theme FROM "Stream" s JOIN "Project" p ON p."streamId" = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
    );
    const cases: { params: Record<string, string>; where: string; args: unknown[]; fundingWhere?: string }[] =
      [
        { params: {}, where: "TRUE", args: [] },
        { params: { provincia: "015" }, where: `c."provinceIstat" = $1`, args: ["015"] },
        { params: { filone: stream.id }, where: `p."streamId" = $1`, args: [stream.id] },
        { params: { tema: stream.theme }, where: `s.theme::text = $1`, args: [stream.theme] },
        {
          params: { stato: "EXECUTION", andamento: "ON_TRACK" },
          where: `p.status = 'EXECUTION' AND p.health = 'ON_TRACK'`,
          args: [],
        },
        {
          params: { smartland: "sud-est-milano", fonte: "PNRR" },
          where: `p."comuneIstat" IN (SELECT m."comuneIstat" FROM "SmartLandMember" m JOIN "SmartLand" sl ON sl.id = m."smartLandId" WHERE sl.slug = 'sud-est-milano')
                AND EXISTS (SELECT 1 FROM "FundingLine" x WHERE x."projectId" = p.id AND x.source = 'PNRR')`,
          fundingWhere: `f.source = 'PNRR'`,
          args: [],
        },
        {
          params: { anno_da: "2024", anno_a: "2026" },
          where: `EXTRACT(YEAR FROM p."plannedStart") <= 2026 AND (p."plannedEnd" IS NULL OR EXTRACT(YEAR FROM p."plannedEnd") >= 2024)`,
          fundingWhere: `f.year BETWEEN 2024 AND 2026`,
          args: [],
        },
      ];
    for (const c of cases) {
      const rollup = await getRollup(coordinator, parseRollupFilters(c.params));
      // Funding totals over the funding lines only depend on the funding filters (year/source), not the project-year overlap.
      const live = await liveTotals(c.where, c.args, c.fundingWhere);
      const label = JSON.stringify(c.params);
      expect(rollup.totals.projects, label).toBe(live.projects);
      expect(cents(rollup.totals.totalCost), label).toBe(cents(live.cost));
      if (!c.params.anno_da) {
        expect(cents(rollup.totals.planned), label).toBe(cents(live.planned));
        expect(cents(rollup.totals.committed), label).toBe(cents(live.committed));
        expect(cents(rollup.totals.paid), label).toBe(cents(live.paid));
      }
      expect(
        rollup.byStream.reduce((n, g) => n + g.projects, 0),
        label,
      ).toBe(live.projects);
      expect(
        rollup.byComune.reduce((n, g) => n + g.projects, 0),
        label,
      ).toBe(live.projects);
      expect(
        rollup.bySource.reduce((n, g) => n + cents(g.planned), 0),
        label,
      ).toBe(cents(rollup.totals.planned));
      // Provinces and themes (summed from comuni and streams in lib/rollup): each group against the live SQL.
      for (const [dim, groups] of [
        [`c."provinceIstat"`, rollup.byProvince],
        [`s.theme::text`, rollup.byTheme],
      ] as const) {
        const live = await ownerQuery<{ key: string; projects: number; cost: string; planned: string }>(
          `SELECT ${dim} AS key, count(*)::int AS projects, sum(p."totalCost")::text AS cost,
                  COALESCE(sum((SELECT sum(x."amountPlanned") FROM "FundingLine" x WHERE x."projectId" = p.id)), 0)::text AS planned
             FROM "Project" p JOIN "Comune" c ON c.istat = p."comuneIstat" JOIN "Stream" s ON s.id = p."streamId"
            WHERE p."deletedAt" IS NULL AND ${c.where} GROUP BY 1 ORDER BY 1`,
          c.args,
        );
        const got = [...groups].sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(
          got.map((g) => [g.key, g.projects, cents(g.totalCost), cents(g.secured)]),
          `${label} ${dim}`,
        ).toEqual(live.map((l) => [l.key, l.projects, cents(l.cost), cents(l.planned)]));
        if (!c.params.anno_da && !c.params.fonte) {
          const money = await ownerQuery<{ key: string; planned: string }>(
            `SELECT ${dim} AS key, sum(f."amountPlanned")::text AS planned
               FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId" JOIN "Comune" c ON c.istat = p."comuneIstat"
               JOIN "Stream" s ON s.id = p."streamId"
              WHERE p."deletedAt" IS NULL AND ${c.where} GROUP BY 1 ORDER BY 1`,
            c.args,
          );
          expect(
            got.filter((g) => cents(g.planned) !== 0).map((g) => [g.key, cents(g.planned)]),
            `${label} ${dim} funding`,
          ).toEqual(money.map((m) => [m.key, cents(m.planned)]));
        }
      }
    }
  });

  it("reflects a committed write at once, without any refresh, and says when the figures were read", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const before = await getRollup(coordinator, { province: "015" });
    await ownerQuery(
      `UPDATE "Project" SET "deletedAt" = now() WHERE id = (
         SELECT p.id FROM "Project" p JOIN "Comune" c ON c.istat = p."comuneIstat"
          WHERE p."deletedAt" IS NULL AND c."provinceIstat" = '015' ORDER BY p.id LIMIT 1)`,
    );
    // A filter set not asked yet: computed now, from facts the write's own transaction kept.
    const other = await getRollup(coordinator, { province: "015", status: undefined, yearFrom: 1900 });
    expect(other.totals.projects).toBe(before.totals.projects - 1);
    // The same filter set: served from memory for at most a second.
    await new Promise((r) => setTimeout(r, CACHE_TTL_MS + 50));
    const after = await getRollup(coordinator, { province: "015" });
    expect(after.totals.projects).toBe(before.totals.projects - 1);
    expect(after.refreshedAt.getTime()).toBeGreaterThan(before.refreshedAt.getTime());
  });

  it("sums each Smart Land from its member comuni's rows, to the cent, in every money column", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const members = await ownerQuery<{ slug: string; istat: string }>(
      `SELECT s.slug, m."comuneIstat" AS istat FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"`,
    );
    for (const filters of [{}, { province: "015" }, { source: "PNRR" as const }]) {
      const r = await getRollup(coordinator, filters);
      expect(r.bySmartLand.length).toBeGreaterThan(0);
      for (const group of r.bySmartLand) {
        const istats = new Set(members.filter((m) => m.slug === group.key).map((m) => m.istat));
        const rows = r.byComune.filter((c) => istats.has(c.key));
        for (const key of ["totalCost", "secured", "gap", "planned", "committed", "paid"] as const) {
          expect(group[key], `${group.key} ${key} ${JSON.stringify(filters)}`).toBe(
            sumMoney(rows.map((c) => c[key])),
          );
        }
        expect(group.projects).toBe(rows.reduce((n, c) => n + c.projects, 0));
      }
    }
  });

  it("computes the figures once for requests that arrive together, and again once they are a second old", async () => {
    const coordinator = await actorFor(COORDINATOR);
    // Filters no other test asks for: nothing cached under them yet.
    const filters = { province: "016", yearFrom: 1901 };
    const burst = await Promise.all([1, 2, 3].map(() => getRollup(coordinator, filters)));
    // One computation: the same object for the three (three computations would be three objects).
    expect(burst[1]).toBe(burst[0]);
    expect(burst[2]).toBe(burst[0]);
    await new Promise((r) => setTimeout(r, CACHE_TTL_MS + 50));
    const later = await getRollup(coordinator, filters);
    expect(later).not.toBe(burst[0]);
    expect(later.totals).toEqual(burst[0].totals);
  });

  it("answers from the summaries exactly what the facts alone give, with delta rows and after compaction", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const LARGE = "rollup-quasi-tutti";
    const ALL = "rollup-tutti";
    const FEW = "rollup-pochi";
    const [stream] = await ownerQuery<{ id: string; theme: string }>(
      `SELECT s.id, s.theme::text AS theme FROM "Stream" s JOIN "Project" p ON p."streamId" = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
    );
    const queries = [
      "",
      "provincia=015",
      `filone=${stream.id}`,
      `tema=${stream.theme}`,
      `tema=${stream.theme}&anno_da=2025&anno_a=2027`,
      "smart_land=sud-est-milano",
      "smart_land=sud-est-milano&fonte=PNRR",
      "stato=EXECUTION",
      "andamento=AT_RISK",
      "fonte=REGION",
      "anno_da=2025",
      "anno_a=2024",
      "provincia=015&anno_da=2024&anno_a=2026",
      "provincia=015&fonte=REGION",
      "provincia=015&fonte=REGION&anno_a=2026",
      // A source: the projects and the money by comune from the (comune, stream, source) and (comune,
      // source, year) summaries, with comune sets, streams, themes and years.
      "fonte=PNRR",
      "fonte=COMUNE&anno_da=2025",
      `fonte=REGION&filone=${stream.id}`,
      `fonte=REGION&tema=${stream.theme}`,
      "smart_land=sud-est-milano&fonte=REGION&anno_a=2026",
      "fonte=PNRR&andamento=ON_TRACK",
      "smart_land=sud-est-milano&anno_a=2025",
      // A Smart Land without a stream, status or health filter: its money by source and by year from the
      // (comune, source, year) summary, with a province, a source, years.
      "smart_land=sud-est-milano&provincia=015",
      "smart_land=sud-est-milano&provincia=015&fonte=COMUNE&anno_da=2025",
      "smart_land=sud-est-milano&provincia=016",
      "smart_land=sud-est-milano&anno_da=2024&anno_a=2026",
      "smart_land=non-esiste",
      `smart_land=${FEW}`,
      `smart_land=${FEW}&fonte=PNRR`,
      `smart_land=${FEW}&anno_da=2025`,
      "provincia=015&stato=EXECUTION&anno_da=2024",
      "tema=CULTURE_TOURISM",
      // A stream or a theme with years: money by comune (and by stream) from the (comune, stream, year)
      // summary, with or without a comune set.
      `filone=${stream.id}&anno_da=2024`,
      `provincia=015&filone=${stream.id}&anno_a=2026`,
      `smart_land=sud-est-milano&tema=${stream.theme}&anno_da=2025`,
      `filone=${stream.id}&andamento=ON_TRACK`,
      // A Smart Land of more than half of the comuni: its by-source and by-year money is the region's
      // minus the other comuni's (get-rollup otherComuni); with a source filter it reads the facts.
      `smart_land=${LARGE}`,
      `smart_land=${LARGE}&andamento=AT_RISK`,
      `smart_land=${LARGE}&filone=${stream.id}`,
      `smart_land=${LARGE}&fonte=PNRR`,
      `smart_land=${LARGE}&filone=${stream.id}&anno_da=2025`,
      // A Smart Land of every comune: computed as no comune filter (get-rollup comuneSet).
      `smart_land=${ALL}`,
      `smart_land=${ALL}&fonte=PNRR`,
      `smart_land=${ALL}&anno_da=2025`,
      `smart_land=${ALL}&andamento=AT_RISK&anno_a=2026`,
      `smart_land=${ALL}&filone=${stream.id}`,
    ];
    // Every comune but Melegnano and the comune of the project the funding line below goes to, so that
    // the complement holds a delta row too; removed at the end.
    await ownerQuery(
      `INSERT INTO "SmartLand" (slug, name, phase) VALUES ($1, 'Prova: quasi tutti i comuni', 'Fase 1')`,
      [LARGE],
    );
    await ownerQuery(
      `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
       SELECT s.id, c.istat FROM "SmartLand" s, "Comune" c
        WHERE s.slug = $1 AND c.istat <> $2 AND c.istat <> (
          SELECT "comuneIstat" FROM "Project" WHERE "deletedAt" IS NULL ORDER BY id DESC LIMIT 1)`,
      [LARGE, MELEGNANO],
    );
    await ownerQuery(
      `INSERT INTO "SmartLand" (slug, name, phase) VALUES ($1, 'Prova: tutti i comuni', 'Fase 1')`,
      [ALL],
    );
    await ownerQuery(
      `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
       SELECT s.id, c.istat FROM "SmartLand" s, "Comune" c WHERE s.slug = $1`,
      [ALL],
    );
    // A few comuni of the Smart Land (the others' money must not count).
    await ownerQuery(
      `INSERT INTO "SmartLand" (slug, name, phase) VALUES ($1, 'Prova: pochi comuni', 'Fase 1')`,
      [FEW],
    );
    await ownerQuery(
      `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
       SELECT s.id, c.istat FROM "SmartLand" s, "Comune" c WHERE s.slug = $1 AND c.istat = ANY($2)`,
      [FEW, [MELEGNANO, "015169", "015192"]],
    );
    // Delta rows: a write's (a project's cost, a new funding line), then the same after folding them.
    await ownerQuery(
      `UPDATE "Project" SET "totalCost" = "totalCost" + 1.01 WHERE id = (
         SELECT id FROM "Project" WHERE "deletedAt" IS NULL ORDER BY id LIMIT 1)`,
    );
    await ownerQuery(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountPaid")
       SELECT id, "comuneIstat", 'REGION', 2026, 12.34, 5.67 FROM "Project"
        WHERE "deletedAt" IS NULL ORDER BY id DESC LIMIT 1`,
    );
    const [{ deltas }] = await ownerQuery<{ deltas: number }>(
      `SELECT (SELECT count(*) FROM rollup_project_summary WHERE delta) +
              (SELECT count(*) FROM rollup_funding_summary WHERE delta) +
              (SELECT count(*) FROM rollup_funding_year_summary WHERE delta) AS deltas`,
    );
    expect(Number(deltas)).toBeGreaterThan(0);
    const strip = (r: object) => JSON.stringify({ ...r, refreshedAt: null });
    await new Promise((r) => setTimeout(r, CACHE_TTL_MS + 50)); // nothing from the 1 s cache
    for (const compacted of [false, true]) {
      if (compacted) {
        await ownerQuery(`SELECT rollup_summary_compact()`);
        await new Promise((r) => setTimeout(r, CACHE_TTL_MS + 50));
      }
      for (const q of queries) {
        const filters = parseRollupFilters(Object.fromEntries(new URLSearchParams(q)));
        process.env.SMARTLAND_ROLLUP_SUMMARIES = "off";
        const facts = await getRollup(coordinator, filters).finally(() => {
          delete process.env.SMARTLAND_ROLLUP_SUMMARIES;
        });
        const summaries = await getRollup(coordinator, filters);
        expect(strip(summaries), `${q} compacted=${compacted}`).toBe(strip(facts));
      }
    }
    // Every comune's Smart Land: the figures of no filter (the filters aside).
    const everyComune = await getRollup(coordinator, { smartLand: ALL, source: "PNRR" });
    const noFilter = await getRollup(coordinator, { source: "PNRR" });
    expect(strip({ ...everyComune, filters: null })).toBe(strip({ ...noFilter, filters: null }));
    await ownerQuery(`DELETE FROM "SmartLand" WHERE slug = ANY($1)`, [[LARGE, ALL, FEW]]);
  });

  it("is for coordinators and administrators only", async () => {
    await expect(getRollup(await actorFor(OFFICER_PAULLO), {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getRollup(await actorFor(ADMIN), {})).totals.projects).toBeGreaterThan(0);
  });
});
