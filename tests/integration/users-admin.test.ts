import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { verifyCredentials } from "@/lib/auth/credentials";
import { AppError } from "@/lib/errors";
import { changeOwnPassword, getOwnProfile } from "@/lib/users/change-password";
import { getUserForActor as getUserForAdmin } from "@/lib/users/get-user";
import { countUsers, getUserFormOptions, searchUsers } from "@/lib/users/list-users";
import {
  CONCURRENT_USER_EDIT,
  createUser,
  deactivateUser,
  forcePasswordReset,
  LAST_ADMIN,
  reactivateUser,
  resendActivation,
  updateUserAssignment,
  type IssuedLink,
} from "@/lib/users/manage-users";
import { INVALID_LINK, inspectLink, redeemLink } from "@/lib/users/redeem-link";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  listUsers,
  MELEGNANO,
  OFFICER_PAULLO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

// Messages written out so a changed text is noticed.
const TOO_SHORT = "La password deve avere almeno 12 caratteri.";
const COMMON = "Questa password è tra le più usate e facili da indovinare: scegline un'altra.";
const EQUALS_EMAIL = "La password non può coincidere con il tuo indirizzo email.";
const MISMATCH = "Le due password non coincidono.";
const WRONG_CURRENT = "La password attuale non è corretta.";
const COMUNE_NOT_ASSIGNABLE = "Scegli un comune aderente e non sospeso.";
const COMUNE_REQUIRED = "Scegli il comune del referente.";

// The configured public URL (NEXTAUTH_URL) is the only base of one-time links.
const ORIGIN = "http://portale.test";
process.env.NEXTAUTH_URL = ORIGIN;
const GOOD_PASSWORD = "Vigneto-Lodigiano-2026";

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

let seq = 0;
const newEmail = (tag: string) => `${tag}.${Date.now().toString(36)}.${++seq}@prova.example`;
const secretOf = (link: string) => link.split("/").pop()!;

async function userRow(id: string) {
  const [row] = await ownerQuery<{
    version: number;
    sessionVersion: number;
    active: boolean;
    role: string;
    comuneIstat: string | null;
    passwordHash: string | null;
  }>(
    `SELECT version, "sessionVersion", active, role::text AS role, "comuneIstat", "passwordHash" FROM "User" WHERE id = $1`,
    [id],
  );
  return row;
}

/** Creates a user through the admin flow and activates it through its link; returns its live Actor. */
async function activeUser(
  admin: Actor,
  input: { role: string; comuneIstat?: string; tag?: string },
): Promise<{ issued: IssuedLink; email: string; actor: Actor }> {
  const email = newEmail(input.tag ?? input.role.toLowerCase());
  const issued = await createUser(admin, { name: `Utente ${seq}`, email, ...input });
  await redeemLink("ACTIVATION", secretOf(issued.link), {
    password: GOOD_PASSWORD,
    passwordConfirm: GOOD_PASSWORD,
  });
  const row = await userRow(issued.userId);
  const actor = await loadActor(issued.userId, row.sessionVersion);
  if (!actor) throw new Error("activated user has no valid session");
  return { issued, email, actor };
}

let admin: Actor;
let coordinator: Actor;
let officer: Actor;

beforeAll(async () => {
  admin = await actorFor(ADMIN);
  coordinator = await actorFor(COORDINATOR);
  officer = await actorFor(OFFICER_PAULLO);
});

