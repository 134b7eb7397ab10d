import { expect, test, type Page } from "@playwright/test";
import { axeViolations, db, expectAccessible } from "./helpers";

// Public project pages (issue #16, item 9): anyone finds a published project in the public list, filters
// it, opens its page and reads its funding and milestones — the published copy, never the draft. An
// unpublished project is a 404, by id and by CUP.

const SAN_DONATO = "015192";
const tag = `E2E${Date.now().toString(36).toUpperCase()}`;
const cupOf = (n: number) => `J71B19${tag.slice(-8).padStart(8, "0")}${n}`;

/** A project of San Donato made here (other specs share the database), published or left a draft. */
async function makeProject(n: number, publish: boolean) {
  const [stream] = await db<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  const [project] = await db<{ id: string }>(
    `INSERT INTO "Project" ("comuneIstat", "streamId", title, summary, cup, "totalCost", status, health,
       progress, "plannedStart", "plannedEnd")
     VALUES ($1, $2, $3, 'Intervento di prova delle pagine pubbliche.', $4, 100000, 'EXECUTION', 'AT_RISK',
       35, '2026-01-15', '2027-12-31') RETURNING id`,
    [SAN_DONATO, stream.id, `Intervento pubblico ${tag} ${n}`, cupOf(n)],
  );
  await db(
    `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, programme, year, "amountPlanned",
       "amountCommitted", "amountPaid") VALUES ($1, $2, 'REGION', 'Bando e2e ${tag}', 2026, 60000, 30000, 12500)`,
    [project.id, SAN_DONATO],
  );
  await db(
    `INSERT INTO "Action" ("projectId", "comuneIstat", title, kind, owner, "dueDate", status)
     VALUES ($1, $2, 'Collaudo ${tag}', 'MONITORING', 'Persona Riservata E2E', '2027-11-30', 'TODO')`,
    [project.id, SAN_DONATO],
  );
  if (publish) await db(`SELECT publish_project($1::uuid, NULL)`, [project.id]);
  return { id: project.id, title: `Intervento pubblico ${tag} ${n}`, cup: cupOf(n) };
}

async function noOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("anonymous: list → filter → project page with funding and milestones; drafts stay private", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const published = await makeProject(1, true);
  const draft = await makeProject(2, false);
  // A change made after publication, not published: the public page keeps the published title.
  await db(`UPDATE "Project" SET title = $2, version = version + 1 WHERE id = $1`, [
    published.id,
    `Titolo in bozza ${tag}`,
  ]);

  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/dati-aperti");
  await page
    .getByRole("navigation", { name: "Navigazione pubblica" })
    .getByRole("link", { name: "Interventi" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Interventi pubblicati");
  await expectAccessible(page);

  await page.getByLabel("Testo (titolo, CUP, comune)").fill(tag);
  await page.getByLabel("Comune", { exact: true }).selectOption(SAN_DONATO);
  await page.getByRole("button", { name: "Cerca" }).click();
  await expect(page.getByRole("heading", { name: "1 intervento" })).toBeVisible();
  await expect(page.getByText(`Titolo in bozza ${tag}`)).toHaveCount(0);
  await page.getByRole("link", { name: published.title }).click();

  await expect(page).toHaveURL(new RegExp(`/progetti/${published.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(published.title);
  await expect(page).toHaveTitle(new RegExp(published.title));
  await expect(page.getByText(/^Pubblicato il \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  const funding = page.getByRole("table", { name: "Fonti di finanziamento per programma e anno" });
  await expect(funding).toContainText(`Bando e2e ${tag}`);
  await expect(funding).toContainText(/60\.000,00\s€/);
  await expect(funding).toContainText(/12\.500,00\s€/);
  await expect(page.getByRole("region", { name: "Fasi e scadenze dell'intervento" })).toContainText(
    `Collaudo ${tag}`,
  );
  await expect(page.getByText("30/11/2027")).toBeVisible();
  await expect(page.getByText("Persona Riservata E2E")).toHaveCount(0);
  await expect(page.getByText(`Titolo in bozza ${tag}`)).toHaveCount(0);
  await expect(page.getByRole("link", { name: /San Donato Milanese/ })).toHaveAttribute(
    "href",
    `/progetti?comune=${SAN_DONATO}`,
  );
  await expectAccessible(page);

  expect(errors, "no hydration or script error on the list and the page").toEqual([]);

  // JSON-LD describes the project; like every script of a page it carries the request's CSP nonce.
  const html = await (await page.request.get(`/progetti/${published.id}`)).text();
  expect(html).toContain('"@type":"GovernmentService"');
  const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);

  // By CUP: the same page.
  await page.goto(`/progetti/cup/${published.cup}`);
  await expect(page).toHaveURL(new RegExp(`/progetti/${published.id}$`));

  // Unpublished, unknown or malformed: the same 404.
  for (const path of [
    `/progetti/${draft.id}`,
    `/progetti/cup/${draft.cup}`,
    "/progetti/00000000-0000-4000-8000-000000000000",
    "/progetti/cup/nonesiste",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  await expect(page.getByText(draft.title)).toHaveCount(0);

  // On a phone: no horizontal document overflow, axe clean, on the list and the page.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [`/progetti?q=${tag}`, `/progetti/${published.id}`]) {
    await page.goto(path);
    await noOverflow(page);
    await page.screenshot({
      path: `test-results/public-projects-390-${path.startsWith("/progetti?") ? "list" : "page"}.png`,
      fullPage: true,
    });
    expect(await axeViolations(page), path).toEqual([]);
  }
});
