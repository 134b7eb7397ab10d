import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { createProject } from "@/lib/projects/save-project";
import { uploadDocument } from "@/lib/documents/store";
import { createHash } from "node:crypto";
import { adminQuery } from "./global-setup";
import {
  actorFor,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  projectOf,
  SAN_DONATO,
} from "./helpers";

// npm run db:backup / db:restore, end to end: a backup of this file's database is restored into a NEW
// database, which must hold the same rows, give the same roll-up, and keep the application role's
// privileges and row-level security.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "smartland-backup-"));
const file = path.join(dir, "backup.dump");
const original = () => new URL(process.env.DATABASE_URL!);
const restoredName = `${original().pathname.slice(1)}_restored`;
const urlOf = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function script(name: string, args: string[]) {
  return run(process.execPath, [path.join(root, "scripts", name), ...args], {
    cwd: root,
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Rows per table (and materialized view) of schema public. */
async function rowCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT relname::text AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'm') ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of rows) {
      counts[name] = (
        await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)
      ).rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** What the application role may do, and the row-level security that holds it. */
async function securityModel(url: string) {
  const privileges = await query(
    url,
    `SELECT c.relname::text AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
            ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
                   WHERE c.relkind <> 'S' AND has_table_privilege('smartland_app', c.oid, p)) AS table_privileges,
            ARRAY(SELECT p FROM unnest(ARRAY['USAGE','SELECT','UPDATE']) p
                   WHERE c.relkind = 'S' AND has_sequence_privilege('smartland_app', c.oid, p)) AS sequence_privileges
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      ORDER BY 1`,
  );
  const policies = await query(
    url,
    `SELECT tablename::text, policyname::text, permissive, roles::text[], cmd, qual, with_check FROM pg_policies ORDER BY 1, 2`,
  );
  const functions = await query(
    url,
    `SELECT p.proname::text AS name, p.prosecdef AS definer, has_function_privilege('smartland_app', p.oid, 'EXECUTE') AS app_executes
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const defaults = await query(
    url,
    `SELECT defaclobjtype::text AS type, has_schema_privilege('smartland_app', 'public', 'USAGE') AS schema_usage,
            array_to_string(ARRAY(SELECT a::text FROM unnest(defaclacl) a WHERE a::text LIKE 'smartland_app=%'), ',') AS acl
       FROM pg_default_acl ORDER BY 1`,
  );
  return { privileges, policies, functions, defaults };
}

/** What an officer of San Donato sees and may do through the application role, with its actor set. */
async function asSanDonatoOfficer(url: string, sql: string) {
  const app = new URL(process.env.APP_DATABASE_URL!);
  app.pathname = new URL(url).pathname;
  const client = new pg.Client({ connectionString: app.toString() });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.role', 'OFFICER', true), set_config('app.comune', $1, true)", [
      SAN_DONATO,
    ]);
    return (await client.query(sql)).rows;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

/** Closes lib/db's shared client, so the next use connects to APP_DATABASE_URL anew. */
async function dropClient() {
  const g = globalThis as unknown as { smartlandDb?: { $disconnect(): Promise<void> } };
  await g.smartlandDb?.$disconnect();
  g.smartlandDb = undefined;
}

/** The roll-up as the app computes it (lib/rollup, as the coordinator), from the database at `appUrl`. */
async function rollupFrom(appUrl: string) {
  const saved = process.env.APP_DATABASE_URL;
  await dropClient();
  process.env.APP_DATABASE_URL = appUrl;
  try {
    const coordinator = await actorFor(COORDINATOR);
    return await Promise.all(
      [{}, { provincia: "015" }, { fonte: "PNRR" }, { stato: "EXECUTION" }].map((p) =>
        getRollup(coordinator, parseRollupFilters(p)),
      ),
    );
  } finally {
    await dropClient();
    process.env.APP_DATABASE_URL = saved;
  }
}

describe("database backup and restore (npm run db:backup / db:restore)", () => {
  let backupOutput = "";
  let documentId = "";
  let documentSha = "";

  beforeAll(async () => {
    // Something beyond the seed: a fresh project with text that must survive byte for byte.
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const template = await projectOf(SAN_DONATO);
    const [src] = await ownerQuery<{ streamId: string }>(`SELECT "streamId" FROM "Project" WHERE id = $1`, [
      template.id,
    ]);
    const project = await createProject(officer, {
      title: "Backup ✓ «città» 🚲 \u200b عربى",
      summary: "Riga 1\nRiga 2 — 'apici' \"doppi\" \\ backslash",
      streamId: src.streamId,
      plannedStart: "01/01/2026",
      plannedEnd: "31/12/2027",
      totalCost: "12.345,67",
    });
    // A document of 3 MB (several chunks) that must come back byte-exact (issue #18: the documents are in
    // PostgreSQL, so the backup holds them).
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 12_345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2_654_435_761) >>> 24;
    Buffer.from("%PDF-1.7\n").copy(bytes);
    documentSha = createHash("sha256").update(bytes).digest("hex");
    const doc = await uploadDocument(
      officer,
      { kind: "PROJECT", id: project.id },
      "backup.pdf",
      new Blob([bytes]).stream(),
    );
    documentId = doc.id;
    expect(doc.sha256).toBe(documentSha);
    await adminQuery(process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    const { stdout } = await script("db-backup.mjs", [file]);
    backupOutput = stdout;
  }, 240_000);

  afterAll(async () => {
    await adminQuery(process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a custom-format archive and reports it", () => {
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(backupOutput).toMatch(/\[db:backup\] .* → .*backup\.dump \(\d+ KiB, \d+ tables, \d+ rows/);
  });

  it("restores into a new database with the same rows in every table and the same roll-up", async () => {
    const { stdout } = await script("db-restore.mjs", [file, "--db", restoredName]);
    expect(stdout).toContain(`→ ${restoredName}:`);
    const restored = urlOf(process.env.DATABASE_URL!, restoredName);

    const [before, after] = [await rowCounts(process.env.DATABASE_URL!), await rowCounts(restored)];
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(before.Project).toBeGreaterThan(100);
    expect(before.AuditEvent).toBeGreaterThan(0);
    expect(after).toEqual(before);

    const title = `SELECT title, summary FROM "Project" WHERE title LIKE 'Backup %'`;
    expect(await query(restored, title)).toEqual(await ownerQuery(title));

    // The document's bytes, reassembled from the restored chunks in order, are the uploaded ones.
    const [restoredDoc] = await query<{ sha: string; stored: string; chunks: number }>(
      restored,
      `SELECT encode(sha256(string_agg(c.data, ''::bytea ORDER BY c.seq)), 'hex') AS sha, d.sha256 AS stored,
              count(*)::int AS chunks
         FROM "Document" d JOIN "DocumentChunk" c ON c."documentId" = d.id WHERE d.id = $1 GROUP BY d.sha256`,
      [documentId],
    );
    expect(restoredDoc).toEqual({ sha: documentSha, stored: documentSha, chunks: 4 });

    const appRestored = new URL(process.env.APP_DATABASE_URL!);
    appRestored.pathname = `/${restoredName}`;
    const [rollupBefore, rollupAfter] = [
      await rollupFrom(process.env.APP_DATABASE_URL!),
      await rollupFrom(appRestored.toString()),
    ];
    expect(rollupBefore[0].totals.projects).toBe(before.rollup_project_facts);
    // The figures, not the instant each was read at (refreshedAt is the read's time: lib/db/reader.ts).
    const figures = (rs: typeof rollupBefore) => rs.map(({ refreshedAt: _, ...figures }) => figures);
    expect(figures(rollupAfter)).toEqual(figures(rollupBefore));
  }, 120_000);

  it("keeps the application role's privileges, row-level security and policies", async () => {
    const restored = urlOf(process.env.DATABASE_URL!, restoredName);
    const [before, after] = [await securityModel(process.env.DATABASE_URL!), await securityModel(restored)];
    expect(before.policies.length).toBeGreaterThan(20);
    expect(before.privileges.find((p) => p.name === "_prisma_migrations")?.table_privileges).toEqual([]);
    expect(after).toEqual(before);

    // The wall works on the restored database: an officer sees only San Donato's projects (and those it
    // is a partner of) and cannot write another comune's.
    const visible = `SELECT "comuneIstat", count(*)::int AS n FROM "Project" GROUP BY 1 ORDER BY 1`;
    expect(await asSanDonatoOfficer(restored, visible)).toEqual(
      await asSanDonatoOfficer(process.env.DATABASE_URL!, visible),
    );
    const paullo = await projectOf((await actorFor(OFFICER_PAULLO)).comuneIstat!);
    const update = `UPDATE "Project" SET title = 'hijacked' WHERE id = '${paullo.id}'`;
    expect(await asSanDonatoOfficer(restored, `${update} RETURNING id`)).toEqual([]);
    await expect(asSanDonatoOfficer(restored, `SELECT * FROM "_prisma_migrations"`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it("refuses to overwrite an existing database without --replace, and replaces it with --replace", async () => {
    const restored = urlOf(process.env.DATABASE_URL!, restoredName);
    await query(restored, `DELETE FROM "Indicator"`);
    const refused = await script("db-restore.mjs", [file, "--db", restoredName]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain(`database ${restoredName} exists: pass --replace`);
    expect((await rowCounts(restored)).Indicator).toBe(0);

    await script("db-restore.mjs", [file, "--db", restoredName, "--replace"]);
    expect(await rowCounts(restored)).toEqual(await rowCounts(process.env.DATABASE_URL!));
    const leftovers = await query<{ datname: string }>(
      restored,
      `SELECT datname::text FROM pg_database WHERE datname LIKE $1`,
      [`${restoredName.slice(0, 40)}\\_restore\\_%`],
    );
    expect(leftovers).toEqual([]);
  }, 60_000);

  it("fails cleanly on a file that is not a backup, creating nothing", async () => {
    const bogus = path.join(dir, "not-a-backup.dump");
    await run("sh", ["-c", `printf 'hello' > '${bogus}'`]);
    const name = `${restoredName}_bogus`;
    const failed = await script("db-restore.mjs", [bogus, "--db", name]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/pg_restore failed/);
    const dbs = await query(process.env.DATABASE_URL!, `SELECT 1 FROM pg_database WHERE datname = $1`, [
      name,
    ]);
    expect(dbs).toEqual([]);
  });
});
