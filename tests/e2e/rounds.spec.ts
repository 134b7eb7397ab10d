import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, expectAccessible, login } from "./helpers";

// Issue #18 item 3: a monitoring round end to end, in the browser, for both roles. The round's title is
// this run's own, so the spec passes on a database other runs and specs have used.
const RUN = Date.now().toString(36).toUpperCase().slice(-6);
const TITLE = `Rilevazione e2e ${RUN}`;
const SAN_DONATO = "015192";
const NOTE = "Aggiornate il valore degli indicatori.";
const PROJECT_NOTE = "Manca il valore rilevato del 2026.";

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

let roundId = "";

test("the coordinator opens a round, the officer submits, the coordinator returns, the officer resubmits, the coordinator validates", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const coordinator = await signedIn(browser, ACCOUNTS.coordinator);
  const c = coordinator.page;
  await expect(c.locator('nav a[href="/regione/monitoraggio"]').first()).toHaveText("Monitoraggio");
  await c.goto("/regione/monitoraggio");
  await expect(c.getByRole("heading", { level: 1 })).toHaveText("Monitoraggio");
  await checkWidths(c);
  await c.waitForLoadState("networkidle");
  // A refused form keeps the Italian message next to the field.
  await c.getByRole("button", { name: "Apri la rilevazione" }).click();
  await expect(
    c.getByText("Inserisci almeno 3 caratteri.").or(c.getByText("Campo obbligatorio.")).first(),
  ).toBeVisible();
  await c.getByLabel("Titolo").fill(TITLE);
  await c.getByLabel("Comuni coinvolti").selectOption({ label: "Smart Land Sud Est Milano" });
  await c.getByLabel("Inizio del periodo di riferimento").fill("01/07/2026");
  await c.getByLabel("Fine del periodo di riferimento").fill("31/12/2026");
  await c.getByLabel("Scadenza").fill("31/01/2027");
  for (const label of [
    "Stato procedurale",
    "Avanzamento",
    "Date effettive",
    "Impegni e pagamenti",
    "Stato delle azioni",
  ])
    await c.getByLabel(label, { exact: true }).uncheck();
  await c.getByRole("button", { name: "Apri la rilevazione" }).click();
  await expect(c).toHaveURL(/\/regione\/monitoraggio\/[0-9a-f-]{36}\?esito=aperta/);
  roundId = new URL(c.url()).pathname.split("/").pop()!;
  await expect(c.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(c.getByRole("link", { name: /San Donato Milanese/ })).toBeVisible();
  await checkWidths(c);

  // The officer finds the round, reads the checklist and submits (an accessible confirmation first).
  const officer = await signedIn(browser, ACCOUNTS.sanDonato);
  const o = officer.page;
  await expect(o.locator(`nav a[href="/comuni/${SAN_DONATO}/monitoraggio"]`).first()).toHaveText(
    "Monitoraggio",
  );
  await o.goto(`/comuni/${SAN_DONATO}/monitoraggio`);
  await expect(o.getByRole("heading", { level: 1 })).toHaveText("Monitoraggio");
  await checkWidths(o);
  await o.getByRole("link", { name: TITLE }).click();
  await expect(o.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(o.getByRole("heading", { name: /Lista di controllo/ })).toBeVisible();
  await checkWidths(o);
  await o.waitForLoadState("networkidle");
  await o.getByRole("button", { name: "Invia", exact: true }).click();
  await confirmDialog(o);
  await expect(o.getByRole("status")).toHaveText("Dati trasmessi al coordinatore.");
  await expect(o.getByText("Trasmessa", { exact: true })).toBeVisible();

  // The coordinator reviews the frozen figures and returns them with a note, and one on a project.
  const review = `/regione/monitoraggio/${roundId}/comuni/${SAN_DONATO}`;
  await c.goto(`/regione/monitoraggio/${roundId}?stato=SUBMITTED`);
  await c.getByRole("link", { name: /San Donato Milanese/ }).click();
  await expect(c).toHaveURL(new RegExp(`${review}$`));
  await expect(c.getByRole("table", { name: /Dati congelati alla trasmissione n. 1/ })).toBeVisible();
  await checkWidths(c);
  await c.waitForLoadState("networkidle");
  await c.getByLabel("Osservazioni per il comune").fill(NOTE);
  await c.getByText("Osservazioni sui singoli interventi (facoltative)").click();
  const firstNote = c.getByLabel(/^Osservazioni su «/).first();
  const projectLabel = (await firstNote.getAttribute("id"))!;
  await firstNote.fill(PROJECT_NOTE);
  await c.getByRole("button", { name: "Restituisci con osservazioni" }).click();
  await expect(c.getByRole("status")).toHaveText("Trasmissione restituita al comune con osservazioni.");

  // The officer sees the notes (the general one and the one beside the project) and submits again.
  const checklist = o.url().split("?")[0];
  await o.goto(checklist);
  await expect(o.getByRole("note")).toContainText(NOTE);
  const projectId = projectLabel.replace("f-nota.", "");
  await expect(o.locator(`[data-project="${projectId}"]`)).toContainText(PROJECT_NOTE);
  await checkWidths(o);
  await o.waitForLoadState("networkidle");
  await o.getByRole("button", { name: "Invia", exact: true }).click();
  await confirmDialog(o);
  await expect(o).toHaveURL(/\?esito=inviato$/);
  await expect(o.getByRole("status")).toHaveText("Dati trasmessi al coordinatore.");

  // The coordinator validates; the history keeps every step.
  await c.goto(review);
  await c.waitForLoadState("networkidle");
  await c.getByRole("button", { name: "Valida la trasmissione" }).click();
  await confirmDialog(c);
  await expect(c.getByRole("status")).toHaveText("Trasmissione validata.");
  const history = c.getByRole("region", { name: "Storia della trasmissione" });
  await expect(history.getByRole("listitem")).toHaveCount(4);
  await expect(history).toContainText(NOTE);
  await c.goto(`/regione/monitoraggio/${roundId}?stato=VALIDATED`);
  await expect(c.getByRole("cell", { name: "Validata" })).toBeVisible();
  // The validated figures beside the live ones, and the OpenCoesione export of the validated snapshots.
  const compared = c.getByRole("region", { name: "Dati validati e dati attuali" });
  await expect(compared.getByRole("table", { name: "Per comune" })).toContainText("San Donato Milanese");
  await checkWidths(c);
  const download = c.waitForEvent("download");
  await c.getByRole("link", { name: "Invii validati (CSV)" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^\uFEFFCOD_LOCALE_PROGETTO;CUP;OC_TITOLO_PROGETTO;/);
  expect(csv).toContain(`;${SAN_DONATO};San Donato Milanese;`);
  await officer.context.close();
  await coordinator.context.close();
});

test("another comune's officer gets the 404 page; an administrator reads and cannot decide", async ({
  browser,
}) => {
  // Runs after the first test in the same worker (files run in order): without its round, fail, never skip.
  expect(roundId, "the round opened by the first test").toBeTruthy();
  const paullo = await signedIn(browser, ACCOUNTS.paullo);
  for (const path of [
    `/comuni/${SAN_DONATO}/monitoraggio`,
    `/comuni/${SAN_DONATO}/monitoraggio/${roundId}`,
    `/regione/monitoraggio/${roundId}`,
    `/regione/monitoraggio/${roundId}/comuni/${SAN_DONATO}`,
  ]) {
    const r = await paullo.page.goto(path);
    expect(r?.status(), path).toBe(404);
    await expect(paullo.page.getByRole("heading", { level: 1 })).toContainText(/non trovat/i);
  }
  const exported = await paullo.page.request.get(`/api/v1/rounds/${roundId}/export?formato=csv`);
  expect(exported.status()).toBe(404);
  await paullo.context.close();
  const admin = await signedIn(browser, ACCOUNTS.admin);
  await admin.page.goto(`/regione/monitoraggio/${roundId}/comuni/${SAN_DONATO}`);
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("Comune di San Donato Milanese");
  await expect(admin.page.getByRole("button", { name: "Valida la trasmissione" })).toHaveCount(0);
  await admin.page.goto("/regione/monitoraggio");
  await expect(admin.page.getByRole("button", { name: "Apri la rilevazione" })).toHaveCount(0);
  await checkWidths(admin.page);
  await admin.context.close();
});
