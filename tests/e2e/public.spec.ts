import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login, projectOf } from "./helpers";

const SLUG = "sud-est-milano";

async function personalStrings() {
  const users = await db<{ email: string; name: string }>(`SELECT email, name FROM "User"`);
  const owners = await db<{ owner: string }>(`SELECT DISTINCT owner FROM "Action" WHERE owner <> ''`);
  return [...users.flatMap((u) => [u.email, u.name]), ...owners.map((o) => o.owner)];
}

test.describe("public Smart Land page and open data (no login)", () => {
  test("the Smart Land page shows its comuni, map, figures and projects, and nothing personal", async ({
    page,
  }) => {
    const res = await page.goto(`/smart-land/${SLUG}`);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`/smart-land/${SLUG}$`)); // not sent to the login page
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Smart Land Sud Est Milano");
    const comuni = page.getByRole("table", { name: "I comuni a confronto" });
    await expect(comuni.locator("tbody tr")).toHaveCount(14);
    await expect(page.locator(".choropleth-map [data-istat]")).toHaveCount(14);
    await expect(page.locator(".choropleth-map figcaption")).toContainText("Confini © ISTAT");
    await expect(page.getByRole("table", { name: "Interventi per filone" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Interventi per stato procedurale" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Pagina successiva" })).toBeVisible();

    const html = await page.content();
    for (const secret of await personalStrings())
      expect(html, `page shows "${secret}"`).not.toContain(secret);
    expect(html).not.toMatch(/[\w.+-]+@smartland\.example|@anci\.example/);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Pagina successiva" }).click();
    await expect(page).toHaveURL(/pagina=2/);
    await expect(page.getByText(/Pagina 2 di \d+/)).toBeVisible();
  });

  test("a deleted project is not on the public page", async ({ page }) => {
    const [deleted] = await db<{ id: string }>(
      `UPDATE "Project" SET "deletedAt" = now() WHERE id = (
         SELECT id FROM "Project" WHERE "comuneIstat" = '015169' AND "deletedAt" IS NULL ORDER BY title DESC LIMIT 1)
       RETURNING id`,
    );
    try {
      const csv = await (await page.request.get(`/dati-aperti/smart-land/${SLUG}/interventi.csv`)).text();
      expect(csv).toContain("COD_PROGETTO_PORTALE");
      expect(csv).not.toContain(deleted.id);
    } finally {
      await db(`UPDATE "Project" SET "deletedAt" = NULL WHERE id = $1`, [deleted.id]);
    }
  });

  test("an unknown Smart Land is a 404 page", async ({ page }) => {
    const res = await page.goto("/smart-land/non-esiste");
    expect(res?.status()).toBe(404);
  });

  test("the open-data index and files: stable URLs, licence, CSV and JSON", async ({ page, request }) => {
    await page.goto("/dati-aperti");
    await expect(page.getByRole("heading", { name: "Dati aperti", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "CC BY 4.0" })).toBeVisible();
    await expectAccessible(page);

    const csv = await request.get("/dati-aperti/interventi.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["link"]).toContain('rel="license"');
    const text = (await csv.body()).toString("utf8");
    // The licence line is one CSV field, quoted (it holds ";").
    expect(text.startsWith('\uFEFF"# ')).toBe(true);
    expect(text.split("\r\n")[1]).toMatch(/^CUP;/);

    const json = await request.get(`/dati-aperti/smart-land/${SLUG}/interventi.json`);
    expect(json.status()).toBe(200);
    const body = await json.json();
    expect(body.licenza.nome).toBe("CC BY 4.0");
    expect(body.interventi.length).toBe(body.totale);
    const all = JSON.stringify(body) + text;
    for (const secret of await personalStrings()) expect(all).not.toContain(secret);

    expect((await request.get("/dati-aperti/interventi.xml")).status()).toBe(404);
    expect((await request.get("/dati-aperti/smart-land/non-esiste/interventi.csv")).status()).toBe(404);
  });
});

