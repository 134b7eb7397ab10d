import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, login } from "./helpers";

function scriptSrc(policy: string | undefined): string {
  return (policy ?? "").split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
}

test("pages: a fresh CSP nonce per request, on every script, and no 'unsafe-inline' for scripts", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/accessibilita", "/dati-aperti", "/smart-land/sud-est-milano", "/login"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const policy = res.headers()["content-security-policy"];
    const scripts = scriptSrc(policy);
    expect(scripts, path).not.toContain("unsafe-inline");
    expect(scripts, path).not.toContain("unsafe-eval");
    expect(scripts, path).toContain("'strict-dynamic'");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    const html = await res.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(5);
});

test("API answers carry a policy that allows nothing", async ({ request }) => {
  const res = await request.get("/api/v1/projects");
  expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
});

async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test("the app runs under the policy: hydrated, charts drawn, no violation (officer)", async ({ page }) => {
  const violations = await collectViolations(page);
  await login(page, ACCOUNTS.sanDonato); // a client-side form: works only if the scripts ran
  await expect(page).toHaveURL(/\/comuni\/015192/);
  // recharts draws after hydration (React.lazy): an svg path only exists if the chunks were allowed.
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.goto("/comuni/015192/interventi");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  expect([...violations, ...inPage]).toEqual([]);
});

test("the roll-up runs under the policy: map and charts drawn, no violation (coordinator)", async ({
  page,
}) => {
  const violations = await collectViolations(page);
  await login(page, ACCOUNTS.coordinator);
  await page.goto("/regione");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  expect([...violations, ...inPage]).toEqual([]);
});

test("markup injected into a page (stored XSS) cannot run an inline script", async ({ page }) => {
  // The real answer of the server, with its real policy, plus the markup an attacker would need to get
  // into the HTML: an inline script without the nonce, and one with a guessed nonce.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      '<script>window.__ran = "inline"</script><script nonce="Z3Vlc3NlZA==">window.__ran = "guessed"</script></body>',
    );
    await route.fulfill({ response, body: html });
  });
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Accedi" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __ran?: string }).__ran ?? "none")).toBe("none");
  expect(blocked.length).toBeGreaterThanOrEqual(2);
});
