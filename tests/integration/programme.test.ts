// The programme plan (issue #18, item 2) and the adherence act's documents (items 1 and 4): figures exact to
// the cent against a hand-built fixture (a Smart Land of this test's own, San Donato and Paullo members,
// Melegnano not), roles (coordinator writes; officer and administrator refused; a non-member officer gets
// 404), the optimistic lock, row-level security in direct SQL, the API and its problem answers, and the
// act's documents behind the tenant wall.
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";
import {
  getProgrammeForActor,
  saveProgramme,
  saveProgrammeStream,
  savePhases,
} from "@/lib/programme/programme";
import { call } from "./api-harness";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

const SLUG = "programma-prova";
const CODE = "SL-PRG-T";
let smartLandId = "";
let sanDonato: Actor;
let paullo: Actor;
let melegnano: Actor;
let coordinator: Actor;
let admin: Actor;

const plan = (version: number) => ({
  version,
  phases: [
    {
      name: "Fase 1",
      startYear: "2026",
      endYear: 2027,
      streams: [
        {
          stream: CODE,
          envelope: [
            { year: 2027, amount: "150000.99" },
            { year: "2026", amount: "200.000,00" },
          ],
          targets: [{ name: "Punti luce a LED", unit: "n.", baseline: "0", target: "1.500", year: 2027 }],
        },
      ],
    },
    { name: "Fase 2", startYear: 2028, endYear: null, streams: [] },
  ],
});

async function project(comune: string, lines: [number, string, string][], deleted = false) {
  const [p] = await ownerQuery<{ id: string }>(
    `INSERT INTO "Project" ("comuneIstat", "streamId", title, "deletedAt")
     SELECT $1, s.id, 'Intervento di prova (programma)', $3 FROM "Stream" s WHERE s.code = $2 RETURNING id`,
    [comune, CODE, deleted ? new Date() : null],
  );
  for (const [year, planned, committed] of lines)
    await ownerQuery(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountCommitted")
       VALUES ($1, $2, 'PNRR', $3, $4, $5)`,
      [p!.id, comune, year, planned, committed],
    );
  return p!.id;
}

async function localPlan(comune: string, status: string, envelope: { year: number; amount: string }[]) {
  await ownerQuery(
    `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat") VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [smartLandId, comune],
  );
  const [a] = await ownerQuery<{ id: string }>(
    `INSERT INTO "Adherence" ("smartLandId", "comuneIstat", "actKind", "actNumber", "actDate")
     VALUES ($1, $2, 'GIUNTA', '12', '2026-03-01') RETURNING id`,
    [smartLandId, comune],
  );
  await ownerQuery(
    `INSERT INTO "LocalPlan" ("adherenceId", "smartLandId", "comuneIstat", "streamId", status, envelope)
     SELECT $1, $2, $3, s.id, $4::"PlanStatus", $5::jsonb FROM "Stream" s WHERE s.code = $6`,
    [a!.id, smartLandId, comune, status, JSON.stringify(envelope), CODE],
  );
}

beforeAll(async () => {
  [sanDonato, paullo, melegnano, coordinator, admin] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
    actorFor(OFFICER_MELEGNANO),
    actorFor(COORDINATOR),
    actorFor(ADMIN),
  ]);
  await ownerQuery(
    `INSERT INTO "Stream" (code, name, theme, "values") VALUES ($1, 'Filone di prova (programma)', 'ENERGY', ARRAY['INNOVATION']::"ProgrammeValue"[]) ON CONFLICT DO NOTHING`,
    [CODE],
  );
  const [sl] = await ownerQuery<{ id: string }>(
    `INSERT INTO "SmartLand" (slug, name, phase) VALUES ($1, 'Smart Land di prova (programma)', 'Fase 1') RETURNING id`,
    [SLUG],
  );
  smartLandId = sl!.id;
  await localPlan(SAN_DONATO, "APPROVED", [
    { year: 2026, amount: "100000.50" },
    { year: 2027, amount: "50000.25" },
  ]);
  await localPlan(PAULLO, "SUBMITTED", [{ year: 2026, amount: "20000.10" }]);
  await project(SAN_DONATO, [
    [2026, "30000.33", "10000.11"],
    [2027, "5000.00", "0"],
  ]);
  await project(SAN_DONATO, [[2026, "99999.00", "99999.00"]], true); // deleted: never counted
  await project(PAULLO, [[2026, "7000.07", "7000.07"]]);
  await project(MELEGNANO, [[2026, "1.00", "1.00"]]); // not a member
});