test.describe("personal API tokens", () => {
  test("a token acts as its officer, sees only its comune, and is refused at once when revoked", async ({
    page,
    baseURL,
  }) => {
    await login(page, ACCOUNTS.sanDonato);
    const created = await page.request.post("/api/v1/tokens", { data: { name: "Test e2e" } });
    expect(created.status()).toBe(201);
    const { id, token } = await created.json();
    expect(token).toMatch(/^slt_/);
    const listed = await (await page.request.get("/api/v1/tokens")).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const api = await playwrightRequest.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    try {
      const own = await api.get("/api/v1/projects");
      expect(own.status()).toBe(200);
      const ownBody = await own.json();
      expect(ownBody.data.length).toBeGreaterThan(0);
      const ids = ownBody.data.map((p: { id: string }) => p.id);
      const [{ outside }] = await db<{ outside: number }>(
        `SELECT count(*)::int AS outside FROM "Project" p WHERE p.id = ANY($1::uuid[]) AND p."comuneIstat" <> '015192'
           AND NOT EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = '015192')`,
        [ids],
      );
      expect(outside).toBe(0);

      const foreign = await projectOf("015169", "015192");
      expect((await api.get(`/api/v1/projects/${foreign.id}`)).status()).toBe(404);
      const write = await api.patch(`/api/v1/projects/${foreign.id}`, {
        data: { title: "Preso", version: 1 },
      });
      expect(write.status()).toBe(404);
      const [still] = await db<{ title: string }>(`SELECT title FROM "Project" WHERE id = $1`, [foreign.id]);
      expect(still.title).toBe(foreign.title);

      // A token cannot mint tokens.
      expect((await api.post("/api/v1/tokens", { data: { name: "Altro" } })).status()).toBe(401);

      expect((await page.request.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
      expect((await api.get("/api/v1/projects")).status()).toBe(401);
    } finally {
      await api.dispose();
    }
  });

  test("a bad token is 401 even with a valid session cookie; no credentials at all is 401", async ({
    page,
    baseURL,
  }) => {
    await login(page, ACCOUNTS.sanDonato);
    const res = await page.request.get("/api/v1/projects", { headers: { authorization: "Bearer slt_bad" } });
    expect(res.status()).toBe(401);
    const anonymous = await playwrightRequest.newContext({ baseURL });
    try {
      expect((await anonymous.get("/api/v1/tokens")).status()).toBe(401);
      expect((await anonymous.post("/api/v1/tokens", { data: { name: "x" } })).status()).toBe(401);
    } finally {
      await anonymous.dispose();
    }
  });
});

test("GET /api/health answers without a login, for load balancers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });
});

test("an officer creates a token on the profile page, sees it once, uses it and revokes it", async ({
  page,
  baseURL,
}) => {
  await login(page, ACCOUNTS.paullo);
  await page.goto("/profilo");
  // A name of this attempt's own: a retried creation (or a run beside another) makes no twin rows.
  let name = "";
  await expect(async () => {
    name = `Gestionale e2e ${Date.now()}`;
    await page.getByLabel("Nome del token").fill(name);
    await page.getByRole("button", { name: "Crea token" }).click();
    await expect(page.getByLabel("Il tuo nuovo token")).toHaveValue(/^slt_/, { timeout: 3_000 });
  }).toPass();
  const token = await page.getByLabel("Il tuo nuovo token").inputValue();
  await expectAccessible(page);
  const api = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  try {
    expect((await api.get("/api/v1/projects")).status()).toBe(200);
    await page.reload();
    await expect(page.getByText(token)).toHaveCount(0); // never shown again
    const row = page.getByRole("row", { name: new RegExp(name) });
    // "Ultimo uso" (the fifth column) shows a date: the use above was recorded.
    await expect(row.locator("td, th").nth(4)).toHaveText(/\d{2}\/\d{2}\/\d{4}/);
    await row.getByRole("button", { name: "Revoca" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revocato");
    expect((await api.get("/api/v1/projects")).status()).toBe(401);
  } finally {
    await api.dispose();
  }
});
