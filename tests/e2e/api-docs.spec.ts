import { expect, test } from "@playwright/test";
import { ACCOUNTS, login } from "./helpers";

// The API documentation page: public, rendered on the server from /api/v1/openapi.json, accessible.

test("the API documentation lists every documented route", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/sviluppatori/api");
  await expect(page.getByRole("heading", { level: 1, name: "API per sviluppatori" })).toBeVisible();
  const index = page.getByRole("navigation", { name: "Indice delle operazioni" });
  await expect(index).toBeVisible();
  // Every operation once in the index: the elements whose whole text is "METHOD /path" (the deepest one,
  // as getByText's exact match counts them), all counted in one pass in the page — one locator per
  // operation took ~40 s of the e2e run.
  const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations.length).toBeGreaterThan(20);
  const counts = await index.evaluate((nav, targets) => {
    const text = (el: Element) => (el.textContent ?? "").replace(/\s+/g, " ").trim();
    const all = [...nav.querySelectorAll("*")];
    return targets.map(
      (t) => all.filter((el) => text(el) === t && ![...el.children].some((c) => text(c) === t)).length,
    );
  }, operations);
  expect(Object.fromEntries(operations.map((op, i) => [op, counts[i]]))).toEqual(
    Object.fromEntries(operations.map((op) => [op, 1])),
  );
  await expect(
    page.getByRole("heading", { level: 3, name: "PATCH /projects/{id} Modifica un intervento" }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Parametri di GET /comuni", exact: true })).toContainText(
    "pageSize",
  );
  await expect(page.getByRole("heading", { level: 3, name: "Problem" })).toBeVisible();
  // Its accessibility (axe, at 390 and 1366 px) is checked with every other anonymous page in
  // phone-layout.spec.ts: one axe pass over this long page takes ~11 s of the run.
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
