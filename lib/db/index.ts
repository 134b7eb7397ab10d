import { createHash } from "node:crypto";
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/lib/errors";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { currentRequestId } from "@/lib/log/request-context.mjs";

export type Tx = Prisma.TransactionClient;

/** What PostgreSQL needs to know about the actor; row-level security policies read these settings. */
export type DbActor = {
  role: "OFFICER" | "COORDINATOR" | "ADMIN" | "SYSTEM" | "PUBLIC";
  comuneIstat: string | null;
  userId: string | null;
};

/** The actor for work no user does directly: credential checks, session checks. */
export const SYSTEM: DbActor = { role: "SYSTEM", comuneIstat: null, userId: null };

/** The anonymous reader of public pages and open data: live projects and their funding lines only (RLS). */
export const PUBLIC_READER: DbActor = { role: "PUBLIC", comuneIstat: null, userId: null };

// `smartlandDb` keeps its older spelling: the integration tests reset the client through this very key.
const globalForDb = globalThis as unknown as { smartlandDb?: PrismaClient; smartLandPool?: pg.Pool };

function databaseUrl(): string {
  // The app connects as the restricted role (no superuser, no BYPASSRLS); DATABASE_URL is the owner.
  const url = process.env.APP_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL (or DATABASE_URL) is not set");
  return url;
}

/** The connection pool under the shared client, also used as is by `readRows`. */
function pool(): pg.Pool {
  // A new pool after `db().$disconnect()` ended this one (scripts do, at their end).
  if (!globalForDb.smartLandPool || globalForDb.smartLandPool.ending) {
    const created = new pg.Pool({
      connectionString: databaseUrl(),
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection the server closed (restart, failover, administrator): the pool drops it and opens
    // another at the next query; unhandled, the event would end the process.
    created.on("error", (e) => noteDatabaseUnavailable(e));
    globalForDb.smartLandPool = created;
  }
  return globalForDb.smartLandPool;
}

/** The shared client. Only `withActor` should use it for tenant data: outside a transaction no actor is set and every tenant table reads empty. */
export function db(): PrismaClient {
  globalForDb.smartlandDb ??= new PrismaClient({
    adapter: new PrismaPg(pool(), { disposeExternalPool: true }),
  });
  return globalForDb.smartlandDb;
}

/**
 * One read statement outside any transaction, straight on the pool: for the two lookups every signed-in
 * page makes (the session's user, a comune's revision), where Prisma's raw-query path costs more CPU than
 * the query (docs/benchmarks.md). Values are bound parameters ($1, $2…); rows come as pg returns them
 * (bigint and numeric as strings). No actor is set: only what needs none (definer functions, revisions).
 */
export async function readRows<T>(text: string, values: unknown[]): Promise<T[]> {
  try {
    return (await pool().query(text, values)).rows as T[];
  } catch (e) {
    noteDatabaseUnavailable(e);
    throw e;
  }
}

/**
 * A transaction on a raw `pg` connection that reads like Prisma's: `$queryRaw` takes the same tagged
 * templates and `Prisma.sql` fragments, and sends them as one bound statement. Rows come as pg returns
 * them: int4 as numbers, int8 and numeric as strings (the roll-up's queries cast what they return), json
 * parsed. For reads whose statements are all raw SQL (the roll-up): Prisma's raw-query path costs more CPU
 * per row than PostgreSQL's aggregate (docs/benchmarks.md).
 */
export type SqlTx = {
  $queryRaw<T = unknown[]>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  /**
   * The same, as a prepared statement of this connection (named by a hash of its text): parsed once per
   * connection, and after a few executions PostgreSQL may keep a generic plan instead of planning each
   * time. For the statements every page view runs (a project, a list page, a dashboard) whose planning
   * costs as much as their execution; not for the roll-up's, whose best plan depends on the filters' values.
   */
  $queryPrepared<T = unknown[]>(query: Prisma.Sql): Promise<T>;
};

export function sqlTx(client: pg.PoolClient): SqlTx {
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[]));
      return (await client.query(sql.text, sql.values)).rows as T;
    },
    async $queryPrepared<T>(sql: Prisma.Sql) {
      return (await client.query({ name: statementName(sql.text), text: sql.text, values: sql.values }))
        .rows as T;
    },
  };
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: the same text, the same name (pg refuses one name for two texts). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    // The texts are the code's own (a bounded set: a list's filters combine into a few hundred at most).
    if (statementNames.size < 5_000) statementNames.set(text, name);
  }
  return name;
}

