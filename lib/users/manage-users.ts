import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { invalidField, parseOrThrow } from "@/lib/validation/parse";
import { isUuid } from "@/lib/ids.mjs";
import type { UserTokenKind } from "@/lib/generated/prisma/enums";
import { accountLinkMail } from "@/lib/mail/account-mail";
import { sendMail } from "@/lib/mail/send-mail";
import {
  USER_MESSAGES,
  userAssignmentSchema,
  userCreateSchema,
  userVersionSchema,
} from "@/lib/validation/users";
import { neverActivated } from "./list-users";
import { issueUserToken, userTokenLink, voidUserTokens } from "./tokens";

export const CONCURRENT_USER_EDIT =
  "Qualcun altro ha modificato questo utente mentre lo stavi modificando. Ricarica la pagina per vedere la versione aggiornata: le tue modifiche non sono state salvate.";
export const LAST_ADMIN =
  "È l'ultimo amministratore attivo: prima di cambiargli ruolo o disattivarlo nomina e attiva un altro amministratore.";
export const INACTIVE_USER = "L'utente è disattivato: riattivalo prima di generare un nuovo link.";
export const NOT_PENDING =
  "L'utente ha già attivato l'account: per una nuova password usa «Forza il cambio password».";

/** The link shown once to the administrator (and e-mailed when SMTP is configured). */
export type IssuedLink = {
  userId: string;
  email: string;
  /** The recipient's name, for the administrator's confirmation ("Link di attivazione per Maria Rossi creato."). */
  name: string;
  kind: UserTokenKind;
  link: string;
  expiresAt: Date;
  mailed: boolean;
};

function requireManager(actor: Actor) {
  if (!can(actor, "users.manage")) throw notFound();
}

const AUDITED = { email: true, name: true, role: true, comuneIstat: true, active: true } as const;

async function findUser(tx: Tx, id: string) {
  if (!isUuid(id)) throw notFound();
  const user = await tx.user.findUnique({
    where: { id },
    select: {
      ...AUDITED,
      id: true,
      version: true,
      passwordHash: true,
      passwordChangedAt: true,
      lastLoginAt: true,
    },
  });
  if (!user) throw notFound();
  return user;
}

function audited(user: {
  email: string;
  name: string;
  role: string;
  comuneIstat: string | null;
  active: boolean;
}) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    comuneIstat: user.comuneIstat,
    active: user.active,
  };
}

/** An officer's comune must be a member and not suspended (the session check refuses any other). */
async function assertAssignableComune(tx: Tx, istat: string) {
  const comune = await tx.comune.findUnique({ where: { istat }, select: { member: true, suspended: true } });
  if (!comune?.member || comune.suspended) throw invalidField("comuneIstat", USER_MESSAGES.comune);
}

/**
 * Refuses to leave the portal without an administrator who can log in. The active administrators' rows
 * are locked (FOR UPDATE, in id order), so two administrators demoting each other at the same moment
 * are serialized and the second one is refused.
 */
