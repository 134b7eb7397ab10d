import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

test.describe("regional roll-up", () => {
  test("the map has one path per comune, the metric changes the fill, focus shows the value", async ({
    page,
  }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione");
    const paths = page.locator("svg [data-istat]");
    await expect(paths).toHaveCount(1503);
    const sanDonato = page.locator('svg [data-istat="015192"]');
    const fillCost = await sanDonato.getAttribute("fill");
    await page.getByRole("link", { name: "Numero di interventi" }).click();
    await expect(page).toHaveURL(/metrica=interventi/);
    await expect(page.locator('svg [data-istat="015192"]')).toHaveCount(1);
    const titleCount = await page.locator('svg a[href="/comuni/015192"] title').textContent();
    expect(titleCount).toMatch(/^San Donato Milanese: \d+$/);
    const fillProjects = await page.locator('svg [data-istat="015192"]').getAttribute("fill");
    const paullo = await page.locator('svg [data-istat="015169"]').getAttribute("fill");
    expect(`${fillCost}|${fillProjects}|${paullo}`).not.toBe(`${fillCost}|${fillCost}|${fillCost}`);
    // A comune with no projects is drawn in the neutral colour.
    const milano = await page.locator('svg [data-istat="015146"]').getAttribute("fill");
    expect(milano).not.toBe(fillProjects);
    // Keyboard focus on a comune shows its name and value. Both are read in one retried block: until the
    // tooltip's client component has hydrated, and in case the page scrolled under the pointer (a mouseover
    // outside a comune hides the tooltip, as it should).
    const tip = page.locator('div[aria-hidden="true"]', { has: page.locator("p.font-semibold") });
    const link = page.locator('svg a[href="/comuni/015192"]');
    await expect(async () => {
      await link.blur();
      await link.focus();
      await expect(tip).toHaveText(/^San Donato Milanese\s*Numero di interventi: \d+$/, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByText("Confini © ISTAT", { exact: false }).first()).toBeVisible();
    await expectAccessible(page);
  });

  test("the map's table alternative: top 10 on the page, every comune on /regione/comuni with the same filters", async ({
    page,
  }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione?provincia=015&metrica=interventi");
    const top = page.getByRole("table", {
      name: /^I 10 comuni con il valore più alto: numero di interventi/,
    });
    const counts = (await top.locator("tbody tr td:nth-child(2)").allTextContents()).map(Number);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.length).toBeLessThanOrEqual(10);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.getByRole("link", { name: /^Tabella di tutti i comuni/ }).click();
    await expect(page).toHaveURL(/\/regione\/comuni\?provincia=015&metrica=interventi$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tutti i comuni");
    await expect(page.getByLabel("Provincia")).toHaveValue("015");
    const [{ n }] = await db<{ n: number }>(
      `SELECT count(DISTINCT comune)::int AS n FROM rollup_project_facts WHERE province = '015'`,
    );
    const rows = page.getByRole("table", { name: /^Valori per comune/ }).locator("tbody tr");
    await expect(rows).toHaveCount(Math.min(n, 100));
    await expect(rows.getByRole("link", { name: "San Donato Milanese" })).toHaveAttribute(
      "href",
      "/comuni/015192",
    );
    await expectAccessible(page);
    await page.getByRole("link", { name: "Torna al quadro regionale" }).click();
    await expect(page).toHaveURL(/\/regione\?provincia=015&metrica=interventi$/);
  });

  test("filters live in the URL and survive a reload and a shared link", async ({ page, browser }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione");
    await page.getByLabel("Stato").selectOption("EXECUTION");
    await page.getByLabel("Dall'anno").fill("2024");
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await expect(page).toHaveURL(/stato=EXECUTION/);
    await expect(page).toHaveURL(/anno_da=2024/);
    const filtered = await page.locator("p.text-2xl").first().textContent();
    const [{ n }] = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE "deletedAt" IS NULL AND status = 'EXECUTION'
         AND (("plannedEnd" IS NULL) OR EXTRACT(YEAR FROM "plannedEnd") >= 2024)`,
    );
    expect(Number(filtered)).toBe(n);
    await page.reload();
    await expect(page.getByLabel("Stato")).toHaveValue("EXECUTION");
    await expect(page.locator("p.text-2xl").first()).toHaveText(filtered ?? "");
    const url = page.url();
    const other = await browser.newContext();
    const shared = await other.newPage();
    await login(shared, ACCOUNTS.admin);
    await shared.goto(url);
    await expect(shared.getByLabel("Stato")).toHaveValue("EXECUTION");
    await expect(shared.locator("p.text-2xl").first()).toHaveText(filtered ?? "");
    await other.close();
  });

  test("drill-down region → province → comune → project, and the Smart Land page", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione");
    await page
      .getByRole("table", { name: "Per provincia" })
      .getByRole("link", { name: "Città metropolitana di Milano" })
      .click();
    await expect(page).toHaveURL(/provincia=015/);
    await page.locator('svg a[href="/comuni/015169"]').click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cruscotto del Comune di Paullo");
    await page.goto("/comuni/015169/interventi");
    await page.getByRole("table").getByRole("link").nth(4).click();
    await expect(page.getByRole("heading", { level: 2, name: "Risorse" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Modifica", exact: true })).toHaveCount(0);
    await page.goto("/regione/smart-land/sud-est-milano");
    await expect(page.getByRole("table", { name: "I comuni a confronto" }).locator("tbody tr")).toHaveCount(
      14,
    );
    await expectAccessible(page);
    await page.goto("/regione/pianificazione");
    await expect(
      page.getByRole("table", { name: "Copertura dei filoni: interventi per comune e filone" }),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test("an officer cannot open the roll-up, its API or its exports", async ({ page }) => {
    await login(page, ACCOUNTS.paullo);
    for (const path of [
      "/regione",
      "/regione/comuni",
      "/regione/pianificazione",
      "/regione/smart-land/sud-est-milano",
    ]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    const api = await page.request.get("/api/v1/rollup");
    expect(api.status()).toBe(404);
    const exp = await page.request.get("/api/v1/rollup/export?tabella=interventi&formato=csv");
    expect(exp.status()).toBe(404);
  });

  test("the roll-up API answers the same aggregates as JSON", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    const res = await page.request.get("/api/v1/rollup?provincia=015&fonte=PNRR");
    expect(res.status()).toBe(200);
    const body = await res.json();
    // Against the fact view the page reads (other tests write meanwhile; the view refreshes after a delay).
    const [sql] = await db<{ planned: string }>(
      `SELECT (COALESCE(sum(planned), 0) * 0.01)::text AS planned FROM rollup_funding_facts WHERE province = '015' AND source = 'PNRR'`,
    );
    expect(Number(body.data.totals.planned)).toBeCloseTo(Number(sql.planned), 2);
    expect(body.data.bySource).toEqual([
      expect.objectContaining({ key: "PNRR", planned: body.data.totals.planned }),
    ]);
    expect(body.data.filters).toEqual({ province: "015", source: "PNRR" });
  });
});
