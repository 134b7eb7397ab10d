import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, login } from "./helpers";

// Every administration page and route. `api`: a route handler (anonymous → 401); otherwise a page
// (anonymous → redirect to /login). Coordinators and officers must get 404 on all of them.
const ADMIN_ROUTES: { path: string; api?: boolean }[] = [
  { path: "/admin" },
  { path: "/admin/registro" },
  { path: "/admin/registro?oggetto=Project&dal=01/01/2026" },
  { path: "/admin/registro/export", api: true },
  { path: "/admin/registro/export?oggetto=Session", api: true },
  { path: "/admin/comuni" },
  { path: "/admin/comuni/015192" },
  { path: "/admin/utenti" },
  { path: "/admin/utenti/nuovo" },
];

async function status(request: APIRequestContext, path: string) {
  const res = await request.get(path, { maxRedirects: 0 });
  return { status: res.status(), location: res.headers()["location"] ?? "" };
}

async function loggedIn(page: Page, account: { email: string; password: string }) {
  await login(page, account);
  return page.request;
}

// Routes not yet present in this build answer 404 to the administrator too; for them the checks below are
// trivially true (the lead runs this file again after merging every branch).
const presentForAdmin = new Map<string, boolean>();

test.describe.configure({ mode: "serial" });

test("the administrator reaches every admin route that exists in this build", async ({ page }) => {
  const request = await loggedIn(page, ACCOUNTS.admin);
  for (const route of ADMIN_ROUTES) {
    const r = await status(request, route.path);
    expect([200, 404], `${route.path} as admin`).toContain(r.status);
    presentForAdmin.set(route.path, r.status === 200);
  }
  // The ones this branch builds must be there.
  expect(presentForAdmin.get("/admin")).toBe(true);
  expect(presentForAdmin.get("/admin/registro")).toBe(true);
  expect(presentForAdmin.get("/admin/registro/export")).toBe(true);
});

for (const [who, account] of [
  ["coordinator", ACCOUNTS.coordinator],
  ["officer", ACCOUNTS.sanDonato],
] as const) {
  test(`a ${who} gets 404 on every admin page and route`, async ({ page }) => {
    const request = await loggedIn(page, account);
    for (const route of ADMIN_ROUTES) {
      const r = await status(request, route.path);
      expect(r.status, `${route.path} as ${who}`).toBe(404);
    }
    // Also when the page is opened in the browser: the 404 page, no admin content.
    await page.goto("/admin/registro");
    await expect(page.getByRole("heading", { name: "Registro attività" })).toHaveCount(0);
  });
}

test("anonymous requests: pages redirect to /login, routes answer 401", async ({ request }) => {
  for (const route of ADMIN_ROUTES) {
    const r = await status(request, route.path);
    if (route.api) {
      expect(r.status, route.path).toBe(401);
    } else if (presentForAdmin.get(route.path) === false) {
      // Not in this build: a plain 404 (or the login redirect once it exists).
      expect([404, 302, 303, 307, 308], route.path).toContain(r.status);
    } else {
      expect([302, 303, 307, 308], route.path).toContain(r.status);
      expect(r.location, route.path).toMatch(/\/login(\?|$)/);
    }
  }
});