describe("programme plan", () => {
  it("is written by the coordinator, with the optimistic lock", async () => {
    const empty = await getProgrammeForActor(coordinator, SLUG);
    expect(empty.version).toBe(0);
    expect(empty.canEdit).toBe(true);
    const saved = await saveProgramme(coordinator, SLUG, plan(0));
    expect(saved.version).toBe(1);
    expect(saved.phases.map((p) => [p.ordinal, p.name, p.startYear, p.endYear])).toEqual([
      [1, "Fase 1", 2026, 2027],
      [2, "Fase 2", 2028, null],
    ]);
    expect(saved.phases[0]!.streams[0]).toMatchObject({
      code: CODE,
      envelope: [
        { year: 2026, amount: "200000.00" },
        { year: 2027, amount: "150000.99" },
      ],
      total: "350000.99",
      targets: [{ name: "Punti luce a LED", unit: "n.", baseline: "0", target: "1500", year: 2027 }],
    });
    expect(saved.total).toBe("350000.99");
    await expect(saveProgramme(coordinator, SLUG, plan(0))).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await ownerQuery(
      `SELECT action FROM "AuditEvent" WHERE entity = 'ProgrammePlan' AND "entityId" = (SELECT id::text FROM "ProgrammePlan" WHERE "smartLandId" = $1)`,
      [smartLandId],
    );
    expect(audit.map((a) => a.action)).toEqual(["CREATE"]);
  });

  it("is refused to officers and administrators; another Smart Land is 404 for a non-member officer", async () => {
    await expect(saveProgramme(sanDonato, SLUG, plan(1))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveProgramme(admin, SLUG, plan(1))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getProgrammeForActor(melegnano, SLUG)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPlanVsActual(melegnano, SLUG)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveProgramme(melegnano, SLUG, plan(1))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const read = await getProgrammeForActor(sanDonato, SLUG);
    expect(read.canEdit).toBe(false);
    expect(read.total).toBe("350000.99");
    expect((await getProgrammeForActor(admin, SLUG)).canEdit).toBe(false);
  });

  it("names the field of a bad value", async () => {
    const bad = plan(1);
    bad.phases[0]!.streams[0]!.envelope[0]!.amount = "dieci";
    bad.phases[1]!.startYear = 2030;
    bad.phases[1]!.endYear = 2029;
    await expect(saveProgramme(coordinator, SLUG, bad)).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: {
        "phases.0.streams.0.envelope.0.amount": [expect.any(String)],
        "phases.1.endYear": ["L'anno di fine non può precedere quello di inizio."],
      },
    });
    const unknown = plan(1);
    unknown.phases[0]!.streams[0]!.stream = "NESSUNO";
    await expect(saveProgramme(coordinator, SLUG, unknown)).rejects.toMatchObject({
      fieldErrors: { "phases.0.streams.0.stream": ["Filone non valido."] },
    });
  });

  it("saves one stream or the phases alone, keeping the rest", async () => {
    const v = (await getProgrammeForActor(coordinator, SLUG)).version;
    const a = await saveProgrammeStream(coordinator, SLUG, {
      version: v,
      phase: 2,
      stream: CODE,
      envelope: [{ year: 2028, amount: "1000" }],
      targets: [],
    });
    expect(a.phases[1]!.streams[0]!.total).toBe("1000.00");
    expect(a.phases[0]!.streams[0]!.total).toBe("350000.99");
    const b = await savePhases(coordinator, SLUG, {
      version: a.version,
      phases: [
        { name: "Fase 1 – avvio", startYear: 2026, endYear: 2027 },
        { name: "Fase 2", startYear: 2028, endYear: 2029 },
      ],
    });
    expect(b.phases.map((p) => [p.name, p.total])).toEqual([
      ["Fase 1 – avvio", "350000.99"],
      ["Fase 2", "1000.00"],
    ]);
    // Back to the fixture for the figures below.
    await saveProgramme(coordinator, SLUG, plan(b.version));
  });
});

