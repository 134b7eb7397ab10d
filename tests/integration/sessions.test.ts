import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { DEMO_ACCOUNTS } from "@/prisma/seed/users";
import { actorFor, appQuery, OFFICER_PAULLO, ownerQuery } from "./helpers";

type Claims = { uid: string; sv: number; sid?: string };

/** What next-auth does at sign-in: the jwt callback with the user that authorize() returned. */
async function signIn(email = OFFICER_PAULLO): Promise<Claims> {
  const actor = await actorFor(email);
  const [{ sv }] = await ownerQuery<{ sv: number }>(
    `SELECT "sessionVersion" AS sv FROM "User" WHERE id = $1`,
    [actor.userId],
  );
  const jwt = authOptions.callbacks!.jwt!;
  return (await jwt({
    token: {},
    user: { id: actor.userId, sv } as never,
    trigger: "signIn",
  } as never)) as Claims;
}

const current = (c: Claims) => loadActor(c.uid, c.sv, c.sid);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("server-side sessions", () => {
  it("signing in opens a session on the server; logging out ends it (a replayed cookie is no session)", async () => {
    const claims = await signIn();
    expect(claims.sid).toMatch(UUID);
    expect(await current(claims)).toMatchObject({ email: OFFICER_PAULLO });
    await authOptions.events!.signOut!({ token: claims as never, session: undefined as never });
    expect(await current(claims)).toBeNull();
    const [row] = await ownerQuery<{ ended: boolean }>(
      `SELECT "endedAt" IS NOT NULL AS ended FROM "UserSession" WHERE id = $1`,
      [claims.sid],
    );
    expect(row.ended).toBe(true);
    // Another session of the same user is untouched.
    const other = await signIn();
    expect(await current(other)).not.toBeNull();
  });

  it("ends after SESSION_IDLE_MINUTES without a request (default 30)", async () => {
    const claims = await signIn();
    await ownerQuery(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '29 minutes' WHERE id = $1`, [
      claims.sid,
    ]);
    expect(await current(claims)).not.toBeNull(); // and this request counts as activity
    await ownerQuery(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '31 minutes' WHERE id = $1`, [
      claims.sid,
    ]);
    expect(await current(claims)).toBeNull();

    vi.stubEnv("SESSION_IDLE_MINUTES", "5");
    const short = await signIn();
    await ownerQuery(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '6 minutes' WHERE id = $1`, [
      short.sid,
    ]);
    expect(await current(short)).toBeNull();
  });

  it("marks activity at most once a minute, and ends at the absolute lifetime (8 hours) anyway", async () => {
    const claims = await signIn();
    const seen = async () =>
      (
        await ownerQuery<{ ago: number; life: number }>(
          `SELECT extract(epoch FROM now() - "lastSeenAt")::float AS ago,
                  extract(epoch FROM "expiresAt" - "createdAt")::float AS life
             FROM "UserSession" WHERE id = $1`,
          [claims.sid],
        )
      )[0];
    expect((await seen()).life).toBeCloseTo(8 * 3600, 0);
    await ownerQuery(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '30 seconds' WHERE id = $1`, [
      claims.sid,
    ]);
    await current(claims);
    expect((await seen()).ago).toBeGreaterThanOrEqual(29); // not rewritten within the minute
    await ownerQuery(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '5 minutes' WHERE id = $1`, [
      claims.sid,
    ]);
    await current(claims);
    expect((await seen()).ago).toBeLessThan(5);
    await ownerQuery(`UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
      claims.sid,
    ]);
    expect(await current(claims)).toBeNull();
  });

  it("a session id belongs to its user; the app role reaches sessions only through the definer functions", async () => {
    const paullo = await signIn();
    const admin = await actorFor(DEMO_ACCOUNTS.admin.email);
    expect(await loadActor(admin.userId, 1, paullo.sid)).toBeNull();
    for (const role of ["ADMIN", "SYSTEM"]) {
      await expect(appQuery({ role, comune: null }, `SELECT * FROM "UserSession"`)).rejects.toMatchObject({
        code: "42501",
      });
      await expect(
        appQuery({ role, comune: null }, `UPDATE "UserSession" SET "endedAt" = NULL`),
      ).rejects.toMatchObject({ code: "42501" });
    }
  });
});

describe("the session cookie over https", () => {
  it("is __Secure- and Secure when NEXTAUTH_URL is https, through next-auth's own sign-in", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://smartland.example.it");
    vi.resetModules();
    const { authOptions: httpsOptions, SESSION_COOKIE } = await import("@/lib/auth/options");
    expect(SESSION_COOKIE).toBe("__Secure-next-auth.session-token");
    // next-auth's core handler, as the /api/auth route runs it (its package does not export the path).
    const require = createRequire(import.meta.url);
    const { AuthHandler } = require(path.resolve("node_modules/next-auth/core/index.js")) as {
      AuthHandler: (p: unknown) => Promise<{
        body?: { csrfToken?: string };
        cookies?: { name: string; value: string; options: { secure?: boolean; httpOnly?: boolean } }[];
      }>;
    };
    const options = { ...httpsOptions, secret: "s".repeat(32) };
    const host = { host: "smartland.example.it", "x-smartland-client-ip": "192.0.2.10" };
    const csrf = await AuthHandler({
      req: { method: "GET", action: "csrf", headers: host, cookies: {}, query: {}, body: {} },
      options,
    });
    const csrfCookie = csrf.cookies!.find((c) => c.name.includes("csrf-token"))!;
    expect(csrfCookie.name.startsWith("__Host-")).toBe(true);
    const paullo = DEMO_ACCOUNTS.paullo;
    const signedIn = await AuthHandler({
      req: {
        method: "POST",
        action: "callback",
        providerId: "credentials",
        headers: host,
        cookies: { [csrfCookie.name]: csrfCookie.value },
        query: {},
        body: { csrfToken: csrf.body!.csrfToken, email: paullo.email, password: paullo.password },
      },
      options,
    });
    const session = signedIn.cookies!.find((c) => c.name.endsWith("next-auth.session-token"))!;
    expect(session.name).toBe("__Secure-next-auth.session-token");
    expect(session.options).toMatchObject({ secure: true, httpOnly: true });
  });
});
