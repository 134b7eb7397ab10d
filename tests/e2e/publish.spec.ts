import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

// Draft, then publish (issue #16, item 4): the project page says what the public side shows, and the
// officer publishes the current values with «Pubblica».

const SAN_DONATO = "015192";

test("an officer sees the publication state and publishes an edited project", async ({ page }) => {
  const [project] = await db<{ id: string; title: string }>(
    // A demo project published as it stands: other specs create drafts and edit projects in this comune.
    `SELECT p.id, p.title FROM "Project" p JOIN "PublicProject" pp ON pp."projectId" = p.id
     WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL AND pp."publishedVersion" = p.version
       AND p.title NOT ILIKE '%e2e%'
     ORDER BY p.title DESC LIMIT 1`,
    [SAN_DONATO],
  );
  await login(page, ACCOUNTS.sanDonato);
  const url = `/comuni/${SAN_DONATO}/interventi/${project.id}`;
  await page.goto(url);
  const status = page.getByTestId("publication-status");
  // The demo starts published.
  await expect(status).toHaveText(/^Pubblicato il \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(versione \d+\)$/);
  await expect(page.getByRole("button", { name: "Pubblica", exact: true })).toHaveCount(0);

  const newTitle = `${project.title} (aggiornato)`;
  await page.goto(`${url}/modifica`);
  await page.getByLabel("Titolo", { exact: true }).fill(newTitle);
  await page.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(newTitle);
  await expect(status).toContainText("Modifiche non pubblicate");
  // The public copy still has the old title.
  const [before] = await db<{ title: string }>(`SELECT title FROM "PublicProject" WHERE "projectId" = $1`, [
    project.id,
  ]);
  expect(before.title).toBe(project.title);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Pubblica", exact: true }).click();
  await expect(page.getByText("Intervento pubblicato.")).toBeVisible();
  await expect(status).toHaveText(/^Pubblicato il \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(versione \d+\)$/);
  const [after] = await db<{ title: string }>(`SELECT title FROM "PublicProject" WHERE "projectId" = $1`, [
    project.id,
  ]);
  expect(after.title).toBe(newTitle);
});
