import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

const SAN_DONATO = "015192";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ENUM_CASE =
  /\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:EXECUTION|COMPLETED|AT_RISK|ON_TRACK|UPDATE|CREATE|ARCHIVE)\b/;
const ISO = /\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}:\d{2}/;

/** An officer of San Donato creates a project "in esecuzione" and closes it, changing filone and health. */
async function closedProject(page: Page) {
  await login(page, ACCOUNTS.sanDonato);
  const streams = await db<{ id: string; code: string; name: string }>(
    `SELECT id, code, name FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 2`,
  );
  const title = `Registro leggibile e2e ${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/projects", {
    data: { streamId: streams[0].id, title, totalCost: "1.000,00", status: "EXECUTION", health: "ON_TRACK" },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).data.id as string;
  const patched = await page.request.patch(`/api/v1/projects/${id}`, {
    data: {
      streamId: streams[1].id,
      title,
      totalCost: "1.234,56",
      status: "COMPLETED",
      health: "AT_RISK",
      version: 1,
    },
  });
  expect(patched.status()).toBe(200);
  return { id, title, streams };
}

/** axe-core on the page's main content: no serious or critical violation. */
async function expectAccessibleMain(page: Page) {
  await expectAccessible(page, "main");
}

async function expectReadable(text: string) {
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(ENUM_CASE);
  expect(text).not.toMatch(ISO);
}

test("the audit log and the project history read as Italian, with names, at 1366 and 390 px", async ({
  page,
}) => {
  const p = await closedProject(page);
  const [from, to] = p.streams.map((s) => `${s.code} · ${s.name}`);

  // The officer's history of the project.
  await page.goto(`/comuni/${SAN_DONATO}/interventi/${p.id}`);
  const history = page.locator("ol").filter({ hasText: "Stato: In esecuzione → Concluso" });
  await expect(history).toHaveCount(1);
  await expect(history).toContainText("Andamento: In linea → A rischio");
  await expect(history).toContainText(`Filone: ${from} → ${to}`);
  await expect(history).toContainText("Costo totale: 1.000,00\u00a0€ → 1.234,56\u00a0€");
  await expectReadable(await history.innerText());
  await page.context().clearCookies();

  await login(page, ACCOUNTS.admin);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await page.goto(`/admin/registro?oggetto=Project&utente=${encodeURIComponent(ACCOUNTS.sanDonato.email)}`);
    const table = page.getByRole("table", { name: /Eventi del registro/ });
    const row = table
      .locator(":scope > tbody > tr")
      .filter({ hasText: p.title })
      .filter({ hasText: "Modifica" });
    await expect(row).toHaveCount(1);
    const diff = row.getByRole("table");
    await expect(diff.getByRole("row", { name: /^Stato/ })).toContainText(/In esecuzione\s*Concluso/);
    await expect(diff.getByRole("row", { name: /Andamento/ })).toContainText(/In linea\s*A rischio/);
    await expect(diff.getByRole("row", { name: /Filone/ })).toContainText(from);
    await expect(diff.getByRole("row", { name: /Filone/ })).toContainText(to);
    await expect(row.getByRole("link", { name: new RegExp(p.title) })).toHaveAttribute(
      "href",
      `/comuni/${SAN_DONATO}/interventi/${p.id}`,
    );
    await expectReadable(await table.innerText());
    await page.screenshot({ path: `test-results/audit-readable-${width}.png`, fullPage: true });
    if (width > 1000) await expectAccessible(page);
    // At 390 px the portal's admin menu fails colour contrast (issue #16 item 6, the layout's navigation):
    // the log itself is checked here.
    else await expectAccessibleMain(page);
  }
});