describe("creating users", () => {
  it("creates an officer for a member comune, a coordinator and an administrator, each with an activation link", async () => {
    for (const input of [
      { role: "OFFICER", comuneIstat: PAULLO },
      { role: "COORDINATOR", comuneIstat: PAULLO }, // ignored: coordinators have no comune
      { role: "ADMIN" },
    ]) {
      const email = newEmail("nuovo");
      const issued = await createUser(admin, { name: " Maria Rossi ", email: email.toUpperCase(), ...input });
      expect(issued.kind).toBe("ACTIVATION");
      expect(issued.mailed).toBe(false); // no SMTP_URL in the tests
      expect(issued.link).toMatch(new RegExp(`^${ORIGIN}/attiva/[A-Za-z0-9_-]{43}$`));
      const [user] = await ownerQuery<{
        email: string;
        name: string;
        role: string;
        comuneIstat: string | null;
        passwordHash: string | null;
        active: boolean;
      }>(
        `SELECT email, name, role::text AS role, "comuneIstat", "passwordHash", active FROM "User" WHERE id = $1`,
        [issued.userId],
      );
      expect(user).toEqual({
        email,
        name: "Maria Rossi",
        role: input.role,
        comuneIstat: input.role === "OFFICER" ? PAULLO : null,
        passwordHash: null,
        active: true,
      });
      const audit = await ownerQuery<{ action: string; after: unknown }>(
        `SELECT action, after FROM "AuditEvent" WHERE entity = 'User' AND "entityId" = $1 ORDER BY id`,
        [issued.userId],
      );
      expect(audit.map((a) => a.action)).toEqual(["CREATE", "ACTIVATION_LINK"]);
      expect(JSON.stringify(audit)).not.toContain(secretOf(issued.link));
    }
  });

  it("stores only the SHA-256 of the link's secret", async () => {
    const issued = await createUser(admin, {
      name: "Luca Bianchi",
      email: newEmail("hash"),
      role: "COORDINATOR",
    });
    const secret = secretOf(issued.link);
    const tokens = await ownerQuery<{
      tokenHash: string;
      kind: string;
      expiresAt: Date;
      usedAt: Date | null;
    }>(`SELECT "tokenHash", kind::text AS kind, "expiresAt", "usedAt" FROM "UserToken" WHERE "userId" = $1`, [
      issued.userId,
    ]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0].tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(tokens[0].tokenHash).not.toContain(secret);
    expect(tokens[0].kind).toBe("ACTIVATION");
    const hours = (issued.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const leaked = await ownerQuery(`SELECT 1 FROM "UserToken" WHERE "tokenHash" = $1`, [secret]);
    expect(leaked).toHaveLength(0);
  });

  it("an officer needs a member, non-suspended comune", async () => {
    const base = { name: "Referente di prova", role: "OFFICER" };
    let e = await rejection(createUser(admin, { ...base, email: newEmail("nocomune") }));
    expect(e.fieldErrors.comuneIstat).toEqual([COMUNE_REQUIRED]);

    const [nonMember] = await ownerQuery<{ istat: string }>(
      `SELECT istat FROM "Comune" WHERE NOT member ORDER BY istat LIMIT 1`,
    );
    e = await rejection(
      createUser(admin, { ...base, email: newEmail("nonmember"), comuneIstat: nonMember.istat }),
    );
    expect(e.fieldErrors.comuneIstat).toEqual([COMUNE_NOT_ASSIGNABLE]);

    await ownerQuery(`UPDATE "Comune" SET suspended = true WHERE istat = $1`, [MELEGNANO]);
    try {
      e = await rejection(
        createUser(admin, { ...base, email: newEmail("suspended"), comuneIstat: MELEGNANO }),
      );
      expect(e.fieldErrors.comuneIstat).toEqual([COMUNE_NOT_ASSIGNABLE]);
    } finally {
      await ownerQuery(`UPDATE "Comune" SET suspended = false WHERE istat = $1`, [MELEGNANO]);
    }
    const options = await getUserFormOptions(admin);
    expect(options.assignableComuni.map((o) => o.value)).toContain(PAULLO);
    expect(options.assignableComuni.map((o) => o.value)).not.toContain(nonMember.istat);
  });

  it("names the new user in the issued link, for the administrator's confirmation", async () => {
    const issued = await createUser(admin, {
      name: " Maria Rossi ",
      email: newEmail("nome"),
      role: "COORDINATOR",
    });
    expect(issued.name).toBe("Maria Rossi");
  });

  it("refuses an invalid or already used e-mail with a field error", async () => {
    let e = await rejection(createUser(admin, { name: "Anna", email: "non-una-email", role: "COORDINATOR" }));
    expect(e.fieldErrors.email).toBeDefined();
    e = await rejection(
      createUser(admin, { name: "Anna", email: OFFICER_PAULLO.toUpperCase(), role: "COORDINATOR" }),
    );
    expect(e.fieldErrors.email).toEqual(["Esiste già un utente con questo indirizzo email."]);
  });
});

describe("activation and reset links", () => {
  it("a link sets the password once; a second use, an expired or a replaced link is refused", async () => {
    const issued = await createUser(admin, {
      name: "Giulia Verdi",
      email: newEmail("once"),
      role: "OFFICER",
      comuneIstat: PAULLO,
    });
    const secret = secretOf(issued.link);
    expect(await inspectLink("ACTIVATION", secret)).toMatchObject({ name: "Giulia Verdi" });
    expect(await inspectLink("PASSWORD_RESET", secret)).toBeNull(); // wrong kind of link
    const before = await userRow(issued.userId);

    // A refused password does not burn the link.
    const weak = await rejection(
      redeemLink("ACTIVATION", secret, { password: "corta", passwordConfirm: "corta" }),
    );
    expect(weak.fieldErrors.password).toEqual([TOO_SHORT]);

    await redeemLink("ACTIVATION", secret, { password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD });
    const after = await userRow(issued.userId);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const [{ email }] = await ownerQuery<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [
      issued.userId,
    ]);
    expect(await verifyCredentials(email, GOOD_PASSWORD)).not.toBeNull();

    const again = await rejection(
      redeemLink("ACTIVATION", secret, {
        password: "Un'altra-password-2026",
        passwordConfirm: "Un'altra-password-2026",
      }),
    );
    expect(again.message).toBe(INVALID_LINK);
    expect(await inspectLink("ACTIVATION", secret)).toBeNull();
    const events = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'User' AND "entityId" = $1 ORDER BY id`,
      [issued.userId],
    );
    expect(events.map((e) => e.action)).toEqual(["CREATE", "ACTIVATION_LINK", "ACTIVATE"]);
  });

  it("two concurrent redemptions: exactly one wins", async () => {
    const issued = await createUser(admin, {
      name: "Pari Tempo",
      email: newEmail("race"),
      role: "COORDINATOR",
    });
    const body = { password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD };
    const results = await Promise.allSettled([
      redeemLink("ACTIVATION", secretOf(issued.link), body),
      redeemLink("ACTIVATION", secretOf(issued.link), body),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("an expired link is refused", async () => {
    const issued = await createUser(admin, {
      name: "Scaduto",
      email: newEmail("expired"),
      role: "COORDINATOR",
    });
    await ownerQuery(
      `UPDATE "UserToken" SET "expiresAt" = "expiresAt" - interval '73 hours' WHERE "userId" = $1`,
      [issued.userId],
    );
    const secret = secretOf(issued.link);
    expect(await inspectLink("ACTIVATION", secret)).toBeNull();
    const e = await rejection(
      redeemLink("ACTIVATION", secret, { password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD }),
    );
    expect(e.message).toBe(INVALID_LINK);
    expect((await userRow(issued.userId)).passwordHash).toBeNull();
  });

  it("a new link voids the older unused one; a malformed or unknown secret finds nothing", async () => {
    const first = await createUser(admin, {
      name: "Due Link",
      email: newEmail("twice"),
      role: "COORDINATOR",
    });
    const row = await userRow(first.userId);
    const second = await resendActivation(admin, first.userId, { version: row.version });
    expect(second.link).not.toBe(first.link);
    expect(await inspectLink("ACTIVATION", secretOf(first.link))).toBeNull();
    expect(await inspectLink("ACTIVATION", secretOf(second.link))).not.toBeNull();
    expect(await inspectLink("ACTIVATION", "x")).toBeNull();
    expect(await inspectLink("ACTIVATION", "A".repeat(43))).toBeNull();
  });

  it("a forced reset ends the sessions, retires the old password and issues a reset link", async () => {
    const { issued, email, actor } = await activeUser(admin, { role: "OFFICER", comuneIstat: SAN_DONATO });
    const row = await userRow(issued.userId);
    const reset = await forcePasswordReset(admin, issued.userId, { version: row.version });
    expect(reset.link).toMatch(new RegExp(`^${ORIGIN}/reimposta/`));
    expect(await loadActor(actor.userId, row.sessionVersion)).toBeNull();
    expect(await verifyCredentials(email, GOOD_PASSWORD)).toBeNull();
    // A reset link is not an activation link, and the user already activated.
    expect(await inspectLink("ACTIVATION", secretOf(reset.link))).toBeNull();
    const again = await userRow(issued.userId);
    expect((await rejection(resendActivation(admin, issued.userId, { version: again.version }))).code).toBe(
      "INVALID",
    );

    const next = "Nuova-Password-Lodi-77";
    await redeemLink("PASSWORD_RESET", secretOf(reset.link), { password: next, passwordConfirm: next });
    expect(await verifyCredentials(email, next)).not.toBeNull();
  });

  it("a deactivated user's link stops working", async () => {
    const issued = await createUser(admin, {
      name: "Disattivato",
      email: newEmail("deact"),
      role: "COORDINATOR",
    });
    await deactivateUser(admin, issued.userId, { version: (await userRow(issued.userId)).version });
    expect(await inspectLink("ACTIVATION", secretOf(issued.link))).toBeNull();
    const row = await userRow(issued.userId);
    const e = await rejection(forcePasswordReset(admin, issued.userId, { version: row.version }));
    expect(e.code).toBe("INVALID");
  });
});

describe("password rules", () => {
  it("refuses short, common and e-mail passwords, and a confirmation that differs", async () => {
    const email = newEmail("regole");
    const issued = await createUser(admin, { name: "Regole", email, role: "COORDINATOR" });
    const secret = secretOf(issued.link);
    const cases: [string, string, Record<string, string[]>][] = [
      ["Breve-1", "Breve-1", { password: [TOO_SHORT] }],
      ["1qaz2wsx3edc", "1qaz2wsx3edc", { password: [COMMON] }],
      ["PasswordPassword", "PasswordPassword", { password: [COMMON] }],
      [email.toUpperCase(), email.toUpperCase(), { password: [EQUALS_EMAIL] }],
      [GOOD_PASSWORD, `${GOOD_PASSWORD}x`, { passwordConfirm: [MISMATCH] }],
      ["x".repeat(129), "x".repeat(129), { password: ["La password può avere al massimo 128 caratteri."] }],
    ];
    for (const [password, passwordConfirm, fieldErrors] of cases) {
      const e = await rejection(redeemLink("ACTIVATION", secret, { password, passwordConfirm }));
      expect(e.code, password).toBe("INVALID");
      expect(e.fieldErrors, password).toEqual(fieldErrors);
    }
    // None of them consumed the link.
    expect(await inspectLink("ACTIVATION", secret)).not.toBeNull();
  });

  it("own password change: the current password is checked, the session version bumped", async () => {
    const { issued, email, actor } = await activeUser(admin, {
      role: "OFFICER",
      comuneIstat: PAULLO,
      tag: "profilo",
    });
    expect(await getOwnProfile(actor)).toMatchObject({ email, role: "OFFICER", comune: { istat: PAULLO } });
    const next = "Cascina-Sud-Est-2027";
    let e = await rejection(
      changeOwnPassword(actor, {
        currentPassword: "sbagliata-davvero",
        password: next,
        passwordConfirm: next,
      }),
    );
    expect(e.fieldErrors).toEqual({ currentPassword: [WRONG_CURRENT] });
    e = await rejection(
      changeOwnPassword(actor, {
        currentPassword: GOOD_PASSWORD,
        password: "1qaz2wsx3edc",
        passwordConfirm: "1qaz2wsx3edc",
      }),
    );
    expect(e.fieldErrors).toEqual({ password: [COMMON] });
    e = await rejection(
      changeOwnPassword(actor, {
        currentPassword: GOOD_PASSWORD,
        password: GOOD_PASSWORD,
        passwordConfirm: GOOD_PASSWORD,
      }),
    );
    expect(e.fieldErrors.password).toEqual(["La nuova password deve essere diversa da quella attuale."]);
    const before = await userRow(issued.userId);
    expect(await loadActor(actor.userId, before.sessionVersion)).not.toBeNull();

    await changeOwnPassword(actor, { currentPassword: GOOD_PASSWORD, password: next, passwordConfirm: next });
    const after = await userRow(issued.userId);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await loadActor(actor.userId, before.sessionVersion)).toBeNull();
    expect(await verifyCredentials(email, GOOD_PASSWORD)).toBeNull();
    expect(await verifyCredentials(email, next)).not.toBeNull();
    const [event] = await ownerQuery<{ action: string; actorId: string; after: unknown }>(
      `SELECT action, "actorId"::text AS "actorId", after FROM "AuditEvent" WHERE entity = 'User' AND "entityId" = $1 ORDER BY id DESC LIMIT 1`,
      [issued.userId],
    );
    expect(event).toMatchObject({ action: "PASSWORD_CHANGE", actorId: issued.userId });
    expect(JSON.stringify(event.after)).not.toMatch(/argon2|Cascina/);
  });
});

describe("changing, deactivating and protecting users", () => {
  it("role, comune and deactivation each bump the session version: the old session is refused", async () => {
    const { issued, actor } = await activeUser(admin, { role: "OFFICER", comuneIstat: PAULLO });
    let row = await userRow(issued.userId);

    await updateUserAssignment(admin, issued.userId, {
      role: "OFFICER",
      comuneIstat: SAN_DONATO,
      version: row.version,
    });
    expect(await loadActor(actor.userId, row.sessionVersion)).toBeNull();
    row = await userRow(issued.userId);
    expect(row).toMatchObject({ comuneIstat: SAN_DONATO });
    expect(await loadActor(actor.userId, row.sessionVersion)).toMatchObject({ comuneIstat: SAN_DONATO });

    await updateUserAssignment(admin, issued.userId, {
      role: "COORDINATOR",
      comuneIstat: SAN_DONATO,
      version: row.version,
    });
    expect(await loadActor(actor.userId, row.sessionVersion)).toBeNull();
    row = await userRow(issued.userId);
    expect(row).toMatchObject({ role: "COORDINATOR", comuneIstat: null });

    await deactivateUser(admin, issued.userId, { version: row.version });
    expect(await loadActor(actor.userId, row.sessionVersion)).toBeNull();
    row = await userRow(issued.userId);
    expect(row.active).toBe(false);
    expect(await loadActor(actor.userId, row.sessionVersion)).toBeNull();

    await reactivateUser(admin, issued.userId, { version: row.version });
    row = await userRow(issued.userId);
    expect(await loadActor(actor.userId, row.sessionVersion)).toMatchObject({ role: "COORDINATOR" });

    const events = await ownerQuery<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM "AuditEvent" WHERE entity = 'User' AND "entityId" = $1 AND "actorId" = $2 ORDER BY id`,
      [issued.userId, admin.userId],
    );
    expect(events.map((e) => e.action)).toEqual([
      "CREATE",
      "ACTIVATION_LINK",
      "UPDATE",
      "UPDATE",
      "DEACTIVATE",
      "REACTIVATE",
    ]);
    expect(events[2]).toMatchObject({ before: { comuneIstat: PAULLO }, after: { comuneIstat: SAN_DONATO } });
    expect(JSON.stringify(events)).not.toContain("argon2");
  });

  it("an officer cannot be moved to a non-member comune", async () => {
    const { issued } = await activeUser(admin, { role: "OFFICER", comuneIstat: PAULLO });
    const [nonMember] = await ownerQuery<{ istat: string }>(
      `SELECT istat FROM "Comune" WHERE NOT member LIMIT 1`,
    );
    const row = await userRow(issued.userId);
    const e = await rejection(
      updateUserAssignment(admin, issued.userId, {
        role: "OFFICER",
        comuneIstat: nonMember.istat,
        version: row.version,
      }),
    );
    expect(e.fieldErrors.comuneIstat).toEqual([COMUNE_NOT_ASSIGNABLE]);
    expect((await userRow(issued.userId)).sessionVersion).toBe(row.sessionVersion);
  });

  it("a stale version is refused with a conflict and nothing is written", async () => {
    const { issued } = await activeUser(admin, { role: "OFFICER", comuneIstat: PAULLO });
    const row = await userRow(issued.userId);
    await updateUserAssignment(admin, issued.userId, {
      role: "OFFICER",
      comuneIstat: SAN_DONATO,
      version: row.version,
    });
    // One after the other: started together, a refusal not yet awaited is an unhandled rejection.
    for (const attempt of [
      () => updateUserAssignment(admin, issued.userId, { role: "COORDINATOR", version: row.version }),
      () => deactivateUser(admin, issued.userId, { version: row.version }),
      () => forcePasswordReset(admin, issued.userId, { version: row.version }),
    ]) {
      const e = await rejection(attempt());
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toBe(CONCURRENT_USER_EDIT);
    }
    expect(await userRow(issued.userId)).toMatchObject({
      role: "OFFICER",
      comuneIstat: SAN_DONATO,
      active: true,
    });
  });

  it("the last active administrator can be neither demoted nor deactivated; with two, one can", async () => {
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "User" WHERE role = 'ADMIN' AND active AND "passwordHash" IS NOT NULL`,
    );
    expect(n).toBe(1);
    let row = await userRow(admin.userId);
    let e = await rejection(
      updateUserAssignment(admin, admin.userId, { role: "COORDINATOR", version: row.version }),
    );
    expect(e.fieldErrors.role).toEqual([LAST_ADMIN]);
    e = await rejection(deactivateUser(admin, admin.userId, { version: row.version }));
    expect(e.message).toBe(LAST_ADMIN);
    // A pending administrator (no password yet) does not count: nobody could log in as them.
    const pending = await createUser(admin, {
      name: "Admin in attesa",
      email: newEmail("admin"),
      role: "ADMIN",
    });
    e = await rejection(deactivateUser(admin, admin.userId, { version: row.version }));
    expect(e.message).toBe(LAST_ADMIN);
    expect(await userRow(admin.userId)).toMatchObject({
      role: "ADMIN",
      active: true,
      sessionVersion: row.sessionVersion,
    });

    // A second, active administrator: now one of the two can be demoted…
    const second = await activeUser(admin, { role: "ADMIN", tag: "admin2" });
    const third = await activeUser(admin, { role: "ADMIN", tag: "admin3" });
    let secondRow = await userRow(second.issued.userId);
    await updateUserAssignment(admin, second.issued.userId, {
      role: "COORDINATOR",
      version: secondRow.version,
    });
    secondRow = await userRow(second.issued.userId);
    expect(secondRow.role).toBe("COORDINATOR");
    // …and deactivated, while another remains.
    const thirdRow = await userRow(third.issued.userId);
    await deactivateUser(admin, third.issued.userId, { version: thirdRow.version });
    row = await userRow(admin.userId);
    e = await rejection(deactivateUser(admin, admin.userId, { version: row.version }));
    expect(e.message).toBe(LAST_ADMIN);

    // Two administrators demoting each other at the same moment: exactly one succeeds.
    const fourth = await activeUser(admin, { role: "ADMIN", tag: "admin4" });
    const fourthRow = await userRow(fourth.issued.userId);
    const results = await Promise.allSettled([
      updateUserAssignment(admin, fourth.issued.userId, { role: "COORDINATOR", version: fourthRow.version }),
      updateUserAssignment(fourth.actor, admin.userId, { role: "COORDINATOR", version: row.version }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [{ admins }] = await ownerQuery<{ admins: number }>(
      `SELECT count(*)::int AS admins FROM "User" WHERE role = 'ADMIN' AND active AND "passwordHash" IS NOT NULL`,
    );
    expect(admins).toBe(1);
    // Leave the seeded administrator in place for the following tests.
    if ((await userRow(admin.userId)).role !== "ADMIN") {
      await ownerQuery(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [admin.userId]);
    }
    void pending;
  });
});

describe("the administration is for administrators only", () => {
  it("coordinators and officers get 'not found' from every users function", async () => {
    const target = await actorFor(OFFICER_PAULLO);
    const v = { version: (await userRow(target.userId)).version };
    for (const actor of [coordinator, officer]) {
      const attempts: Promise<unknown>[] = [
        listUsers(actor),
        searchUsers(actor, { q: "a" }),
        countUsers(actor),
        getUserFormOptions(actor),
        getUserForAdmin(actor, target.userId),
        getUserForAdmin(actor, actor.userId),
        createUser(actor, { name: "Intruso", email: newEmail("x"), role: "ADMIN" }),
        updateUserAssignment(actor, target.userId, { role: "ADMIN", version: v.version }),
        updateUserAssignment(actor, actor.userId, { role: "ADMIN", version: 1 }),
        deactivateUser(actor, target.userId, v),
        reactivateUser(actor, target.userId, v),
        forcePasswordReset(actor, target.userId, v),
        resendActivation(actor, target.userId, v),
      ];
      for (const attempt of attempts) expect((await rejection(attempt)).code).toBe("NOT_FOUND");
    }
    expect(await userRow(target.userId)).toMatchObject({ version: v.version, role: "OFFICER", active: true });
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "User" WHERE name = 'Intruso'`,
    );
    expect(n).toBe(0);
  });

  it("an unknown or malformed id is 'not found' for the administrator too", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "non-un-id", "1; DROP TABLE"]) {
      expect((await rejection(getUserForAdmin(admin, id))).code).toBe("NOT_FOUND");
      expect((await rejection(deactivateUser(admin, id, { version: 1 }))).code).toBe("NOT_FOUND");
    }
  });

  it("search by name or e-mail, filters by role, comune and state, paginated", async () => {
    const all = await searchUsers(admin, {});
    expect(all.total).toBeGreaterThanOrEqual(5);
    const paullo = await searchUsers(admin, { q: "PAULLO" });
    expect(paullo.items.map((u) => u.email)).toContain(OFFICER_PAULLO);
    const officers = await searchUsers(admin, { role: "OFFICER", comuneIstat: PAULLO });
    expect(officers.items.every((u) => u.role === "OFFICER" && u.comune?.istat === PAULLO)).toBe(true);
    const pending = await searchUsers(admin, { state: "pending" });
    expect(pending.items.every((u) => u.state === "pending")).toBe(true);
    expect(pending.total).toBeGreaterThan(0);
    const inactive = await searchUsers(admin, { state: "inactive" });
    expect(inactive.items.every((u) => !u.active)).toBe(true);
    const paged = await searchUsers(admin, { pageSize: 2, page: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.page).toBe(2);
    expect(JSON.stringify(all.items)).not.toContain("argon2");
    const counts = await countUsers(admin);
    expect(counts.total).toBe(all.total);
  });
});
