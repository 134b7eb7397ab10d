import { expect, test } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { ACCOUNTS, db, login } from "./helpers";

// Server-side sessions (lib/auth/session.ts): the cookie names a session that the server can end.

async function sessionCookie(page: import("@playwright/test").Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "a session cookie after login").toBeTruthy();
  return cookie!;
}

test("after logout a captured session cookie is no session (API 401, pages → login)", async ({
  page,
  playwright,
}) => {
  await login(page, ACCOUNTS.sanDonato);
  const captured = await sessionCookie(page);
  const headers = { cookie: `${captured.name}=${captured.value}` };
  const replay = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    expect((await replay.get("/api/v1/projects", { headers })).status()).toBe(200);
    await page.getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await replay.get("/api/v1/projects", { headers })).status()).toBe(401);
    const dashboard = await replay.get("/comuni/015192", { headers, maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(dashboard.status());
    expect(dashboard.headers()["location"]).toContain("/login");
  } finally {
    await replay.dispose();
  }
});

test("a session idle longer than SESSION_IDLE_MINUTES ends; activity keeps it open", async ({ page }) => {
  await login(page, ACCOUNTS.coordinator);
  // This browser's own session (other workers sign the coordinator in too): the id sealed in its cookie.
  const claims = await decode({
    token: (await sessionCookie(page)).value,
    secret: process.env.NEXTAUTH_SECRET!,
  });
  const session = { id: String(claims?.sid) };
  await db(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '20 minutes' WHERE id = $1`, [
    session.id,
  ]);
  await page.goto("/regione");
  await expect(page).toHaveURL(/\/regione/);
  const [{ ago }] = await db<{ ago: number }>(
    `SELECT extract(epoch FROM now() - "lastSeenAt")::float AS ago FROM "UserSession" WHERE id = $1`,
    [session.id],
  );
  expect(ago).toBeLessThan(60);
  await db(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '31 minutes' WHERE id = $1`, [
    session.id,
  ]);
  await page.goto("/regione");
  await expect(page).toHaveURL(/\/login/);
});
