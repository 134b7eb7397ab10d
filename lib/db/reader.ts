import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Logger } from "pino";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createLogger } from "@/lib/log/logger.mjs";
import { currentRequestReadsOnPrimary } from "@/lib/log/request-context.mjs";
import { readPinMs, replicaMaxLagMs } from "./read-pin.mjs";
import {
  actorTransaction,
  beginActorRead,
  db,
  primaryPool,
  readRows,
  sqlTx,
  type DbActor,
  type SqlTx,
  type Tx,
  type TxOptions,
} from "./index";

// Reads that tolerate about a second of lag (the roll-up, planning views, public pages, open data) may go
// to a PostgreSQL streaming replica: docs/topology.md. Everything else stays on the primary (withActor).
//
// - DATABASE_REPLICA_URL (or APP_DATABASE_REPLICA_URL, see replicaUrl): unset, withReader is withActor on
//   the primary, READ ONLY.
// - Freshness: at most once a second the primary's WAL position is sampled (pg_current_wal_lsn) and then
//   the replica's replayed position (pg_last_wal_replay_lsn). The replica holds every commit made before
//   the newest sample it has replayed past; if that is older than REPLICA_MAX_LAG_MS (default 5000) the
//   replica is skipped until it catches up. An idle primary does not look "late" (timestamps would).
// - Failure: a connection error on the replica (down, restarting, unreachable) sends the read to the
//   primary at once and the replica is retried after a back-off (1 s, doubling, at most 30 s). A query
//   cancelled by a recovery conflict is retried on the primary. Never a 500 because the replica went away.
// - Read-your-writes: a user who just wrote reads from the primary for REPLICA_MAX_LAG_MS + 1 s. Two
//   marks, both needed (ARCHITECTURE.md, "Read replica"): in this process, by user id (pinReadsToPrimary,
//   called by runFormAction and by apiRoute for writing methods; it covers the render that follows a
//   server action in the same request), and across worker processes and servers, by browser: the
//   launcher (scripts/serve.mjs) answers every writing request with a short-lived cookie and runs the
//   requests that carry it with `readsOnPrimary` (lib/log/request-context.mjs), public pages included.

const CHECK_EVERY_MS = 1_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const SAMPLES_KEPT = 64;

/**
 * The replica's URL as the app connects to it, or null when there is none. A physical copy has the
 * primary's roles, passwords and databases: DATABASE_REPLICA_URL (the owner's, like DATABASE_URL) gives
 * the host and port, APP_DATABASE_URL the restricted role and database, so the replica is read under
 * row-level security exactly like the primary. APP_DATABASE_REPLICA_URL, when set, is used as is.
 */
function replicaUrl(): string | null {
  if (process.env.APP_DATABASE_REPLICA_URL) return process.env.APP_DATABASE_REPLICA_URL;
  const replica = process.env.DATABASE_REPLICA_URL;
  if (!replica) return null;
  if (!process.env.APP_DATABASE_URL) return replica;
  const app = new URL(process.env.APP_DATABASE_URL);
  const url = new URL(replica);
  url.username = app.username;
  url.password = app.password;
  url.pathname = app.pathname;
  return url.toString();
}

type Replica = {
  url: string;
  pool: pg.Pool;
  client: PrismaClient;
  /** The last verdict: reads may go to the replica. */
  usable: boolean;
  /** Why not, for the log (changes of reason are logged once). */
  reason: string | null;
  lagMs: number | null;
  checkedAt: number;
  checking: Promise<void> | null;
  retryAt: number;
  backoffMs: number;
  /** The primary's WAL position (as a number) at a time: every commit before `at` is at or below `lsn`. */
  samples: { at: number; lsn: bigint }[];
};

const state = globalThis as unknown as {
  smartLandReplica?: Replica;
  smartLandReplicaLog?: Logger;
  smartLandWriters?: Map<string, number>;
};

function log(): Logger {
  return (state.smartLandReplicaLog ??= createLogger({ component: "db-replica" }));
}

function replica(): Replica | null {
  const url = replicaUrl();
  const current = state.smartLandReplica;
  if (current && current.url === url && !current.pool.ending) return current;
  if (current) void current.client.$disconnect().catch(() => {});
  state.smartLandReplica = undefined;
  if (!url) return null;
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DB_REPLICA_POOL_SIZE ?? process.env.DB_POOL_SIZE ?? 10),
    // A replica that does not answer must not hold a read up: the primary is there.
    connectionTimeoutMillis: 1_000,
  });
  // An idle connection the replica closed (restart, shutdown): dropped by the pool, not a crash. The
  // verdict changes when a read or the next check fails to connect (then at once, to the primary).
  pool.on("error", () => {});
  const created: Replica = {
    url,
    pool,
    client: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }),
    usable: false,
    reason: "not checked yet",
    lagMs: null,
    checkedAt: 0,
    checking: null,
    retryAt: 0,
    backoffMs: BACKOFF_MIN_MS,
    samples: [],
  };
  state.smartLandReplica = created;
  return created;
}

