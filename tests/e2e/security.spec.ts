import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { ACCOUNTS, login, projectOf } from "./helpers";

test("security headers on pages and API responses", async ({ request }) => {
  for (const path of ["/login", "/api/v1/projects", "/accessibilita"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    // Pages: 'self' (plus the request's nonce for scripts, tests/e2e/csp.spec.ts); API answers: nothing.
    expect(h["content-security-policy"], path).toMatch(/default-src '(self|none)'/);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"], path).toContain("max-age=");
    expect(h["x-powered-by"], path).toBeUndefined();
  }
});

test("session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
  await login(page, ACCOUNTS.paullo);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a request carrying x-middleware-subrequest gains nothing", async ({ request, page }) => {
  const forged = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
  const anonymous = await request.get("/api/v1/projects", { headers: forged });
  expect(anonymous.status()).toBe(401);
  const pageRes = await request.get("/regione", { headers: forged, maxRedirects: 0 });
  expect([302, 303, 307, 308]).toContain(pageRes.status());
  await login(page, ACCOUNTS.paullo);
  const foreign = await projectOf("015140", "015169");
  const res = await page.request.get(`/api/v1/projects/${foreign.id}`, { headers: forged });
  expect(res.status()).toBe(404);
});

test("too many failed logins: the same 'try again later' for an unknown account", async ({ page }) => {
  await page.goto("/login");
  const email = `sconosciuto-${Date.now()}@example.com`;
  const messages: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`tentativo-${i}`);
    await page.getByRole("button", { name: "Accedi" }).click();
    const alert = page.locator("#login-error");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
    await expect(page.getByRole("button", { name: "Accedi" })).toBeEnabled();
  }
  expect(messages.slice(0, 5)).toEqual(Array(5).fill("Email o password non corretti."));
  expect(messages[5]).toBe("Troppi tentativi di accesso. Riprova tra qualche minuto.");
});

test("a tampered, foreign-sealed or expired session cookie is no session", async ({ page, playwright }) => {
  await login(page, ACCOUNTS.paullo);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  const secret = process.env.NEXTAUTH_SECRET!;
  const claims = await decode({ token: session.value, secret });
  expect(claims?.uid).toBeTruthy();
  const middle = Math.floor(session.value.length / 2);
  const flipped = session.value[middle] === "A" ? "B" : "A";
  const cookies = {
    valid: session.value,
    tampered: session.value.slice(0, middle) + flipped + session.value.slice(middle + 1),
    foreignSecret: await encode({ token: { uid: claims!.uid, sv: claims!.sv }, secret: `${secret}-other` }),
    expired: await encode({ token: { uid: claims!.uid, sv: claims!.sv }, secret, maxAge: -60 }),
  };
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    for (const [kind, value] of Object.entries(cookies)) {
      const headers = { cookie: `${session.name}=${value}` };
      const res = await api.get("/api/v1/projects", { headers });
      const dashboard = await api.get("/comuni/015169", { headers, maxRedirects: 0 });
      if (kind === "valid") {
        expect(res.status(), kind).toBe(200);
        expect(dashboard.status(), kind).toBe(200);
      } else {
        expect(res.status(), kind).toBe(401);
        expect([302, 303, 307, 308], kind).toContain(dashboard.status());
        expect(dashboard.headers()["location"], kind).toContain("/login");
      }
    }
  } finally {
    await api.dispose();
  }
});
