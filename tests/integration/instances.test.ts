import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT, REQUIRE_BUILD, Jar, login, startServer, type Served } from "./logs-serve";
import { COORDINATOR, OFFICER_MELEGNANO, OFFICER_SAN_DONATO, SAN_DONATO, ownerQuery } from "./helpers";

// Two instances of the production launcher (scripts/serve.mjs, one worker each, two ports) on ONE
// database, as behind a load balancer: a session made on one works on the other, login throttling
// counts the failures of both, and a write through one is seen through the other at the next request,
// including the figures each instance caches in its own memory (comune dashboard, comune reference data,
// regional roll-up): those caches are keyed by database state, never invalidated in process memory only.

const PASSWORDS = {
  sanDonato: "SanDonato-Demo-2026!",
  melegnano: "Melegnano-Demo-2026!",
  coordinator: "Coord-Demo-2026!",
}; // prisma/seed/users.ts

let requests = 0;
const realFetch = globalThis.fetch;

async function html(url: string, jar: Jar): Promise<string> {
  const res = await fetch(url, { headers: { cookie: jar.header() }, redirect: "manual" });
  expect(res.status, url).toBe(200);
  return res.text();
}

/** The "Interventi" figure of the comune dashboard (components/ui/kpi-card.tsx). */
function projectKpi(page: string): number {
  const m = /Interventi<\/p><p[^>]*>(\d+)<\/p>/.exec(page);
  expect(m, "the Interventi KPI on the dashboard").toBeTruthy();
  return Number(m![1]);
}

async function rollup(base: string, jar: Jar) {
  const res = await fetch(`${base}/api/v1/rollup`, { headers: { cookie: jar.header() } });
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as { data: { refreshedAt: string; totals: { projects: number } } };
  return data;
}

describe.skipIf(!BUILT && !REQUIRE_BUILD)("two app instances on one database", () => {
  let a: Served;
  let b: Served;
  const t0 = performance.now();

  beforeAll(async () => {
    globalThis.fetch = (...args: Parameters<typeof fetch>) => {
      requests += 1;
      return realFetch(...args);
    };
    [a, b] = await Promise.all([startServer(), startServer()]);
  }, 120_000);

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await Promise.all([a?.stop(), b?.stop()]);
    console.log(
      `[instances] A ready in ${a?.startupMs} ms, B in ${b?.startupMs} ms (started together); ` +
        `${requests} HTTP requests; ${Math.round(performance.now() - t0)} ms in all`,
    );
  });

  it("a session made on A works on B (and on A); none on B without it", async () => {
    const officer = await login(a.url, OFFICER_SAN_DONATO, PASSWORDS.sanDonato);
    expect(officer.ok).toBe(true);
    for (const base of [b.url, a.url]) {
      const res = await fetch(`${base}/api/v1/projects?pageSize=1`, {
        headers: { cookie: officer.jar.header() },
      });
      expect(res.status, base).toBe(200);
      await res.arrayBuffer();
      expect(projectKpi(await html(`${base}/comuni/${SAN_DONATO}`, officer.jar))).toBeGreaterThan(0);
    }
    const anonymous = await fetch(`${b.url}/api/v1/projects`);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
  });

  it("login throttling counts the failures on A and on B: locked on both", async () => {
    const attempt = (base: string, password: string) => login(base, OFFICER_MELEGNANO, password);
    for (const base of [a.url, a.url, a.url, b.url, b.url]) {
      const r = await attempt(base, "Sbagliata-2026!");
      expect(r.ok).toBe(false);
      expect(r.location).toContain("error=CredentialsSignin");
    }
    // Five failures in all from this address (limit: 5 per account and address, lib/auth/throttle.ts): the
    // right password is refused on both.
    for (const base of [a.url, b.url]) {
      const r = await attempt(base, PASSWORDS.melegnano);
      expect(r.ok, base).toBe(false);
      expect(r.location, base).toContain("error=RATE_LIMITED");
    }
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT sum(a.count)::int AS n FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorId"
       WHERE a.action = 'LOGIN_FAILED' AND u.email = $1`,
      [OFFICER_MELEGNANO],
    );
    expect(n).toBe(5);
  });

  it("a write through A shows at once on B's cached dashboard and comune data, and within a second in its roll-up", async () => {
    const officer = await login(a.url, OFFICER_SAN_DONATO, PASSWORDS.sanDonato);
    const coordinator = await login(b.url, COORDINATOR, PASSWORDS.coordinator);
    expect(officer.ok && coordinator.ok).toBe(true);

    // Both instances cache the dashboard, the comune's reference data and the roll-up (two reads each).
    const dashboard = `/comuni/${SAN_DONATO}`;
    const before = { a: 0, b: 0 };
    for (let i = 0; i < 2; i++) {
      before.a = projectKpi(await html(a.url + dashboard, officer.jar));
      before.b = projectKpi(await html(b.url + dashboard, officer.jar));
    }
    expect(before.b).toBe(before.a);
    const rollupBefore = await rollup(b.url, coordinator.jar);
    expect((await rollup(b.url, coordinator.jar)).refreshedAt).toBe(rollupBefore.refreshedAt);

    // The write, through A.
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const writtenAt = performance.now();
    const created = await fetch(`${a.url}/api/v1/projects`, {
      method: "POST",
      headers: { cookie: officer.jar.header(), "content-type": "application/json" },
      body: JSON.stringify({
        streamId: stream.id,
        title: `Intervento di due istanze ${Date.now()}`,
        totalCost: "1.000,00",
      }),
    });
    expect(created.status).toBe(201);
    await created.arrayBuffer();

    // The dashboard: the very next request on B (and on A) counts it.
    expect(projectKpi(await html(b.url + dashboard, officer.jar))).toBe(before.b + 1);
    expect(projectKpi(await html(a.url + dashboard, officer.jar))).toBe(before.a + 1);

    // The comune's reference data (its Smart Land's name), changed in the database: both see it at once.
    const [sl] = await ownerQuery<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM "SmartLand" s JOIN "SmartLandMember" m ON m."smartLandId" = s.id
       WHERE m."comuneIstat" = $1 LIMIT 1`,
      [SAN_DONATO],
    );
    expect(await html(b.url + dashboard, officer.jar)).toContain(sl.name);
    const renamed = `${sl.name} (rinominata ${Date.now()})`;
    await ownerQuery(`UPDATE "SmartLand" SET name = $2, version = version + 1 WHERE id = $1`, [
      sl.id,
      renamed,
    ]);
    expect(await html(b.url + dashboard, officer.jar)).toContain(renamed);
    expect(await html(a.url + dashboard, officer.jar)).toContain(renamed);

    // The roll-up: A's write kept the facts in its own transaction; B caches a roll-up for at most a
    // second, so B serves the new totals within a second of the commit, with nothing done in B.
    let after = await rollup(b.url, coordinator.jar);
    while (after.totals.projects === rollupBefore.totals.projects && performance.now() - writtenAt < 15_000) {
      await new Promise((r) => setTimeout(r, 100));
      after = await rollup(b.url, coordinator.jar);
    }
    expect(after.refreshedAt).not.toBe(rollupBefore.refreshedAt);
    expect(after.totals.projects).toBe(rollupBefore.totals.projects + 1);
    console.log(
      `[instances] roll-up on B caught up ${Math.round(performance.now() - writtenAt)} ms after the write on A ` +
        `(cache ≤ 1 s)`,
    );
  });
});
