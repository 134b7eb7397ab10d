// Personal API tokens live and die with the trust placed in their user: every event that ends the user's
// sessions (own password change, forced reset, deactivation, role or comune change, the comune's
// suspension) ends their tokens too, for good — the reversal (reactivation, reinstatement) revives none.
// Tokens expire (90 days by default, at most 365), and administrators list and revoke any user's tokens.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { actorFromApiToken } from "@/lib/auth/bearer-token";
import { changeComuneAccount } from "@/lib/comuni/manage-comune";
import { AppError } from "@/lib/errors";
import { changeOwnPassword } from "@/lib/users/change-password";
import { createApiToken, listUserApiTokens, revokeUserApiToken } from "@/lib/users/api-tokens";
import {
  createUser,
  deactivateUser,
  forcePasswordReset,
  reactivateUser,
  updateUserAssignment,
} from "@/lib/users/manage-users";
import { redeemLink } from "@/lib/users/redeem-link";
import { call } from "./api-harness";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
  OFFICER_PAULLO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

const PASSWORD = "Vigneto-Lodigiano-2026";
const DAY_MS = 24 * 60 * 60 * 1000;

let admin: Actor;
let seq = 0;

beforeAll(async () => {
  admin = await actorFor(ADMIN);
});

const userRow = async (id: string) =>
  (
    await ownerQuery<{ version: number; sessionVersion: number }>(
      `SELECT version, "sessionVersion" FROM "User" WHERE id = $1`,
      [id],
    )
  )[0];

/** A fresh, activated officer of `comune` (its own account: no other test shares it). */
async function newOfficer(comune: string): Promise<Actor> {
  const email = `token.${Date.now().toString(36)}.${++seq}@prova.example`;
  const issued = await createUser(admin, {
    name: `Referente token ${seq}`,
    email,
    role: "OFFICER",
    comuneIstat: comune,
  });
  const secret = issued.link.split("/").pop()!;
  await redeemLink("ACTIVATION", secret, { password: PASSWORD, passwordConfirm: PASSWORD });
  const actor = await loadActor(issued.userId, (await userRow(issued.userId)).sessionVersion);
  if (!actor) throw new Error("the activated officer has no session");
  return actor;
}

/** Whether the token still works: through lib and through a real API route. */
async function answers(token: string, path = "projects?pageSize=1") {
  const actor = await actorFromApiToken(token);
  const status = (await call("get", path, { token })).status;
  expect(status === 200).toBe(actor !== null);
  return status;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a token dies with its user's trust, for good", () => {
  it("own password change", async () => {
    const officer = await newOfficer(PAULLO);
    const { token } = await createApiToken(officer, { name: "script" });
    expect(await answers(token)).toBe(200);
    await changeOwnPassword(officer, {
      currentPassword: PASSWORD,
      password: "Frutteto-Cremasco-2027",
      passwordConfirm: "Frutteto-Cremasco-2027",
    });
    expect(await answers(token)).toBe(401);
  });

  it("forced reset by an administrator, even after the user sets a new password", async () => {
    const officer = await newOfficer(PAULLO);
    const { token } = await createApiToken(officer, { name: "script" });
    expect(await answers(token)).toBe(200);
    const reset = await forcePasswordReset(admin, officer.userId, {
      version: (await userRow(officer.userId)).version,
    });
    expect(await answers(token)).toBe(401);
    await redeemLink("PASSWORD_RESET", reset.link.split("/").pop()!, {
      password: "Frutteto-Cremasco-2027",
      passwordConfirm: "Frutteto-Cremasco-2027",
    });
    expect(await answers(token)).toBe(401);
  });

  it("deactivation, and reactivation does not revive it", async () => {
    const officer = await newOfficer(PAULLO);
    const { token } = await createApiToken(officer, { name: "script" });
    expect(await answers(token)).toBe(200);
    await deactivateUser(admin, officer.userId, { version: (await userRow(officer.userId)).version });
    expect(await answers(token)).toBe(401);
    await reactivateUser(admin, officer.userId, { version: (await userRow(officer.userId)).version });
    expect(await loadActor(officer.userId, (await userRow(officer.userId)).sessionVersion)).not.toBeNull();
    expect(await answers(token)).toBe(401);
  });

  it("the comune's suspension, and reinstatement does not revive it", async () => {
    const officer = await newOfficer(SAN_DONATO);
    const { token } = await createApiToken(officer, { name: "script" });
    expect(await answers(token)).toBe(200);
    const comuneVersion = async () =>
      (
        await ownerQuery<{ version: number }>(`SELECT version FROM "Comune" WHERE istat = $1`, [SAN_DONATO])
      )[0].version;
    await changeComuneAccount(admin, SAN_DONATO, "suspend", await comuneVersion());
    expect(await answers(token)).toBe(401);
    await changeComuneAccount(admin, SAN_DONATO, "reinstate", await comuneVersion());
    expect(await loadActor(officer.userId, (await userRow(officer.userId)).sessionVersion)).not.toBeNull();
    expect(await answers(token)).toBe(401);
  });

  it("a role change to coordinator: the token does not read the roll-up", async () => {
    const officer = await newOfficer(PAULLO);
    const { token } = await createApiToken(officer, { name: "script" });
    expect(await answers(token)).toBe(200);
    await updateUserAssignment(admin, officer.userId, {
      role: "COORDINATOR",
      comuneIstat: "",
      version: (await userRow(officer.userId)).version,
    });
    expect(await answers(token, "rollup")).toBe(401);
    expect(await answers(token)).toBe(401);
  });
});

