import fc from "fast-check";
import { expect, test, type APIResponse } from "@playwright/test";
import {
  fundingLineShape,
  malformedRecord,
  notJson,
  projectShape,
  validRecord,
  withVersion,
} from "../integration/fuzz-inputs";
import { ACCOUNTS, db, expectAccessible, login, projectOf } from "./helpers";

// Bad input against the real production server (scripts/serve.mjs), with a real session cookie: generated
// malformed requests always answer 4xx problem+json and write nothing; stored HTML-like text is rendered
// as text (checked on the HTML the server sends, and in the browser). The bulk of the fuzzing runs in
// tests/integration/fuzz.test.ts; this is the same generators over real HTTP.

const SAN_DONATO = "015192";
const PAULLO = "015169";
const RUNS = Math.round(80 * Number(process.env.FUZZ_SCALE ?? 1));

/** A project and its children as stored (other spec files write elsewhere at the same time). */
async function snapshot(id: string) {
  return db(
    `SELECT 'P' AS t, row_to_json(p)::text AS row FROM "Project" p WHERE id = $1
     UNION ALL SELECT 'F', row_to_json(f)::text FROM "FundingLine" f WHERE "projectId" = $1
     UNION ALL SELECT 'A', row_to_json(a)::text FROM "Action" a WHERE "projectId" = $1
     UNION ALL SELECT 'I', row_to_json(i)::text FROM "Indicator" i WHERE "projectId" = $1
     ORDER BY 1, 2`,
    [id],
  );
}

async function activeStream() {
  const [row] = await db<{ id: string }>(`SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`);
  return row.id;
}

async function expectClientError(res: APIResponse, label: string) {
  const status = res.status();
  const text = (await res.text()).slice(0, 300);
  expect(status, `${label} → ${status} ${text}`).toBeGreaterThanOrEqual(400);
  expect(status, `${label} → ${status} ${text}`).toBeLessThan(500);
  expect(res.headers()["content-type"], label).toContain("application/problem+json");
}

test("generated malformed requests to the real API: always 4xx problem+json, nothing written", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, ACCOUNTS.sanDonato);
  const api = page.request;
  const foreign = await projectOf(PAULLO);
  const streamId = await activeStream();
  // A project of this test's own, so that nothing else writes to it meanwhile.
  const created = await api.post("/api/v1/projects", {
    data: { streamId, title: `API e2e bersaglio fuzz ${Date.now().toString(36)}`, totalCost: "1000" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const own = { id: (await created.json()).data.id as string };
  const before = [await snapshot(own.id), await snapshot(foreign.id)];
  const titles = new Set<string>();
  const remember = (payload: unknown) => {
    try {
      const title = (JSON.parse(String(payload)) as { title?: unknown })?.title;
      // Text PostgreSQL cannot store (NUL, lone surrogates) cannot have been saved, nor be looked up.
      if (typeof title === "string" && !/[\u0000\uD800-\uDFFF]/.test(title)) titles.add(title.trim());
    } catch {
      /* not JSON: nothing could be created from it */
    }
  };
  let sent = 0;
  // A create takes no `version` (an extra key is ignored), so only updates get malformed versions.
  const body = (shape: Parameters<typeof malformedRecord>[0]) =>
    fc.oneof(
      { weight: 4, arbitrary: malformedRecord(shape).map((m) => JSON.stringify(m.input)) },
      { weight: 1, arbitrary: notJson.map((b) => (typeof b === "string" ? b : Buffer.from(b))) },
    );
  const request = fc.oneof(
    fc.tuple(body(projectShape(streamId)), fc.constant("POST /api/v1/projects")),
    fc.tuple(
      body(withVersion(projectShape(streamId))),
      fc.constantFrom(`PATCH ${own.id}`, `PATCH ${foreign.id}`, "PATCH not-a-uuid"),
    ),
  );
  await fc.assert(
    fc.asyncProperty(request, async ([payload, target]) => {
      sent++;
      remember(payload);
      const headers = { "content-type": "application/json" };
      const res = target.startsWith("POST")
        ? await api.post("/api/v1/projects", { data: payload, headers })
        : await api.patch(`/api/v1/projects/${target.split(" ")[1]}`, { data: payload, headers });
      await expectClientError(res, `${target} ${String(payload).slice(0, 120)}`);
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(
      malformedRecord(fundingLineShape),
      fc.constantFrom(own.id, foreign.id),
      async ({ input }, id) => {
        sent++;
        const res = await api.post(`/api/v1/projects/${id}/funding-lines`, { data: input });
        await expectClientError(res, `POST funding line on ${id} ${JSON.stringify(input).slice(0, 120)}`);
      },
    ),
    { numRuns: Math.round(RUNS / 2) },
  );
  // Valid bodies at another comune's project: 404, never a write.
  await fc.assert(
    fc.asyncProperty(validRecord(withVersion(projectShape(streamId))), async (input) => {
      sent++;
      await expectClientError(
        await api.patch(`/api/v1/projects/${foreign.id}`, { data: input }),
        "foreign PATCH",
      );
    }),
    { numRuns: Math.round(RUNS / 4) },
  );
  console.log(`[fuzz e2e] ${sent} generated requests`);
  expect([await snapshot(own.id), await snapshot(foreign.id)]).toEqual(before);
  const [made] = await db<{ n: number }>(`SELECT count(*)::int AS n FROM "Project" WHERE title = ANY($1)`, [
    [...titles],
  ]);
  expect(made.n).toBe(0);
});

test("a title or summary with HTML is shown as text on the project page and in the list", async ({
  page,
}) => {
  await login(page, ACCOUNTS.sanDonato);
  const api = page.request;
  const streamId = await activeStream();
  const tag = Date.now().toString(36);
  // "API e2e …": api.spec counts the comune's other projects while this file runs in parallel.
  const titles = [
    `API e2e <img src=x onerror=alert(1)> ${tag}`,
    `API e2e <script>alert("xss")</script> ${tag}`,
  ];
  const ids: string[] = [];
  for (const title of titles) {
    const res = await api.post("/api/v1/projects", {
      data: { streamId, title, summary: `<b onmouseover=alert(2)>grassetto</b> ${tag}`, totalCost: "1000" },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).data.id);
  }

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const [i, id] of ids.entries()) {
    // The HTML as the server sends it: the markup is escaped wherever the text appears, never live.
    const html = await (await api.get(`/comuni/${SAN_DONATO}/interventi/${id}`)).text();
    expect(html).not.toContain("<img src=x onerror");
    expect(html).not.toContain('<script>alert("xss")');
    expect(html).not.toContain("<b onmouseover");
    expect(html).toContain(i === 0 ? "&lt;img src=x onerror=alert(1)&gt;" : "&lt;script&gt;alert(");

    await page.goto(`/comuni/${SAN_DONATO}/interventi/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles[i]);
    await expect(page.getByText(`<b onmouseover=alert(2)>grassetto</b> ${tag}`)).toBeVisible();
    expect(await page.locator('img[src="x"], main script, b[onmouseover]').count()).toBe(0);
  }
  const list = await (await api.get(`/comuni/${SAN_DONATO}/interventi?q=${tag}`)).text();
  expect(list).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(list).not.toContain("<img src=x onerror");
  expect(list).not.toContain('<script>alert("xss")');

  await page.goto(`/comuni/${SAN_DONATO}/interventi?q=${tag}`);
  for (const title of titles) await expect(page.getByRole("link", { name: title })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await expectAccessible(page);
  expect(dialogs).toEqual([]);
});