function setVerdict(r: Replica, usable: boolean, reason: string | null) {
  if (usable && !r.usable) log().info({ event: "replica.up", lagMs: r.lagMs }, "read replica in use");
  if (!usable && (r.usable || r.reason !== reason)) {
    log().warn(
      { event: "replica.off", reason, lagMs: r.lagMs },
      "read replica not used: reads go to the primary",
    );
  }
  r.usable = usable;
  r.reason = reason;
}

function markDown(r: Replica, e: unknown) {
  const message = e instanceof Error ? e.message : String(e);
  r.retryAt = Date.now() + r.backoffMs;
  r.backoffMs = Math.min(r.backoffMs * 2, BACKOFF_MAX_MS);
  setVerdict(r, false, `unavailable: ${message.split("\n")[0].slice(0, 200)}`);
}

/** "16/B374D848" → a number that orders like the WAL position. */
function lsnValue(text: string): bigint {
  const [hi, lo] = text.split("/");
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** Samples the primary, then the replica; decides whether the replica is fresh enough. */
async function check(r: Replica): Promise<void> {
  const at = Date.now();
  try {
    const [primary] = await readRows<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn", []);
    r.samples.push({ at, lsn: lsnValue(primary.lsn) });
    if (r.samples.length > SAMPLES_KEPT) r.samples.shift();
  } catch {
    return; // the primary is not answering: nothing to compare with; reads will fail there anyway
  }
  let standby: { recovering: boolean; replay: string | null };
  try {
    [standby] = (
      await r.pool.query("SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS replay")
    ).rows as (typeof standby)[];
  } catch (e) {
    markDown(r, e);
    return;
  } finally {
    r.checkedAt = Date.now();
  }
  r.backoffMs = BACKOFF_MIN_MS;
  if (!standby.recovering || standby.replay === null) {
    // Not a standby (promoted, or pointed at the primary itself): its data is as fresh as it gets.
    r.lagMs = 0;
  } else {
    const replay = lsnValue(standby.replay);
    const caughtUp = r.samples.findLast((s) => s.lsn <= replay);
    r.lagMs = caughtUp ? Math.max(0, Date.now() - caughtUp.at) : Date.now() - r.samples[0].at;
  }
  const max = replicaMaxLagMs();
  setVerdict(r, r.lagMs <= max, r.lagMs <= max ? null : `lagging more than ${max} ms`);
}

/** Runs a due check: awaited the first time, in the background afterwards (the last verdict holds). */
async function refresh(r: Replica): Promise<void> {
  const now = Date.now();
  if (r.checking || now - r.checkedAt < CHECK_EVERY_MS || now < r.retryAt) {
    if (r.checkedAt === 0 && r.checking) await r.checking;
    return;
  }
  r.checking = check(r).finally(() => {
    r.checking = null;
  });
  if (r.checkedAt === 0) await r.checking;
}

/** After a write by this user, their reads stay on the primary for a while (read-your-writes). */
export function pinReadsToPrimary(userId: string | null | undefined): void {
  if (!userId || !replicaUrl()) return;
  const writers = (state.smartLandWriters ??= new Map());
  const now = Date.now();
  if (writers.size > 10_000) for (const [k, until] of writers) if (until <= now) writers.delete(k);
  writers.set(userId, now + readPinMs());
}

function pinned(userId: string | null): boolean {
  // Another process or server took the write: the launcher read its cookie (scripts/serve.mjs).
  if (currentRequestReadsOnPrimary()) return true;
  if (!userId) return false;
  const until = state.smartLandWriters?.get(userId);
  return until !== undefined && until > Date.now();
}

/** A replica's refusal that the primary would not give: the connection went, or a recovery conflict. */
function isReplicaFailure(e: unknown): "down" | "conflict" | null {
  if (isDatabaseUnavailable(e)) return "down";
  const text = e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? "")}` : "";
  if (/conflict with recovery|40001|40P01/.test(text)) return "conflict";
  return null;
}

/**
 * withActor for reads that tolerate about a second of lag: the same actor settings (so row-level security
 * applies), in a READ ONLY transaction, on the streaming replica when one is configured, fresh enough and
 * answering — else on the primary. `fn` may run twice (replica failed mid-way, then primary): reads only.
 */
export async function withReader<T>(
  actor: DbActor,
  fn: (tx: Tx) => Promise<T>,
  options?: TxOptions,
): Promise<T> {
  return (await withReaderAsOf(actor, fn, options)).result;
}

/** What withReader read, and the instant it is complete up to (every commit before `asOf` is in it). */
export type ReadAsOf<T> = { result: T; asOf: Date; from: "replica" | "primary" };

/**
 * withReader, also saying how fresh the answer is: for a page's "dati aggiornati al …" line. From the
 * primary: the transaction's start. From the replica: its last measured position (checked at most a
 * second ago) — a conservative bound, the replica is usually a few milliseconds behind.
 */
export async function withReaderAsOf<T>(
  actor: DbActor,
  fn: (tx: Tx) => Promise<T>,
  options?: TxOptions,
): Promise<ReadAsOf<T>> {
  return onReader(actor, ({ client }) => actorTransaction(client, actor, fn, { ...options, readOnly: true }));
}

const SECOND_CONNECTION_WAIT_MS = 100;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown; started: boolean };

/**
 * Two reads at once, on two raw `pg` connections (SqlTx), that see the same snapshot: `first` runs in a
 * REPEATABLE READ, READ ONLY transaction that exports its snapshot (pg_export_snapshot), `second` in another
 * that imports it (SET TRANSACTION SNAPSHOT) — exactly the database state `first` sees, whatever commits in
 * between, on the replica as on the primary. For a read made of two independent scans (the roll-up's
 * project and funding aggregates) on a server with idle cores: the wall time of the longer one instead of
 * the sum. When no second connection comes within SECOND_CONNECTION_WAIT_MS (pool busy), `second` runs
 * after `first` in the first transaction: the same result, never a wait on a full pool (two reads each
 * holding one connection and waiting for another would otherwise block each other). Each transaction opens
 * in one round trip (beginActorRead), and the rows skip Prisma's raw-query path: for reads written in raw
 * SQL only.
 */
export async function withReaderPairAsOf<A, B>(
  actor: DbActor,
  first: (tx: SqlTx) => Promise<A>,
  second: (tx: SqlTx) => Promise<B>,
): Promise<ReadAsOf<[A, B]>> {
  return onReader(actor, ({ pool }) => snapshotPair(pool, actor, first, second));
}

async function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient | null> {
  const connecting = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  const client = await Promise.race([connecting, late]).catch(() => null);
  clearTimeout(timer);
  // Came too late (or failed): handed back as soon as it arrives.
  if (client === null)
    void connecting.then(
      (c) => c.release(),
      () => {},
    );
  return client;
}

async function inReadTransaction<T>(client: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (e) {
    // On a connection that broke the ROLLBACK fails too; the caller releases it as broken.
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

async function snapshotPair<A, B>(
  pool: pg.Pool,
  actor: DbActor,
  first: (tx: SqlTx) => Promise<A>,
  second: (tx: SqlTx) => Promise<B>,
): Promise<[A, B]> {
  const main = await pool.connect();
  let broken: Error | undefined;
  try {
    return await inReadTransaction(main, async () => {
      const id = await beginActorRead(main, actor, { repeatableRead: true, exportSnapshot: true });
      const other = (async (): Promise<Settled<B>> => {
        const client = id ? await connectWithin(pool, SECOND_CONNECTION_WAIT_MS) : null;
        if (!client) return { ok: false, error: null, started: false };
        let started = false;
        let failed: Error | undefined;
        try {
          return await inReadTransaction(client, async () => {
            await beginActorRead(client, actor, { snapshot: id! });
            started = true;
            return { ok: true, value: await second(sqlTx(client)) };
          });
        } catch (error) {
          failed = error as Error;
          return { ok: false, error, started };
        } finally {
          client.release(failed && isDatabaseUnavailable(failed) ? failed : undefined);
        }
      })();
      // The exporting transaction stays open until the other one has imported and finished.
      const a = await first(sqlTx(main)).finally(() => other);
      const b = await other;
      if (b.ok) return [a, b.value];
      if (b.started) throw b.error;
      return [a, await second(sqlTx(main))];
    });
  } catch (e) {
    broken = e as Error;
    throw e;
  } finally {
    main.release(broken && isDatabaseUnavailable(broken) ? broken : undefined);
  }
}

/** Runs `read` on the replica's client when it may, else on the primary's (see withReaderAsOf). */
async function onReader<T>(
  actor: DbActor,
  read: (target: { client: PrismaClient; pool: pg.Pool }) => Promise<T>,
): Promise<ReadAsOf<T>> {
  const r = replica();
  if (r && !pinned(actor.userId)) {
    await refresh(r);
    if (r.usable) {
      const asOf = new Date(r.checkedAt - (r.lagMs ?? 0));
      try {
        const result = await read(r);
        return { result, asOf, from: "replica" };
      } catch (e) {
        const failure = isReplicaFailure(e);
        if (!failure) throw e;
        if (failure === "down") markDown(r, e);
      }
    }
  }
  const asOf = new Date();
  try {
    const result = await read({ client: db(), pool: primaryPool() });
    return { result, asOf, from: "primary" };
  } catch (e) {
    noteDatabaseUnavailable(e);
    throw e;
  }
}

/** Where reads go now, for the roll-up page's freshness line and for /health. */
export function replicaStatus(): {
  configured: boolean;
  inUse: boolean;
  lagMs: number | null;
  checkedAt: Date | null;
} {
  const r = state.smartLandReplica;
  if (!replicaUrl() || !r) return { configured: !!replicaUrl(), inUse: false, lagMs: null, checkedAt: null };
  return {
    configured: true,
    inUse: r.usable,
    lagMs: r.lagMs,
    checkedAt: r.checkedAt ? new Date(r.checkedAt) : null,
  };
}

/** Closes the replica's pool (scripts, tests). */
export async function closeReader(): Promise<void> {
  const r = state.smartLandReplica;
  state.smartLandReplica = undefined;
  if (r) await r.client.$disconnect();
}