describe("the database revokes the tokens with the session version", () => {
  it("records when and why; a revoked token cannot be revived or rebound", async () => {
    const officer = await newOfficer(PAULLO);
    const { summary } = await createApiToken(officer, { name: "script" });
    await deactivateUser(admin, officer.userId, { version: (await userRow(officer.userId)).version });
    const [row] = await ownerQuery<{ revokedAt: Date | null; revokedReason: string | null }>(
      `SELECT "revokedAt", "revokedReason"::text AS "revokedReason" FROM "ApiToken" WHERE id = $1`,
      [summary.id],
    );
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedReason).toBe("DEACTIVATED");
    // Not even an administrator's transaction (nor the owner) can undo it.
    for (const sql of [
      `UPDATE "ApiToken" SET "revokedAt" = NULL, "revokedReason" = NULL WHERE id = $1`,
      `UPDATE "ApiToken" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`,
      `UPDATE "ApiToken" SET "expiresAt" = "expiresAt" + interval '1 day' WHERE id = $1`,
    ]) {
      await expect(
        appQuery({ role: "ADMIN", comune: null, user: admin.userId }, sql, [summary.id]),
      ).rejects.toThrow();
    }
  });

  it("a token cannot be created for another session version than the user's current one", async () => {
    const officer = await newOfficer(PAULLO);
    const { sessionVersion } = await userRow(officer.userId);
    await expect(
      appQuery(
        { role: "OFFICER", comune: PAULLO, user: officer.userId },
        `INSERT INTO "ApiToken" ("userId", name, prefix, "tokenHash", "expiresAt", "sessionVersion")
         VALUES ($1, 'futuro', 'abcdefgh', md5(random()::text), now() + interval '1 day', $2)`,
        [officer.userId, sessionVersion + 1],
      ),
    ).rejects.toThrow(/session version/);
  });
});