describe("plan vs adhered vs registered vs secured", () => {
  it("is exact to the cent by stream and year", async () => {
    const view = await getPlanVsActual(coordinator, SLUG);
    const s = view.byStream.find((x) => x.code === CODE)!;
    expect(s.years).toEqual([
      {
        year: 2026,
        plan: "200000.00",
        adheredApproved: "100000.50",
        adheredSubmitted: "20000.10",
        registered: "37000.40",
        secured: "17000.18",
      },
      {
        year: 2027,
        plan: "150000.99",
        adheredApproved: "50000.25",
        adheredSubmitted: "0.00",
        registered: "5000.00",
        secured: "0.00",
      },
    ]);
    expect(s.total).toEqual({
      plan: "350000.99",
      adheredApproved: "150000.75",
      adheredSubmitted: "20000.10",
      registered: "42000.40",
      secured: "17000.18",
    });
    const sd = view.comuni.find((c) => c.istat === SAN_DONATO)!;
    expect(sd.streams.find((x) => x.code === CODE)).toMatchObject({
      adheredApproved: "150000.75",
      registered: "35000.33",
      secured: "10000.11",
    });
    expect(view.comuni.map((c) => c.istat).sort()).toEqual([PAULLO, SAN_DONATO].sort());
    const y2026 = await getPlanVsActual(coordinator, SLUG, { year: 2026 });
    expect(y2026.comuni.find((c) => c.istat === PAULLO)!.streams.find((x) => x.code === CODE)).toMatchObject({
      adheredSubmitted: "20000.10",
      registered: "7000.07",
      secured: "7000.07",
    });
    expect(
      y2026.comuni.find((c) => c.istat === SAN_DONATO)!.streams.find((x) => x.code === CODE),
    ).toMatchObject({ adheredApproved: "100000.50", registered: "30000.33", secured: "10000.11" });
    const y = await getPlanVsActual(coordinator, SLUG, { year: 2027, comune: SAN_DONATO });
    expect(y.byStream.find((x) => x.code === CODE)!.total.registered).toBe("5000.00");
    expect(y.comune!.streams.find((x) => x.code === CODE)!.years).toEqual([
      {
        year: 2027,
        plan: "0.00",
        adheredApproved: "50000.25",
        adheredSubmitted: "0.00",
        registered: "5000.00",
        secured: "0.00",
      },
    ]);
  });

  it("shows an officer the totals and only their own comune", async () => {
    const view = await getPlanVsActual(paullo, SLUG, { comune: SAN_DONATO });
    expect(view.scope).toBe("own");
    expect(view.byStream.find((x) => x.code === CODE)!.total.registered).toBe("42000.40");
    expect(view.comuni.map((c) => c.istat)).toEqual([PAULLO]);
    expect(view.comune).toBeNull();
  });
});

