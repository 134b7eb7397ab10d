import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { verifyCredentials } from "@/lib/auth/credentials";
import { DEMO_ACCOUNTS } from "@/prisma/seed/users";
import { ownerQuery } from "./helpers";

const paullo = DEMO_ACCOUNTS.paullo;

describe("login and session validity", () => {
  it("accepts the right password and refuses a wrong one or an unknown e-mail alike", async () => {
    const ok = await verifyCredentials(paullo.email, paullo.password);
    expect(ok).toMatchObject({ sessionVersion: expect.any(Number) });
    expect(await verifyCredentials(paullo.email, "password-sbagliata")).toBeNull();
    expect(await verifyCredentials("nessuno@example.com", paullo.password)).toBeNull();
    expect(await verifyCredentials(paullo.email.toUpperCase(), paullo.password)).not.toBeNull();
    const events = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'Session' ORDER BY id DESC LIMIT 4`,
    );
    expect(events.map((e) => e.action)).toEqual(["LOGIN", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN"]);
  });

  it("stores Argon2id hashes, never the password", async () => {
    const rows = await ownerQuery<{ h: string }>(
      `SELECT "passwordHash" AS h FROM "User" WHERE "passwordHash" IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.h).toMatch(/^\$argon2id\$/);
  });

  it("a deactivated user, a role change or a suspended comune ends the session at the next request", async () => {
    const ok = (await verifyCredentials(paullo.email, paullo.password))!;
    const actor = await loadActor(ok.id, ok.sessionVersion);
    expect(actor).toMatchObject({ role: "OFFICER", comuneIstat: "015169" });

    await ownerQuery(`UPDATE "User" SET active = false WHERE id = $1`, [ok.id]);
    expect(await loadActor(ok.id, ok.sessionVersion)).toBeNull();
    expect(await verifyCredentials(paullo.email, paullo.password)).toBeNull();
    await ownerQuery(`UPDATE "User" SET active = true WHERE id = $1`, [ok.id]);
    expect(await loadActor(ok.id, ok.sessionVersion)).not.toBeNull();

    // A role change bumps the session version: the old token no longer matches.
    await ownerQuery(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`, [ok.id]);
    expect(await loadActor(ok.id, ok.sessionVersion)).toBeNull();
    expect(await loadActor(ok.id, ok.sessionVersion + 1)).not.toBeNull();

    await ownerQuery(`UPDATE "Comune" SET suspended = true WHERE istat = '015169'`);
    expect(await loadActor(ok.id, ok.sessionVersion + 1)).toBeNull();
    expect(await verifyCredentials(paullo.email, paullo.password)).toBeNull();
  });
});