/** The connection pool under the shared client (raw reads in an actor's transaction: lib/db/reader.ts). */
export function primaryPool(): pg.Pool {
  db();
  return pool();
}

/**
 * An actor's READ ONLY transaction on a raw `pg` connection: BEGIN, the snapshot to share or import, and
 * the actor's settings (those of actorTransaction, plus a statement timeout) go out as one simple query —
 * one round trip where Prisma's interactive transaction makes three or four. `client` is released by the
 * caller. The settings are literals escaped by pg (a simple query takes no parameters).
 */
export async function beginActorRead(
  client: pg.PoolClient,
  actor: DbActor,
  options: { repeatableRead?: boolean; snapshot?: string; exportSnapshot?: boolean } = {},
): Promise<string | null> {
  const snapshot = options.snapshot;
  if (snapshot !== undefined && !/^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/i.test(snapshot)) {
    throw new Error(`not a snapshot id: ${snapshot}`);
  }
  const lit = (v: string) => client.escapeLiteral(v);
  const isolation = options.repeatableRead || snapshot ? "ISOLATION LEVEL REPEATABLE READ " : "";
  const results = (await client.query(
    [
      `BEGIN ${isolation}READ ONLY`,
      ...(snapshot ? [`SET TRANSACTION SNAPSHOT ${lit(snapshot)}`] : []),
      `SELECT set_config('app.role', ${lit(actor.role)}, true),
        set_config('app.comune', ${lit(actor.comuneIstat ?? "")}, true),
        set_config('app.user', ${lit(actor.userId ?? "")}, true),
        set_config('app.request_id', ${lit(currentRequestId() ?? "")}, true),
        set_config('TimeZone', 'UTC', true), set_config('statement_timeout', '15000', true)`,
      ...(options.exportSnapshot ? ["SELECT pg_export_snapshot() AS id"] : []),
    ].join(";\n"),
  )) as unknown as pg.QueryResult<{ id: string }>[];
  return options.exportSnapshot ? (results.at(-1)?.rows[0]?.id ?? null) : null;
}

/** A connection of the pool for a raw transaction; a refusal is noted as an outage (lib/errors). */
async function connectClient(): Promise<pg.PoolClient> {
  try {
    return await pool().connect();
  } catch (e) {
    noteDatabaseUnavailable(e);
    throw e;
  }
}

/**
 * withActor for reads written in raw SQL only, on a raw `pg` connection of the same pool: a READ ONLY
 * transaction opened in one round trip (beginActorRead), rows as pg returns them (SqlTx). For the pages
 * every officer opens all day (the comune dashboard), where Prisma's query path costs more CPU than the
 * queries. Always on the primary, like withActor: an officer's own pages read their own writes.
 */
export async function withActorSql<T>(actor: DbActor, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await connectClient();
  let failed: unknown;
  try {
    await beginActorRead(client, actor);
    const result = await fn(sqlTx(client));
    await client.query("COMMIT");
    return result;
  } catch (e) {
    failed = e;
    await client.query("ROLLBACK").catch(() => {});
    noteDatabaseUnavailable(e);
    throw e;
  } finally {
    // A broken connection is not handed back to the pool.
    client.release(isDatabaseUnavailable(failed) ? (failed as Error) : undefined);
  }
}

/** How long a transaction may wait for a connection and run. */
export type TxOptions = { timeout?: number; maxWait?: number };

/**
 * An actor's transaction on `client` (the primary's or a replica's): the first statement sets the actor's
 * settings, transaction-local (`set_config(…, true)`), so nothing outlives the transaction on a pooled or
 * pgbouncer-shared connection. `readOnly` makes the transaction READ ONLY (a write in it fails). Errors
 * are the caller's to classify: withActor and lib/db/reader.ts do it differently.
 */
