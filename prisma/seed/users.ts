import { randomUUID } from "node:crypto";
import { hashPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/generated/prisma/client";
import type { SeedDb } from "./client";
import { seedUuid } from "./deterministic";

export type DemoAccount = {
  email: string;
  password: string;
  name: string;
  role: Role;
  comuneIstat: string | null;
};

/** Demo sign-ins with FIXED passwords: the README, the e2e tests and the seed read the same values. */
export const DEMO_ACCOUNTS = {
  admin: {
    email: "admin@smartland.example",
    password: "Admin-Demo-2026!",
    name: "Giulia Ferrari",
    role: "ADMIN",
    comuneIstat: null,
  },
  coordinator: {
    email: "coordinatore@anci.example",
    password: "Coord-Demo-2026!",
    name: "Marco Colombo",
    role: "COORDINATOR",
    comuneIstat: null,
  },
  sanDonato: {
    email: "referente.sandonato@smartland.example",
    password: "SanDonato-Demo-2026!",
    name: "Laura Brambilla",
    role: "OFFICER",
    comuneIstat: "015192",
  },
  paullo: {
    email: "referente.paullo@smartland.example",
    password: "Paullo-Demo-2026!",
    name: "Davide Galbiati",
    role: "OFFICER",
    comuneIstat: "015169",
  },
  melegnano: {
    email: "referente.melegnano@smartland.example",
    password: "Melegnano-Demo-2026!",
    name: "Francesca Riva",
    role: "OFFICER",
    comuneIstat: "015140",
  },
} as const satisfies Record<string, DemoAccount>;

export function demoUserId(email: string): string {
  return seedUuid(`user:${email.toLowerCase()}`);
}

/**
 * The demo accounts. An account that already exists is never touched (password, name, role, active
 * flag stay as they are), so a rerun changes nothing and a demo password changed by hand survives.
 */
export async function seedUsers(
  prisma: SeedDb,
  accounts: readonly DemoAccount[] = Object.values(DEMO_ACCOUNTS),
) {
  const existing = await prisma.user.findMany({
    where: { email: { in: accounts.map((a) => a.email) } },
    select: { email: true },
  });
  const known = new Set(existing.map((u) => u.email));
  let created = 0;
  for (const account of accounts) {
    if (known.has(account.email)) continue; // skip the Argon2 cost too
    const user = await prisma.user.upsert({
      where: { email: account.email },
      update: {},
      create: {
        id: demoUserId(account.email),
        email: account.email,
        name: account.name,
        role: account.role,
        comuneIstat: account.comuneIstat,
        passwordHash: await hashPassword(account.password),
      },
      select: { id: true },
    });
    if (user.id === demoUserId(account.email)) created++;
  }
  return { users: created };
}

export type CreateUserInput = {
  email: string;
  role: Role;
  comuneIstat?: string | null;
  /** hashed with Argon2id; omit for an account that cannot sign in with a password (invited, not activated) */
  password?: string | null;
  name?: string;
  active?: boolean;
  sessionVersion?: number;
};

/** Test factory: one user, random id. */
export async function createUser(prisma: SeedDb, input: CreateUserInput) {
  return prisma.user.create({
    data: {
      id: randomUUID(),
      email: input.email,
      name: input.name ?? input.email.split("@")[0]!,
      role: input.role,
      comuneIstat: input.comuneIstat ?? null,
      active: input.active ?? true,
      sessionVersion: input.sessionVersion ?? 1,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    },
  });
}
