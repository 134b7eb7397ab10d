import { describe, expect, it } from "vitest";
import { appQuery, MELEGNANO, ownerQuery, PAULLO, projectOf, SAN_DONATO } from "./helpers";

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
});