describe("expiry", () => {
  it("defaults to 90 days, is refused after it, and 400 days is refused with a field message", async () => {
    const officer = await newOfficer(PAULLO);
    const before = Date.now();
    const { token, summary } = await createApiToken(officer, { name: "script" });
    expect(summary.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(summary.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    expect(await answers(token)).toBe(200);
    await ownerQuery(
      `UPDATE "ApiToken" SET "createdAt" = now() - interval '91 days', "expiresAt" = now() - interval '1 minute' WHERE id = $1`,
      [summary.id],
    );
    expect(await answers(token)).toBe(401);

    const chosen = await createApiToken(officer, { name: "un mese", expiresInDays: "30" });
    expect(Math.round((chosen.summary.expiresAt.getTime() - Date.now()) / DAY_MS)).toBe(30);
    const error = await rejection(createApiToken(officer, { name: "troppo", expiresInDays: 400 }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.expiresInDays).toEqual(["Scegli una durata da 1 a 365 giorni."]);
  });

  it("the API takes the duration and answers 422 beyond 365 days", async () => {
    session.actor = await newOfficer(PAULLO);
    try {
      const created = await call("post", "tokens", { json: { name: "Script annuale", expiresInDays: 365 } });
      expect(created.status).toBe(201);
      const body = created.body as { expiresAt: string; token: string };
      expect(Math.round((Date.parse(body.expiresAt) - Date.now()) / DAY_MS)).toBe(365);
      const refused = await call("post", "tokens", { json: { name: "Troppo", expiresInDays: 400 } });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain("Scegli una durata da 1 a 365 giorni.");
    } finally {
      session.actor = null;
    }
  });
});

describe("administrators list and revoke any user's tokens", () => {
  it("lists them (never the secret) and revokes one: refused at once, audited", async () => {
    const officer = await newOfficer(PAULLO);
    const kept = await createApiToken(officer, { name: "tenuto" });
    const revoked = await createApiToken(officer, { name: "revocato" });
    const listed = await listUserApiTokens(admin, officer.userId);
    expect(listed.map((t) => t.name).sort()).toEqual(["revocato", "tenuto"]);
    expect(JSON.stringify(listed)).not.toContain(revoked.token);
    expect(Object.keys(listed[0]).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "revokedReason"].sort(),
    );

    const summary = await revokeUserApiToken(admin, officer.userId, revoked.summary.id);
    expect(summary.revokedReason).toBe("ADMIN");
    expect(await answers(revoked.token)).toBe(401);
    expect(await answers(kept.token)).toBe(200);
    const [audit] = await ownerQuery<{ actorId: string; comuneIstat: string }>(
      `SELECT "actorId", "comuneIstat" FROM "AuditEvent" WHERE entity = 'ApiToken' AND "entityId" = $1 AND action = 'REVOKE'`,
      [revoked.summary.id],
    );
    expect(audit).toEqual({ actorId: admin.userId, comuneIstat: PAULLO });
    // A token of another user, named with this user's id, is not found.
    const other = await newOfficer(PAULLO);
    const foreign = await createApiToken(other, { name: "altrui" });
    expect((await rejection(revokeUserApiToken(admin, officer.userId, foreign.summary.id))).code).toBe(
      "NOT_FOUND",
    );
    expect(await answers(foreign.token)).toBe(200);
  });

  it("officers and coordinators get 404, even for their own comune's users", async () => {
    const officer = await newOfficer(PAULLO);
    const { summary, token } = await createApiToken(officer, { name: "script" });
    for (const actor of [await actorFor(OFFICER_PAULLO), await actorFor(COORDINATOR), officer]) {
      expect((await rejection(listUserApiTokens(actor, officer.userId))).code).toBe("NOT_FOUND");
      expect((await rejection(revokeUserApiToken(actor, officer.userId, summary.id))).code).toBe("NOT_FOUND");
    }
    expect(await answers(token)).toBe(200);
    // Row-level security agrees: another officer of the same comune sees none of the user's tokens.
    const paullo = await actorFor(OFFICER_PAULLO);
    const seen = await appQuery(
      { role: "OFFICER", comune: PAULLO, user: paullo.userId },
      `SELECT id FROM "ApiToken" WHERE "userId" = $1`,
      [officer.userId],
    );
    expect(seen).toEqual([]);
  });
});