export function actorTransaction<T>(
  client: PrismaClient,
  actor: DbActor,
  fn: (tx: Tx) => Promise<T>,
  options?: TxOptions & { readOnly?: boolean },
): Promise<T> {
  const readOnly = options?.readOnly
    ? Prisma.sql`, set_config('transaction_read_only', 'on', true)`
    : Prisma.empty;
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.role', ${actor.role}, true),
        set_config('app.comune', ${actor.comuneIstat ?? ""}, true),
        set_config('app.user', ${actor.userId ?? ""}, true),
        set_config('app.request_id', ${currentRequestId() ?? ""}, true),
        set_config('TimeZone', 'UTC', true)${readOnly}`;
      return fn(tx);
    },
    { maxWait: options?.maxWait ?? 5_000, timeout: options?.timeout ?? 15_000 },
  );
}

/**
 * The one way to reach tenant data: a transaction whose first statement sets the actor for PostgreSQL
 * (transaction-local, so nothing leaks to the next user of a pooled connection). A throw rolls back.
 * It also sets the id of the request being served (lib/log), which every AuditEvent written in the
 * transaction takes as its default `requestId`, and pins the session's TimeZone to UTC: Prisma's timestamp
 * columns hold UTC, so a `now()` or a column default written by SQL must too, whatever the server's
 * configuration. Rome's "today" is never the database's: it is passed in (lib/format romeToday).
 * Always on the primary; reads that tolerate a second of lag may use withReader (lib/db/reader.ts).
 */
export function withActor<T>(
  actor: DbActor,
  fn: (tx: Tx) => Promise<T>,
  options?: TxOptions & { readOnly?: boolean },
): Promise<T> {
  return actorTransaction(db(), actor, fn, options).catch((e: unknown) => {
    noteDatabaseUnavailable(e);
    throw e;
  });
}

/**
 * withActor on a raw `pg` connection of the same pool, for bulk bytes (documents): Prisma passes a Bytes
 * value through its engine as base64 text and pg reads bytea as hex text, several copies of every MiB;
 * here a Buffer parameter goes out in binary, and a bytea read is one hex string parsed into one Buffer. Same settings
 * (actor, request id, UTC) as withActor, so row-level security applies alike. `idleTimeoutMs` ends a
 * transaction left waiting between statements (a client that stops sending its upload).
 */
export async function withActorClient<T>(
  actor: DbActor,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: { idleTimeoutMs?: number } = {},
): Promise<T> {
  const client = await connectClient();
  try {
    await client.query("BEGIN");
    await client.query(
      `SELECT set_config('app.role', $1, true), set_config('app.comune', $2, true),
        set_config('app.user', $3, true), set_config('app.request_id', $4, true),
        set_config('TimeZone', 'UTC', true), set_config('idle_in_transaction_session_timeout', $5, true)`,
      [
        actor.role,
        actor.comuneIstat ?? "",
        actor.userId ?? "",
        currentRequestId() ?? "",
        String(options.idleTimeoutMs ?? 60_000),
      ],
    );
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    noteDatabaseUnavailable(e);
    throw e;
  } finally {
    client.release();
  }
}

export { Prisma } from "@/lib/generated/prisma/client";

type Step<T> = PromiseLike<T> | (() => PromiseLike<T>);

/**
 * `Promise.all` for one transaction: a transaction is one connection, and pg queues (and will refuse, in
 * pg 9) queries issued while another is running on it. Steps run one after the other. Prisma's query
 * promises are lazy (they start when awaited), so `tx.model.findMany(…)` can be passed as is; anything
 * that starts on creation (an async function's call) must be passed as a thunk.
 */
export async function inOrder<T extends readonly unknown[]>(steps: {
  [K in keyof T]: Step<T[K]>;
}): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps as readonly Step<unknown>[]) {
    results.push(await (typeof step === "function" ? step() : step));
  }
  return results as unknown as T;
}
