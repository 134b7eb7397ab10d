import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, login } from "./helpers";

// The API documentation page: public, rendered on the server from /api/v1/openapi.json, accessible.

test("the API documentation lists every documented route and passes axe", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/sviluppatori/api");
  await expect(page.getByRole("heading", { level: 1, name: "API per sviluppatori" })).toBeVisible();
  const index = page.getByRole("navigation", { name: "Indice delle operazioni" });
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) {
      await expect(index.getByText(`${method.toUpperCase()} ${path}`, { exact: true })).toHaveCount(1);
    }
  }
  await expect(
    page.getByRole("heading", { level: 3, name: "PATCH /projects/{id} Modifica un intervento" }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Parametri di GET /comuni", exact: true })).toContainText(
    "pageSize",
  );
  await expect(page.getByRole("heading", { level: 3, name: "Problem" })).toBeVisible();
  await expectAccessible(page);
});

test("the footer and the profile's token section link to the documentation", async ({ page }) => {
  await page.goto("/dati-aperti");
  await page.getByRole("contentinfo").getByRole("link", { name: "API per sviluppatori" }).click();
  await expect(page).toHaveURL(/\/sviluppatori\/api$/);
  await login(page, ACCOUNTS.sanDonato);
  await page.goto("/profilo");
  await page.getByRole("link", { name: "documentazione dell'API" }).click();
  await expect(page).toHaveURL(/\/sviluppatori\/api$/);
});
