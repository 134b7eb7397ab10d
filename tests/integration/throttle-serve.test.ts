import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT, REQUIRE_BUILD, Jar, login, startServer, type Served } from "./logs-serve";
import { OFFICER_SAN_DONATO } from "./helpers";

// The production launcher (scripts/serve.mjs) decides the client address that login throttling counts:
// the socket's, unless TRUSTED_PROXY_HOPS says how many proxies' X-Forwarded-For entries to believe.

const SAN_DONATO_PASSWORD = "SanDonato-Demo-2026!"; // prisma/seed/users.ts

/** One sign-in through next-auth (CSRF token, then the callback POST) with extra request headers. */
async function attempt(base: string, email: string, headers: Record<string, string>): Promise<string> {
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password: "Sbagliata-2026!", callbackUrl: `${base}/` }),
  });
  await res.arrayBuffer();
  return /error=([A-Za-z_]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? "NO_ERROR";
}

/** 35 failed sign-ins on 35 accounts, each with another X-Forwarded-For (and a forged internal header). */
async function rotating(base: string, tag: string): Promise<string[]> {
  const results: string[] = [];
  for (let i = 0; i < 35; i++) {
    results.push(
      await attempt(base, `${tag}-${i}@example.com`, {
        "x-forwarded-for": `198.51.100.${i + 1}`,
        "x-smartland-client-ip": `203.0.113.${i + 1}`,
      }),
    );
  }
  return results;
}

describe.skipIf(!BUILT && !REQUIRE_BUILD)("client address and sessions through scripts/serve.mjs", () => {
  let server: Served;
  beforeAll(async () => {
    server = await startServer();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("logging out ends the session on the server: the captured cookie no longer works", async () => {
    const { ok, jar } = await login(server.url, OFFICER_SAN_DONATO, SAN_DONATO_PASSWORD);
    expect(ok).toBe(true);
    const captured = jar.header();
    const before = await fetch(`${server.url}/api/v1/projects`, { headers: { cookie: captured } });
    await before.arrayBuffer();
    expect(before.status).toBe(200);
    const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie: captured } });
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const out = await fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${server.url}/login` }),
    });
    await out.arrayBuffer();
    expect(out.status).toBe(302);
    const replayed = await fetch(`${server.url}/api/v1/projects`, { headers: { cookie: captured } });
    await replayed.arrayBuffer();
    expect(replayed.status).toBe(401);
    const page = await fetch(`${server.url}/comuni/015192`, {
      headers: { cookie: captured },
      redirect: "manual",
    });
    await page.arrayBuffer();
    expect(page.headers.get("location") ?? "").toContain("/login");
  });

  it("by default a rotating X-Forwarded-For (or a forged internal header) is one address: throttled after 30", async () => {
    const results = await rotating(server.url, "ruota");
    expect(results.slice(0, 30)).toEqual(Array(30).fill("CredentialsSignin"));
    expect(results.slice(30)).toEqual(Array(5).fill("RATE_LIMITED"));
  }, 120_000);
});

describe.skipIf(!BUILT && !REQUIRE_BUILD)("TRUSTED_PROXY_HOPS=1", () => {
  let server: Served;
  beforeAll(async () => {
    server = await startServer({ TRUSTED_PROXY_HOPS: "1" });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("believes the last X-Forwarded-For entry (the proxy's): each attempt is another client", async () => {
    const results = await rotating(server.url, "proxy");
    expect(results).toEqual(Array(35).fill("CredentialsSignin"));
  }, 120_000);
});