describe("row-level security", () => {
  const officer = (comune: string) => ({ role: "OFFICER", comune });
  it("lets member officers and regional roles read, coordinators alone write", async () => {
    const count = async (actor: { role: string; comune: string | null }) =>
      Number(
        (
          await appQuery<{ n: string }>(
            actor,
            `SELECT count(*) AS n FROM "ProgrammeEnvelope" WHERE "smartLandId" = $1`,
            [smartLandId],
          )
        )[0]!.n,
      );
    expect(await count(officer(SAN_DONATO))).toBe(2);
    expect(await count({ role: "ADMIN", comune: null })).toBe(2);
    expect(await count(officer(MELEGNANO))).toBe(0);
    expect(await count({ role: "PUBLIC", comune: null })).toBe(0);
    const figures = await appQuery(officer(MELEGNANO), `SELECT * FROM programme_figures($1)`, [smartLandId]);
    expect(figures).toHaveLength(0);
    expect(
      (await appQuery(officer(PAULLO), `SELECT * FROM programme_figures($1)`, [smartLandId])).length,
    ).toBeGreaterThan(0);
    for (const actor of [officer(SAN_DONATO), { role: "ADMIN", comune: null }]) {
      await expect(
        appQuery(actor, `UPDATE "ProgrammeEnvelope" SET amount = 1 WHERE "smartLandId" = $1 RETURNING 1`, [
          smartLandId,
        ]).then((rows) => rows.length),
      ).resolves.toBe(0);
      await expect(
        appQuery(
          actor,
          `UPDATE "ProgrammePlan" SET version = version + 1 WHERE "smartLandId" = $1 RETURNING 1`,
          [smartLandId],
        ).then((rows) => rows.length),
      ).resolves.toBe(0);
      await expect(
        appQuery(
          actor,
          `INSERT INTO "ProgrammePhase" ("planId", "smartLandId", ordinal, name)
           SELECT id, "smartLandId", 9, 'X' FROM "ProgrammePlan" WHERE "smartLandId" = $1`,
          [smartLandId],
        ),
      ).rejects.toThrow(/row-level security/);
    }
  });
});

describe("API", () => {
  it("GET, PUT with 409 and 422 as problem+json, plan-vs-actual", async () => {
    session.actor = coordinator;
    const got = await call("get", `smart-lands/${SLUG}/programme`);
    expect(got.status).toBe(200);
    const version = (got.body as { data: { version: number } }).data.version;
    const headers = { "sec-fetch-site": "same-origin" };
    const stale = await call("put", `smart-lands/${SLUG}/programme`, { json: plan(version - 1), headers });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toMatch(/problem\+json/);
    const bad = await call("put", `smart-lands/${SLUG}/programme`, {
      json: { version, phases: [{ name: "" }] },
      headers,
    });
    expect(bad.status).toBe(422);
    const ok = await call("put", `smart-lands/${SLUG}/programme`, { json: plan(version), headers });
    expect(ok.status).toBe(200);
    const pva = await call("get", `smart-lands/${SLUG}/programme/plan-vs-actual?anno=2026`);
    expect(pva.status).toBe(200);
    const badYear = await call("get", `smart-lands/${SLUG}/programme/plan-vs-actual?anno=dieci`);
    expect(badYear.status).toBe(422);
    session.actor = sanDonato;
    expect(
      (await call("put", `smart-lands/${SLUG}/programme`, { json: plan(version + 1), headers })).status,
    ).toBe(404);
    expect((await call("get", `smart-lands/${SLUG}/programme`)).status).toBe(200);
    session.actor = admin;
    expect(
      (await call("put", `smart-lands/${SLUG}/programme`, { json: plan(version + 1), headers })).status,
    ).toBe(404);
    session.actor = melegnano;
    expect((await call("get", `smart-lands/${SLUG}/programme`)).status).toBe(404);
    expect((await call("get", `smart-lands/${SLUG}/programme/plan-vs-actual`)).status).toBe(404);
  });
});

