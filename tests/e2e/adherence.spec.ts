import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

// Issue #18 item 1: a comune's local plan goes through the whole review, in the browser, for both roles.
// A stream of this run's own, so the spec passes on a database other runs and specs have used.
const RUN = Date.now().toString(36).toUpperCase().slice(-6);
const CODE = `AD-${RUN}`;
const SAN_DONATO = "015192";
const SLUG = "sud-est-milano";
const PLAN = `/comuni/${SAN_DONATO}/adesione/${SLUG}/${CODE}`;
const MATRIX = `/regione/adesioni/${SLUG}`;
const COMMENT = "Manca la dotazione per il 2027.";

async function signedIn(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, account);
  return { context, page };
}

/** Axe (no serious/critical) at 1366 and 390 px, and at 390 no horizontal overflow. */
async function checkWidths(page: Page) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await expectAccessible(page);
    if (width === 390) {
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, page.url()).toBeLessThanOrEqual(innerWidth);
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test.beforeAll(async () => {
  await db(
    `INSERT INTO "Stream" (code, name, theme, "values") VALUES ($1, 'Filone di prova e2e', 'ENERGY', ARRAY['INNOVATION']::"ProgrammeValue"[]) ON CONFLICT DO NOTHING`,
    [CODE],
  );
});

test("an officer submits a plan, the coordinator returns it, the officer fixes and resubmits, the coordinator approves", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const officer = await signedIn(browser, ACCOUNTS.sanDonato);
  const o = officer.page;
  await expect(o.locator(`nav a[href="/comuni/${SAN_DONATO}/adesione"]`).first()).toHaveText(
    "Adesione e piani",
  );
  await o.goto(`/comuni/${SAN_DONATO}/adesione`);
  await expect(o.getByRole("heading", { level: 1 })).toHaveText("Adesione alle Smart Land");
  await checkWidths(o);
  await o.getByRole("link", { name: `${CODE} · Filone di prova e2e` }).click();
  await expect(o).toHaveURL(new RegExp(`${PLAN}$`));
  await o.waitForLoadState("networkidle");
  await o.getByLabel("Obiettivi").fill("Sostituire i corpi illuminanti delle frazioni.");
  await o.getByLabel("Anno (riga 1)", { exact: true }).fill("2026");
  await o.getByLabel("Importo in euro (riga 1)", { exact: true }).fill("12.345,67");
  await o.getByLabel("Indicatore 1", { exact: true }).fill("Punti luce a LED");
  await o.getByLabel("Unità di misura (indicatore 1)").fill("n.");
  await o.getByLabel("Obiettivo (1)", { exact: true }).fill("300");
  await o.getByLabel("Anno dell'obiettivo (1)").fill("2027");
  await o.getByLabel("Email dell'ufficio").fill("lavori.pubblici@comune.example");
  await o.getByRole("button", { name: "Salva la bozza" }).click();
  await expect(o.getByRole("status")).toHaveText("Bozza salvata.");
  await checkWidths(o);
  await o.waitForLoadState("networkidle");
  await o.getByRole("button", { name: "Invia il piano" }).click();
  await confirmDialog(o);
  await expect(o.getByRole("status")).toHaveText("Piano inviato al coordinatore.");

  // The coordinator finds it in the queue and returns it with a comment.
  const coordinator = await signedIn(browser, ACCOUNTS.coordinator);
  const c = coordinator.page;
  await c.goto(MATRIX);
  await c.getByRole("link", { name: `Esamina il piano di San Donato Milanese, ${CODE}` }).click();
  await expect(c).toHaveURL(new RegExp(`${PLAN}$`));
  await expect(c.getByRole("button", { name: "Salva la bozza" })).toHaveCount(0); // the content is not theirs
  await checkWidths(c);
  await c.waitForLoadState("networkidle");
  await c.getByRole("button", { name: "Restituisci il piano" }).click();
  await expect(c.getByText(/Scrivi il motivo della restituzione/).first()).toBeVisible();
  await c.getByLabel("Osservazioni per il comune").fill(COMMENT);
  await c.getByRole("button", { name: "Restituisci il piano" }).click();
  await expect(c.getByRole("status")).toHaveText("Piano restituito al comune con le osservazioni.");

  // The officer sees the comment, fixes the plan (a new version) and submits it again.
  await o.goto(PLAN);
  await expect(o.getByRole("note")).toContainText(COMMENT);
  await o.waitForLoadState("networkidle");
  await o.getByLabel("Anno (riga 2)", { exact: true }).fill("2027");
  await o.getByLabel("Importo in euro (riga 2)", { exact: true }).fill("20.000");
  await o.getByRole("button", { name: "Salva la bozza" }).click();
  await expect(o.getByRole("status")).toHaveText("Bozza salvata.");
  await expect(o.getByText("versione 2")).toBeVisible();
  await o.waitForLoadState("networkidle");
  await o.getByRole("button", { name: "Invia il piano" }).click();
  await confirmDialog(o);
  await expect(o.getByRole("status")).toHaveText("Piano inviato al coordinatore.");

  // The coordinator approves; the history and the matrix show it.
  await c.goto(PLAN);
  await c.waitForLoadState("networkidle");
  await c.getByRole("button", { name: "Approva il piano" }).click();
  await confirmDialog(c);
  await expect(c.getByRole("status")).toHaveText("Piano approvato.");
  const history = c.getByRole("region", { name: "Storia del piano" });
  await expect(history.getByRole("listitem")).toHaveCount(4);
  await expect(history).toContainText(COMMENT);
  await c.goto(`${MATRIX}?anno=2027`);
  const cell = c
    .getByRole("cell")
    .filter({ has: c.getByRole("link", { name: `Approvato — San Donato Milanese, ${CODE}` }) });
  await expect(cell).toContainText("20.000,00");
  await checkWidths(c);
  await officer.context.close();
  await coordinator.context.close();
});

test("another comune's officer gets 404 on San Donato's adherence and plan; an administrator reads and cannot decide", async ({
  browser,
}) => {
  const paullo = await signedIn(browser, ACCOUNTS.paullo);
  for (const path of [
    `/comuni/${SAN_DONATO}/adesione`,
    PLAN,
    `/comuni/${SAN_DONATO}/adesione/${SLUG}/atto`,
    MATRIX,
  ]) {
    const r = await paullo.page.goto(path);
    expect(r?.status(), path).toBe(404);
  }
  await paullo.context.close();
  const admin = await signedIn(browser, ACCOUNTS.admin);
  await admin.page.goto(MATRIX);
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("Adesioni · Sud Est Milano");
  await checkWidths(admin.page);
  const [submitted] = await db<{ istat: string; code: string }>(
    `SELECT p."comuneIstat" AS istat, s.code FROM "LocalPlan" p JOIN "Stream" s ON s.id = p."streamId"
     WHERE p.status = 'SUBMITTED' ORDER BY p."comuneIstat", s.code LIMIT 1`,
  );
  if (submitted) {
    await admin.page.goto(`/comuni/${submitted.istat}/adesione/${SLUG}/${submitted.code}`);
    await expect(admin.page.getByRole("heading", { level: 1 })).toContainText("Piano locale");
    await expect(admin.page.getByRole("button", { name: "Approva il piano" })).toHaveCount(0);
    await expect(admin.page.getByRole("button", { name: "Salva la bozza" })).toHaveCount(0);
  }
  await admin.context.close();
});
