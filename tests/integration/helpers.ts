import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchUsers } from "@/lib/users/list-users";

export const SAN_DONATO = "015192";
export const PAULLO = "015169";
export const MELEGNANO = "015140";

/** A connection as the database owner (superuser: bypasses RLS) for arranging and checking data. */
export async function ownerQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A connection as the application role, with the actor settings the app would set. */
export async function appQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  actor: { role: string; comune: string | null; user?: string | null } | null,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    if (actor) {
      await client.query(
        "SELECT set_config('app.role', $1, true), set_config('app.comune', $2, true), set_config('app.user', $3, true)",
        [actor.role, actor.comune ?? "", actor.user ?? ""],
      );
    }
    const rows = (await client.query<T>(sql, params)).rows;
    await client.query("COMMIT");
    return rows;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/** The Actor of a seeded demo user, as lib/auth would build it. */
export async function actorFor(email: string): Promise<Actor> {
  const [u] = await ownerQuery<{
    id: string;
    role: Actor["role"];
    comuneIstat: string | null;
    name: string;
    comune: string | null;
  }>(
    `SELECT u.id, u.role, u."comuneIstat", u.name, c.name AS comune FROM "User" u LEFT JOIN "Comune" c ON c.istat = u."comuneIstat" WHERE u.email = $1`,
    [email],
  );
  if (!u) throw new Error(`no demo user ${email}`);
  return {
    userId: u.id,
    role: u.role,
    comuneIstat: u.comuneIstat,
    name: u.name,
    email,
    comuneName: u.comune,
  };
}

export const OFFICER_SAN_DONATO = "referente.sandonato@smartland.example";
export const OFFICER_PAULLO = "referente.paullo@smartland.example";
export const OFFICER_MELEGNANO = "referente.melegnano@smartland.example";
export const COORDINATOR = "coordinatore@anci.example";
export const ADMIN = "admin@smartland.example";

/** A live project of a comune; with `partner`, one where that comune is a partner (or, `false`, is not). */
export async function projectOf(comune: string, opts: { partner?: string; notPartner?: string } = {}) {
  const rows = await ownerQuery<{ id: string; title: string }>(
    `SELECT p.id, p.title FROM "Project" p
      WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $2))
        AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $3))
      ORDER BY p.id LIMIT 1`,
    [comune, opts.partner ?? null, opts.notPartner ?? null],
  );
  if (!rows[0]) throw new Error(`no project for ${comune} ${JSON.stringify(opts)}`);
  return rows[0];
}

/** The administrator's list of users: the first page (up to 100) of the product's search. */
export async function listUsers(actor: Actor) {
  return (await searchUsers(actor, { pageSize: 100 })).items;
}

/**
 * A value as plain data for deep comparison, with its types kept visible: Decimals, Dates, bigints and
 * Maps as tagged text or objects (a number where a Decimal was expected is a difference). For the tests that
 * compare a raw-SQL read with the Prisma query it replaced.
 */
export function comparable(value: unknown): unknown {
  if (value instanceof Prisma.Decimal) return `Decimal(${value.toString()})`;
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (typeof value === "bigint") return `BigInt(${value})`;
  if (value instanceof Map) return comparable(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}
