import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, axeViolations, db, login, projectOf } from "./helpers";

// Issue #16 item 6: every page on a desk (1366×900) and on a phone (390×844). No page is wider than the
// viewport (tables scroll inside their own region, the navigation collapses, figures wrap) and axe finds
// no serious or critical violation at either width.

const SAN_DONATO = "015192";
const SLUG = "sud-est-milano";
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

type Role = "anonymous" | "api-reference" | "public-projects" | "officer" | "coordinator" | "admin";

async function pagesOf(role: Role): Promise<string[]> {
  if (role === "anonymous") {
    return ["/", "/login", "/dati-aperti", "/accessibilita", `/smart-land/${SLUG}`];
  }
  // Alone: axe over the long API reference takes ~11 s per width (~50 s for the test beside the others).
  if (role === "api-reference") return ["/sviluppatori/api"];
  if (role === "public-projects") {
    const [published] = await db<{ id: string }>(
      `SELECT pp."projectId" AS id FROM "PublicProject" pp JOIN "Project" p ON p.id = pp."projectId"
       WHERE p."deletedAt" IS NULL AND jsonb_array_length(pp.funding) > 0 ORDER BY pp."projectId" LIMIT 1`,
    );
    return ["/progetti", `/progetti/${published.id}`];
  }
  if (role === "officer") {
    const project = await projectOf(SAN_DONATO);
    return [
      `/comuni/${SAN_DONATO}`,
      `/comuni/${SAN_DONATO}/interventi`,
      `/comuni/${SAN_DONATO}/interventi/${project.id}`,
      `/comuni/${SAN_DONATO}/interventi/${project.id}/fasi`,
      `/comuni/${SAN_DONATO}/interventi/importa`,
      `/comuni/${SAN_DONATO}/cronoprogramma`,
      `/comuni/${SAN_DONATO}/adesione`,
      `/comuni/${SAN_DONATO}/adesione/${SLUG}/atto`,
      "/profilo",
    ];
  }
  if (role === "coordinator") {
    return [
      "/regione",
      "/regione/pianificazione",
      "/regione/filoni",
      "/regione/comuni",
      "/regione/smart-land",
      "/regione/adesioni",
      `/regione/adesioni/${SLUG}`,
      "/regione/scadenze",
      "/regione/scadenze?vista=in_scadenza&giorni=90",
    ];
  }
  return ["/admin", "/admin/comuni", "/admin/utenti", "/admin/registro"];
}

/** What is wrong with the current page at the current width: overflow and axe's serious/critical findings. */
async function problems(page: Page, path: string, width: number): Promise<string[]> {
  const found: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth)
    found.push(`${path} @${width}: page is ${scrollWidth}px wide (viewport ${innerWidth})`);
  for (const violation of await axeViolations(page)) found.push(`${path} @${width}: ${violation}`);
  return found;
}

/**
 * Each page loaded on the phone's width, then the same page widened to the desk's (as a tablet turned or
 * a window resized): the layout is CSS, so one load serves both checks — half the page loads of this spec.
 */
async function visitAll(page: Page, role: Role) {
  const failures: string[] = [];
  for (const path of await pagesOf(role)) {
    await page.setViewportSize(WIDTHS[0]);
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      failures.push(...(await problems(page, path, size.width)));
    }
  }
  expect(failures).toEqual([]);
}

test.describe("every page fits a phone and a desk", () => {
  // Axe on the long pages (the API reference) takes a while on a shared machine.
  test.describe.configure({ mode: "parallel", timeout: 240_000 });

  test("anonymous pages", async ({ page }) => {
    await visitAll(page, "anonymous");
  });

  test("the API reference", async ({ page }) => {
    await visitAll(page, "api-reference");
  });

  test("the public project list and a public project page", async ({ page }) => {
    await visitAll(page, "public-projects");
  });

  test("the officer's pages", async ({ page }) => {
    await login(page, ACCOUNTS.sanDonato);
    await visitAll(page, "officer");
    await page.setViewportSize(WIDTHS[0]);
    await page.goto(`/comuni/${SAN_DONATO}`);
    // The charts (loaded after the page) take their container's width, not more.
    const chart = page.locator(".recharts-wrapper").first();
    await chart.waitFor();
    expect((await chart.boundingBox())?.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/phone-layout-dashboard-390.png", fullPage: true });
  });

  test("the coordinator's pages", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    await visitAll(page, "coordinator");
  });

  test("the admin's pages, and the menu collapses behind a disclosure button on a phone", async ({
    page,
  }) => {
    await login(page, ACCOUNTS.admin);
    await visitAll(page, "admin");

    await page.setViewportSize(WIDTHS[0]);
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Navigazione principale" });
    const toggle = nav.getByText("Menu", { exact: true });
    await expect(toggle).toBeVisible();
    await expect(nav.getByRole("link", { name: "Registro attività" })).toBeHidden();
    await toggle.click();
    await expect(nav.getByRole("link", { name: "Registro attività" })).toBeVisible();
    await page.screenshot({ path: "test-results/phone-layout-admin-menu-390.png", fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // On a desk the items are shown without the button.
    await page.setViewportSize(WIDTHS[1]);
    await page.goto("/admin");
    await expect(nav.getByText("Menu", { exact: true })).toBeHidden();
    await expect(nav.getByRole("link", { name: "Registro attività" })).toBeVisible();
  });

  test("a data table scrolls inside its own focusable region on a phone", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.setViewportSize(WIDTHS[0]);
    await page.goto("/regione/comuni");
    const region = page
      .getByRole("region")
      .filter({ has: page.locator("table") })
      .first();
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region).toHaveAttribute("aria-label", /.+/);
  });
});