async function assertAnotherActiveAdmin(tx: Tx, userId: string, field?: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "User"
     WHERE role = 'ADMIN' AND active AND "passwordHash" IS NOT NULL
     ORDER BY id FOR UPDATE`;
  if (!admins.some((a) => a.id !== userId)) {
    throw field ? invalidField(field, LAST_ADMIN) : new AppError("INVALID", LAST_ADMIN);
  }
}

/** Every change: optimistic lock on `version`, and a new session version (sessions end at the next request). */
async function updateWithLock(tx: Tx, id: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.user.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 }, sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", CONCURRENT_USER_EDIT);
}

async function deliver(
  user: { id: string; email: string; name: string },
  kind: UserTokenKind,
  issued: { secret: string; expiresAt: Date },
): Promise<IssuedLink> {
  const link = userTokenLink(kind, issued.secret);
  const mailed = await sendMail(accountLinkMail(kind, user, link));
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    kind,
    link,
    expiresAt: issued.expiresAt,
    mailed,
  };
}

/**
 * Creates a user without a password and issues its activation link. An officer needs a member,
 * non-suspended comune; coordinators and administrators have none.
 */
export async function createUser(actor: Actor, input: unknown): Promise<IssuedLink> {
  requireManager(actor);
  const data = parseOrThrow(userCreateSchema, input);
  const { user, issued } = await withActor(actor, async (tx) => {
    if (data.comuneIstat) await assertAssignableComune(tx, data.comuneIstat);
    const taken = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (taken) throw invalidField("email", USER_MESSAGES.emailTaken);
    const user = await tx.user.create({
      data: { ...data, active: true, passwordHash: null },
      select: { ...AUDITED, id: true },
    });
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: user.id,
      action: "CREATE",
      comuneIstat: user.comuneIstat,
      after: audited(user),
    });
    const issued = await issueUserToken(tx, user.id, "ACTIVATION", actor.userId);
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: user.id,
      action: "ACTIVATION_LINK",
      comuneIstat: user.comuneIstat,
      after: { expiresAt: issued.expiresAt },
    });
    return { user, issued };
  });
  return deliver(user, "ACTIVATION", issued);
}

/** Changes role and/or comune. Demoting the last active administrator is refused. */
export async function updateUserAssignment(actor: Actor, id: string, input: unknown) {
  requireManager(actor);
  const data = parseOrThrow(userAssignmentSchema, input);
  await withActor(actor, async (tx) => {
    const current = await findUser(tx, id);
    if (current.version !== data.version) throw new AppError("CONFLICT", CONCURRENT_USER_EDIT);
    if (current.role === data.role && current.comuneIstat === data.comuneIstat) return;
    if (data.comuneIstat && (data.comuneIstat !== current.comuneIstat || current.role !== "OFFICER")) {
      await assertAssignableComune(tx, data.comuneIstat);
    }
    if (current.role === "ADMIN" && data.role !== "ADMIN") await assertAnotherActiveAdmin(tx, id, "role");
    await updateWithLock(tx, id, data.version, { role: data.role, comuneIstat: data.comuneIstat });
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: id,
      action: "UPDATE",
      comuneIstat: data.comuneIstat ?? current.comuneIstat,
      ...diff(
        { role: current.role, comuneIstat: current.comuneIstat },
        { role: data.role, comuneIstat: data.comuneIstat },
      ),
    });
  });
}

/**
 * Deactivation ends the user's sessions and voids their unused links; the last active administrator
 * stays. Reactivation gives back the account as it was (links are not revived).
 */
async function setActive(actor: Actor, id: string, input: unknown, active: boolean) {
  requireManager(actor);
  const { version } = parseOrThrow(userVersionSchema, input);
  await withActor(actor, async (tx) => {
    const current = await findUser(tx, id);
    if (current.active === active) return;
    if (!active && current.role === "ADMIN") await assertAnotherActiveAdmin(tx, id);
    await updateWithLock(tx, id, version, { active });
    if (!active) await voidUserTokens(tx, id);
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: id,
      action: active ? "REACTIVATE" : "DEACTIVATE",
      comuneIstat: current.comuneIstat,
      before: { active: !active },
      after: { active },
    });
  });
}

export function deactivateUser(actor: Actor, id: string, input: unknown) {
  return setActive(actor, id, input, false);
}

export function reactivateUser(actor: Actor, id: string, input: unknown) {
  return setActive(actor, id, input, true);
}

async function issueLink(actor: Actor, id: string, input: unknown, kind: UserTokenKind) {
  requireManager(actor);
  const { version } = parseOrThrow(userVersionSchema, input);
  const { user, issued } = await withActor(actor, async (tx) => {
    const current = await findUser(tx, id);
    if (!current.active) throw new AppError("INVALID", INACTIVE_USER);
    if (kind === "ACTIVATION" && !neverActivated(current)) {
      throw new AppError("INVALID", NOT_PENDING);
    }
    // A forced reset also retires the current password: until the link is used nobody can log in.
    await updateWithLock(tx, id, version, kind === "PASSWORD_RESET" ? { passwordHash: null } : {});
    const issued = await issueUserToken(tx, id, kind, actor.userId);
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: id,
      action: kind === "ACTIVATION" ? "ACTIVATION_LINK" : "PASSWORD_RESET_FORCED",
      comuneIstat: current.comuneIstat,
      after: { expiresAt: issued.expiresAt },
    });
    return { user: current, issued };
  });
  return deliver(user, kind, issued);
}

/** Ends the user's sessions, retires their password and issues a reset link (valid 72 hours). */
export function forcePasswordReset(actor: Actor, id: string, input: unknown) {
  return issueLink(actor, id, input, "PASSWORD_RESET");
}

/** A new activation link for a user who never set a password (the previous one stops working). */
export function resendActivation(actor: Actor, id: string, input: unknown) {
  return issueLink(actor, id, input, "ACTIVATION");
}