describe("adherence act documents", () => {
  const PDF = Buffer.from("%PDF-1.7\n%prova\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const base = `comuni/${SAN_DONATO}/adherence/${SLUG}/documents`;

  it("are uploaded by the comune, read by the coordinator, 404 for another comune", async () => {
    session.actor = sanDonato;
    const up = await call("post", base, {
      body: PDF,
      headers: {
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent("delibera-giunta-12.pdf"),
        "sec-fetch-site": "same-origin",
      },
    });
    expect(up.status).toBe(201);
    const doc = (up.body as { data: { id: string; ownerKind: string; mediaType: string; version: number } })
      .data;
    expect(doc).toMatchObject({ ownerKind: "ADHERENCE", mediaType: "application/pdf" });
    const list = await call("get", base);
    expect((list.body as { data: unknown[] }).data).toHaveLength(1);

    session.actor = coordinator;
    const dl = await call("get", `${base}/${doc.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-disposition")).toMatch(/delibera-giunta-12\.pdf/);
    session.actor = admin;
    expect((await call("get", `${base}/${doc.id}`)).status).toBe(200);

    session.actor = paullo;
    expect((await call("get", `${base}/${doc.id}`)).status).toBe(404);
    expect((await call("get", base)).status).toBe(404);
    // Paullo's own act URL with San Donato's document id: still 404.
    expect((await call("get", `comuni/${PAULLO}/adherence/${SLUG}/documents/${doc.id}`)).status).toBe(404);
    const foreign = await call("post", base, {
      body: PDF,
      headers: {
        "content-type": "application/octet-stream",
        "x-file-name": "x.pdf",
        "sec-fetch-site": "same-origin",
      },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await call("delete", `${base}/${doc.id}`, { headers: { "sec-fetch-site": "same-origin" } })).status,
    ).toBe(404);
    session.actor = coordinator;
    expect(
      (await call("delete", `${base}/${doc.id}`, { headers: { "sec-fetch-site": "same-origin" } })).status,
    ).toBe(404);

    // Direct SQL: Paullo's officer sees no row of San Donato's act document.
    const rows = await appQuery(
      { role: "OFFICER", comune: PAULLO },
      `SELECT id FROM "Document" WHERE id = $1`,
      [doc.id],
    );
    expect(rows).toHaveLength(0);

    session.actor = sanDonato;
    expect(
      (
        await call("delete", `${base}/${doc.id}?versione=${doc.version}`, {
          headers: { "sec-fetch-site": "same-origin" },
        })
      ).status,
    ).toBe(204);
    expect((await call("get", `${base}/${doc.id}`)).status).toBe(404);
  });
});

describe("programme_figures on the roll-up's summaries", () => {
  // The function reads rollup_project_summary, rollup_funding_stream_summary and rollup_funding_summary
  // (base and delta rows), and for a Smart Land of more than half of the comuni the region's totals minus
  // the other comuni's. Whatever the path, its money equals the funding facts summed over the members —
  // read in one snapshot (REPEATABLE READ), so other tests' writes cannot fall between the two reads.
  type Money = Map<string, string>;
  async function compare(slug: string) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await client.query(`SELECT set_config('app.role', 'COORDINATOR', true)`);
      const [{ id }] = (await client.query(`SELECT id FROM "SmartLand" WHERE slug = $1`, [slug])).rows;
      const read = async (sql: string, params: unknown[]): Promise<Money> => {
        const m: Money = new Map();
        for (const r of (await client.query(sql, params)).rows)
          if (r.re !== "0" || r.se !== "0") m.set(r.k, `${r.re}/${r.se}`);
        return m;
      };
      const members = `f.comune IN (SELECT "comuneIstat" FROM "SmartLandMember" WHERE "smartLandId" = $1)`;
      const got = {
        year: await read(
          `SELECT stream || ' ' || year AS k, registered::text AS re, secured::text AS se
           FROM programme_figures($1) WHERE kind = 'year'`,
          [id],
        ),
        comune: await read(
          `SELECT comune || ' ' || stream AS k, registered::text AS re, secured::text AS se
           FROM programme_figures($1) WHERE kind = 'comune'`,
          [id],
        ),
        total: await read(
          `SELECT comune AS k, registered::text AS re, secured::text AS se
           FROM programme_figures($1, NULL, NULL, false) WHERE kind = 'comune'`,
          [id],
        ),
        year2026: await read(
          `SELECT comune || ' ' || stream AS k, registered::text AS re, secured::text AS se
           FROM programme_figures($1, NULL, 2026) WHERE kind = 'comune'`,
          [id],
        ),
      };
      const want = {
        year: await read(
          `SELECT stream || ' ' || year AS k, sum(planned)::text AS re, sum(committed)::text AS se
           FROM rollup_funding_facts f WHERE ${members} AND stream IS NOT NULL GROUP BY stream, year`,
          [id],
        ),
        comune: await read(
          `SELECT comune || ' ' || stream AS k, sum(planned)::text AS re, sum(committed)::text AS se
           FROM rollup_funding_facts f WHERE ${members} AND stream IS NOT NULL GROUP BY comune, stream`,
          [id],
        ),
        total: await read(
          `SELECT comune AS k, sum(planned)::text AS re, sum(committed)::text AS se
           FROM rollup_funding_facts f WHERE ${members} AND stream IS NOT NULL GROUP BY comune`,
          [id],
        ),
        year2026: await read(
          `SELECT comune || ' ' || stream AS k, sum(planned)::text AS re, sum(committed)::text AS se
           FROM rollup_funding_facts f WHERE ${members} AND stream IS NOT NULL AND year = 2026
           GROUP BY comune, stream`,
          [id],
        ),
      };
      await client.query("COMMIT");
      return { got, want };
    } finally {
      await client.end();
    }
  }

  it("equal the facts for a few members and for most comuni, with uncompacted deltas and after compaction", async () => {
    const MOST = "programma-quasi-tutti";
    await ownerQuery(
      `INSERT INTO "SmartLand" (slug, name, phase) VALUES ($1, 'Prova: tutti i comuni tranne Melegnano', 'Fase 1')
       ON CONFLICT (slug) DO NOTHING`,
      [MOST],
    );
    await ownerQuery(
      `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
       SELECT s.id, c.istat FROM "SmartLand" s, "Comune" c WHERE s.slug = $1 AND c.istat <> $2
       ON CONFLICT DO NOTHING`,
      [MOST, MELEGNANO],
    );
    const [{ n }] = await ownerQuery<{ n: string }>(
      `SELECT (SELECT count(*) FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"
               WHERE s.slug = $1) * 2 > (SELECT count(*) FROM "Comune") AS n`,
      [MOST],
    );
    expect(n).toBe(true); // the complement path
    // Writes leave delta rows in the summaries until compaction: a member's, and a non-member's (which the
    // complement path subtracts from the region's totals).
    for (const comune of [SAN_DONATO, MELEGNANO])
      await ownerQuery(
        `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountCommitted")
         SELECT id, "comuneIstat", 'REGION', 2026, 1234.56, 1000.01 FROM "Project"
          WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY id LIMIT 1`,
        [comune],
      );
    const [{ deltas }] = await ownerQuery<{ deltas: string }>(
      `SELECT count(*) AS deltas FROM rollup_funding_stream_summary WHERE delta`,
    );
    expect(Number(deltas)).toBeGreaterThan(0);
    for (const compacted of [false, true]) {
      if (compacted) await ownerQuery(`SELECT rollup_summary_compact()`);
      for (const slug of [SLUG, MOST]) {
        const { got, want } = await compare(slug);
        expect(want.comune.size, slug).toBeGreaterThan(0);
        expect(got, `${slug}, compacted: ${compacted}`).toEqual(want);
      }
    }
  });

  it("gives the pages a comune's total alone, the same as the sum of its streams", async () => {
    const byStream = await getPlanVsActual(coordinator, SLUG);
    const totals = await getPlanVsActual(coordinator, SLUG, { byComuneStream: false });
    expect(totals.comuni.map((c) => c.total)).toEqual(byStream.comuni.map((c) => c.total));
    expect(totals.comuni.every((c) => c.streams.length === 0)).toBe(true);
    expect(totals.byStream).toEqual(byStream.byStream);
  });
});
