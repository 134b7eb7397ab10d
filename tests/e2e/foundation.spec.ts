import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login, projectOf } from "./helpers";

test.describe("login and landing pages", () => {
  test("an officer lands on their comune's dashboard", async ({ page }) => {
    await login(page, ACCOUNTS.sanDonato);
    await expect(page).toHaveURL(/\/comuni\/015192$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Cruscotto del Comune di San Donato Milanese",
    );
    await expect(page.getByRole("banner")).toContainText("Referente comunale");
    await expect(page.getByRole("table", { name: "Interventi per stato procedurale" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Risorse per fonte di finanziamento" })).toContainText("€");
    // The figure tables are markup (components/ui/markup-table): their links lead to the filtered list.
    await expect(
      page.getByRole("table", { name: "Interventi per filone di intervento" }).getByRole("link").first(),
    ).toHaveAttribute("href", /^\/comuni\/015192\/interventi\?filone=/);
    // The charts are drawn in the browser once the page has hydrated: four recharts drawings.
    await expect(page.locator(".recharts-wrapper")).toHaveCount(4);
    await expect(page.getByRole("link", { name: "Dichiarazione di accessibilità" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a coordinator lands on the regional overview", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    await expect(page).toHaveURL(/\/regione$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quadro regionale");
    await expect(page.getByRole("table", { name: "Per provincia" })).toContainText(
      "Città metropolitana di Milano",
    );
    await expect(page.getByRole("table", { name: "Per Smart Land" })).toContainText(
      "Sud Est Milano – Fase 1",
    );
    await expectAccessible(page);
  });

  test("an administrator lands on comuni and users", async ({ page }) => {
    await login(page, ACCOUNTS.admin);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: /Comuni \(14 aderenti su 1\.503\)/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Gestisci gli utenti" }).click();
    await expect(page.getByRole("table", { name: /utenti trovati/ })).toContainText(ACCOUNTS.paullo.email);
  });

  test("a wrong password gets the same message as an unknown e-mail", async ({ page }) => {
    await page.goto("/login");
    await expectAccessible(page);
    for (const [email, password] of [
      [ACCOUNTS.paullo.email, "sbagliata-davvero"],
      ["sconosciuto@example.com", "qualsiasi-password"],
    ]) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Accedi" }).click();
      await expect(page.locator("#login-error")).toHaveText("Email o password non corretti.");
      await expect(page).toHaveURL(/\/login/);
    }
  });

  test("logout ends the session", async ({ page }) => {
    await login(page, ACCOUNTS.paullo);
    await page.getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/comuni/015169");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("tenant wall", () => {
  test("an officer gets 404 for another comune's project via page and API", async ({ page }) => {
    const foreign = await projectOf("015140", "015169");
    await login(page, ACCOUNTS.paullo);
    for (const path of [
      `/comuni/015140/interventi/${foreign.id}`,
      `/comuni/015169/interventi/${foreign.id}`,
      "/comuni/015140",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Non trovato.");
      await expect(page.locator("body")).not.toContainText(foreign.title);
    }
    const api = await page.request.get(`/api/v1/projects/${foreign.id}`);
    expect(api.status()).toBe(404);
    expect(api.headers()["content-type"]).toContain("application/problem+json");
    expect(await api.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const own = await page.request.get(`/api/v1/projects?pageSize=100`);
    expect(own.status()).toBe(200);
    const body = await own.json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((p: { id: string }) => p.id !== foreign.id)).toBe(true);
  });

  test("the API refuses a request without a session", async ({ request }) => {
    const res = await request.get("/api/v1/projects");
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  test("an officer and a coordinator cannot open the administration", async ({ page }) => {
    await login(page, ACCOUNTS.paullo);
    expect((await page.goto("/admin"))?.status()).toBe(404);
    expect((await page.goto("/regione"))?.status()).toBe(404);
  });

  test("a deactivated user is refused at the next request", async ({ page }) => {
    await login(page, ACCOUNTS.melegnano);
    await expect(page).toHaveURL(/\/comuni\/015140$/);
    await db(`UPDATE "User" SET active = false WHERE email = $1`, [ACCOUNTS.melegnano.email]);
    try {
      await page.getByRole("link", { name: "Interventi", exact: true }).click();
      await expect(page).toHaveURL(/\/login/);
      const api = await page.request.get("/api/v1/projects");
      expect(api.status()).toBe(401);
    } finally {
      await db(`UPDATE "User" SET active = true WHERE email = $1`, [ACCOUNTS.melegnano.email]);
    }
  });
});
