import { describe, expect, it } from "vitest";
import {
  ADMIN,
  appQuery,
  MELEGNANO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

const officer = (comune: string) => ({ role: "OFFICER", comune });

describe("row-level security at SQL level (the second wall)", () => {
  it("the application role is neither superuser nor BYPASSRLS", async () => {
    const [role] = await ownerQuery(
      "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'smartland_app'",
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const [me] = await appQuery(null, "SELECT current_user AS u");
    expect(me.u).toBe("smartland_app");
  });

  it("every table with a comune key has ENABLE + FORCE row-level security and per-command policies", async () => {
    const tables = await ownerQuery<{ table: string; rls: boolean; force: boolean; commands: string[] }>(
      `SELECT c.relname::text AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
              ARRAY(SELECT DISTINCT p.cmd::text FROM pg_policies p WHERE p.tablename = c.relname ORDER BY 1) AS commands
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM information_schema.columns col
                       WHERE col.table_schema = 'public' AND col.table_name = c.relname
                         AND col.column_name IN ('comuneIstat', 'partnerIstat'))
        ORDER BY 1`,
    );
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        "Action",
        "AuditEvent",
        "FundingLine",
        "Indicator",
        "Project",
        "ProjectPartner",
        "User",
      ]),
    );
    for (const t of tables) {
      expect({ table: t.table, rls: t.rls, force: t.force }).toEqual({
        table: t.table,
        rls: true,
        force: true,
      });
      expect(t.commands.length, `${t.table} has policies`).toBeGreaterThan(0);
      expect(t.commands, `${t.table} must not use a FOR ALL policy`).not.toContain("ALL");
    }
  });

  it("an officer sees only their comune's rows (plus partner projects) in every tenant table", async () => {
    for (const table of ["Project", "FundingLine", "Action", "Indicator"]) {
      const rows = await appQuery<{ comune: string; n: number }>(
        officer(MELEGNANO),
        `SELECT "comuneIstat" AS comune, count(*)::int AS n FROM "${table}" GROUP BY 1`,
      );
      const partnerOf = await ownerQuery<{ owner: string }>(
        `SELECT DISTINCT "comuneIstat" AS owner FROM "ProjectPartner" WHERE "partnerIstat" = $1`,
        [MELEGNANO],
      );
      const allowed = new Set([MELEGNANO, ...partnerOf.map((r) => r.owner)]);
      expect(rows.length, `${table} has Melegnano rows`).toBeGreaterThan(0);
      for (const r of rows) expect(allowed.has(r.comune), `${table}: ${r.comune}`).toBe(true);
    }
    const sanDonato = await projectOf(SAN_DONATO, { notPartner: MELEGNANO });
    const seen = await appQuery(officer(MELEGNANO), `SELECT id FROM "Project" WHERE id = $1`, [sanDonato.id]);
    expect(seen).toEqual([]);
  });

  it("an officer cannot insert into or update another comune", async () => {
    const target = await projectOf(SAN_DONATO, { notPartner: PAULLO });
    const [stream] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code LIMIT 1`);
    await expect(
      appQuery(
        officer(PAULLO),
        `INSERT INTO "Project" ("comuneIstat", "streamId", title) VALUES ($1, $2, 'intruso')`,
        [SAN_DONATO, stream.id],
      ),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(
      appQuery(
        officer(PAULLO),
        `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year) VALUES ($1, $2, 'COMUNE', 2025)`,
        [target.id, SAN_DONATO],
      ),
    ).rejects.toMatchObject({ code: "42501" });
    const updated = await appQuery(
      officer(PAULLO),
      `UPDATE "Project" SET title = 'violato' WHERE id = $1 RETURNING id`,
      [target.id],
    );
    expect(updated).toEqual([]);
    const deleted = await appQuery(
      officer(PAULLO),
      `DELETE FROM "Action" WHERE "comuneIstat" = $1 RETURNING id`,
      [SAN_DONATO],
    );
    expect(deleted).toEqual([]);
    // Moving one's own project into another comune is refused by WITH CHECK.
    const own = await projectOf(PAULLO);
    await expect(
      appQuery(officer(PAULLO), `UPDATE "Project" SET "comuneIstat" = $1 WHERE id = $2`, [
        SAN_DONATO,
        own.id,
      ]),
    ).rejects.toBeTruthy();
    const [after] = await ownerQuery(`SELECT title FROM "Project" WHERE id = $1`, [target.id]);
    expect(after.title).toBe(target.title);
  });

  it("a partner comune reads the project but cannot write it", async () => {
    const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
    const seen = await appQuery(officer(PAULLO), `SELECT id FROM "Project" WHERE id = $1`, [shared.id]);
    expect(seen).toHaveLength(1);
    const lines = await appQuery(officer(PAULLO), `SELECT id FROM "FundingLine" WHERE "projectId" = $1`, [
      shared.id,
    ]);
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "FundingLine" WHERE "projectId" = $1`,
      [shared.id],
    );
    expect(lines).toHaveLength(n);
    const updated = await appQuery(
      officer(PAULLO),
      `UPDATE "Project" SET title = 'x' WHERE id = $1 RETURNING id`,
      [shared.id],
    );
    expect(updated).toEqual([]);
  });

  it("with no actor set every tenant table reads empty", async () => {
    for (const table of [
      "Project",
      "FundingLine",
      "Action",
      "Indicator",
      "ProjectPartner",
      "User",
      "AuditEvent",
    ]) {
      const [{ n }] = await appQuery<{ n: number }>(null, `SELECT count(*)::int AS n FROM "${table}"`);
      expect(n, table).toBe(0);
    }
  });

  it("a coordinator reads every comune but writes none", async () => {
    const coordinator = { role: "COORDINATOR", comune: null };
    const [{ n }] = await appQuery<{ n: number }>(
      coordinator,
      `SELECT count(DISTINCT "comuneIstat")::int AS n FROM "Project"`,
    );
    expect(n).toBe(14);
    const upd = await appQuery(coordinator, `UPDATE "Project" SET title = title RETURNING id`);
    expect(upd).toEqual([]);
    const del = await appQuery(coordinator, `DELETE FROM "FundingLine" RETURNING id`);
    expect(del).toEqual([]);
  });

  it("the audit log is append-only for the application role", async () => {
    const admin = { role: "ADMIN", comune: null };
    await expect(appQuery(admin, `UPDATE "AuditEvent" SET action = 'X'`)).rejects.toMatchObject({
      code: "42501",
    });
    await expect(appQuery(admin, `DELETE FROM "AuditEvent"`)).rejects.toMatchObject({ code: "42501" });
  });

  it("the roll-up's facts give an officer nothing of another comune (views, their sources, functions)", async () => {
    // Every relation or function of the roll-up, whatever it is called: the materialized views themselves
    // and whatever reads them. An officer (and a transaction with no actor) reads none of Melegnano's rows.
    const relations = await ownerQuery<{ name: string }>(
      `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND c.relname LIKE 'rollup%'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'comune')
        ORDER BY 1`,
    );
    expect(relations.map((r) => r.name)).toEqual(
      expect.arrayContaining(["rollup_funding_facts", "rollup_project_facts"]),
    );
    const [seeded] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM rollup_project_facts WHERE comune = $1`,
      [MELEGNANO],
    );
    expect(seeded.n, "the seed has Melegnano projects in the roll-up").toBeGreaterThan(0);
    for (const actor of [officer(SAN_DONATO), officer(PAULLO), null]) {
      for (const { name } of relations) {
        const rows = await readableOrDenied(
          actor,
          `SELECT count(*)::int AS n FROM ${name} WHERE comune = $1`,
          [MELEGNANO],
        );
        expect(rows, `${name} as ${JSON.stringify(actor)}`).toBe(0);
      }
    }
    // Functions returning rows of the roll-up (if any) answer nothing either.
    const functions = await ownerQuery<{ name: string }>(
      `SELECT p.proname::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname LIKE 'rollup%' AND p.proretset AND p.pronargs = 0`,
    );
    for (const { name } of functions) {
      const rows = await readableOrDenied(
        officer(SAN_DONATO),
        // Through to_jsonb: some (the regional summaries by stream, status, source, year) have no comune.
        `SELECT count(*)::int AS n FROM ${name}() f WHERE to_jsonb(f) ->> 'comune' = $1`,
        [MELEGNANO],
      );
      expect(rows, `${name}()`).toBe(0);
    }
  });

  it("the public reader sees no funding line of a deleted project", async () => {
    const [stream] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code LIMIT 1`);
    const [project] = await ownerQuery<{ id: string }>(
      `INSERT INTO "Project" ("comuneIstat", "streamId", title, "deletedAt")
       VALUES ($1, $2, 'RLS progetto eliminato', now()) RETURNING id`,
      [MELEGNANO, stream.id],
    );
    const [line] = await ownerQuery<{ id: string }>(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned")
       VALUES ($1, $2, 'PNRR', 2025, 1234) RETURNING id`,
      [project.id, MELEGNANO],
    );
    const publicReader = { role: "PUBLIC", comune: null };
    expect(await appQuery(publicReader, `SELECT id FROM "Project" WHERE id = $1`, [project.id])).toEqual([]);
    expect(await appQuery(publicReader, `SELECT id FROM "FundingLine" WHERE id = $1`, [line.id])).toEqual([]);
    // Draft, then publish (issue #16 item 4): a live project's lines are no longer public themselves;
    // its published copy (with the funding totals taken at publication) is.
    const live = await projectOf(MELEGNANO);
    const [{ n }] = await appQuery<{ n: number }>(
      publicReader,
      `SELECT count(*)::int AS n FROM "FundingLine" WHERE "projectId" = $1`,
      [live.id],
    );
    expect(n).toBe(0);
    const [{ n: copies }] = await appQuery<{ n: number }>(
      publicReader,
      `SELECT count(*)::int AS n FROM "PublicProject" WHERE "projectId" = $1`,
      [live.id],
    );
    expect(copies).toBe(1);
  });

  it("an audit event's actor is the transaction's, whatever the insert claims", async () => {
    const [me] = await ownerQuery<{ id: string; name: string }>(
      `SELECT id, name FROM "User" WHERE email = $1`,
      [OFFICER_SAN_DONATO],
    );
    const [admin] = await ownerQuery<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ADMIN]);
    const marker = `forged-${Date.now().toString(36)}`;
    const actor = { ...officer(SAN_DONATO), user: me.id };
    // Another user's id and role, a made-up name; then a row that looks written by SYSTEM (no actor).
    await appQuery(
      actor,
      `INSERT INTO "AuditEvent" ("actorId", "actorName", "actorRole", "comuneIstat", entity, "entityId", action)
       VALUES ($1, 'Amministratore', 'ADMIN', $2, 'Project', $3, 'DELETE'),
              (NULL, NULL, NULL, NULL, 'Session', $3, 'LOGIN')`,
      [admin.id, SAN_DONATO, marker],
    );
    const stored = await ownerQuery<{
      actorId: string;
      actorName: string;
      actorRole: string;
      comune: string;
    }>(
      `SELECT "actorId", "actorName", "actorRole", "comuneIstat" AS comune FROM "AuditEvent"
        WHERE "entityId" = $1 ORDER BY id`,
      [marker],
    );
    expect(stored).toEqual([
      { actorId: me.id, actorName: me.name, actorRole: "OFFICER", comune: SAN_DONATO },
      { actorId: me.id, actorName: me.name, actorRole: "OFFICER", comune: null },
    ]);
    // SYSTEM's own events (logins, logouts: a user's id with the SYSTEM actor) are kept as written.
    await appQuery(
      { role: "SYSTEM", comune: null },
      `INSERT INTO "AuditEvent" ("actorId", "actorRole", "comuneIstat", entity, "entityId", action)
       VALUES ($1, 'OFFICER', $2, 'Session', $3, 'LOGIN')`,
      [me.id, SAN_DONATO, `${marker}-system`],
    );
    const [login] = await ownerQuery(
      `SELECT "actorId", "actorRole", "comuneIstat" AS comune FROM "AuditEvent" WHERE "entityId" = $1`,
      [`${marker}-system`],
    );
    expect(login).toEqual({ actorId: me.id, actorRole: "OFFICER", comune: SAN_DONATO });
  });
});

/** Rows counted by `sql` (a `count(*) AS n`), or 0 when the app role may not read it at all (42501). */
async function readableOrDenied(
  actor: { role: string; comune: string | null } | null,
  sql: string,
  params: unknown[],
): Promise<number> {
  try {
    const [row] = await appQuery<{ n: number }>(actor, sql, params);
    return row?.n ?? 0;
  } catch (e) {
    if ((e as { code?: string }).code === "42501") return 0;
    throw e;
  }
}
