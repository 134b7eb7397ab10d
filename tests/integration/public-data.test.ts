import { describe, expect, it } from "vitest";
import { actorFromApiToken } from "@/lib/auth/bearer-token";
import { PROJECT_STATUSES } from "@/lib/format";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/users/api-tokens";
import { deleteProject } from "@/lib/projects/save-project";
import { openDataResponse } from "@/lib/public/open-data";
import { openDataFile } from "@/lib/public/open-data-files";
import { getPublicFigures, getPublicSmartLand, listPublicProjects } from "@/lib/public/public-data";
import {
  actorFor,
  appQuery,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const SLUG = "sud-est-milano";

/** Every user's e-mail and name, and every action owner: none may appear in public output. */
async function personalStrings(): Promise<string[]> {
  const users = await ownerQuery<{ email: string; name: string }>(`SELECT email, name FROM "User"`);
  const owners = await ownerQuery<{ owner: string }>(`SELECT DISTINCT owner FROM "Action" WHERE owner <> ''`);
  expect(users.length).toBeGreaterThan(0);
  expect(owners.length).toBeGreaterThan(0);
  return [...users.flatMap((u) => [u.email, u.name]), ...owners.map((o) => o.owner)];
}

describe("public Smart Land data", () => {
  it("shows the Smart Land's comuni and figures that match the live projects", async () => {
    const sl = await getPublicSmartLand(SLUG);
    expect(sl.comuni).toHaveLength(14);
    const figures = await getPublicFigures(sl.comuni.map((c) => c.istat));
    const [live] = await ownerQuery<{ n: number; cost: string }>(
      `SELECT count(*)::int AS n, sum("totalCost")::text AS cost FROM "Project"
       WHERE "deletedAt" IS NULL AND "comuneIstat" = ANY($1)`,
      [sl.comuni.map((c) => c.istat)],
    );
    expect(figures.totals.projects).toBe(live.n);
    expect(Number(figures.totals.totalCost)).toBeCloseTo(Number(live.cost), 2);
    expect(figures.byStatus.reduce((n, s) => n + s.projects, 0)).toBe(live.n);
    expect(figures.byStream.reduce((n, s) => n + s.projects, 0)).toBe(live.n);
    // The status table follows the procedure's order (the SQL's grouping sets come in no order).
    const order = figures.byStatus.map((s) => PROJECT_STATUSES.indexOf(s.status));
    expect(figures.byStatus.length).toBeGreaterThan(2);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("an unknown or malformed slug is not found", async () => {
    await expect(getPublicSmartLand("non-esiste")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPublicSmartLand("../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(() => openDataFile("interventi.xml")).toThrow();
  });

  it("a deleted project disappears from the public list and the open data", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const [p] = await ownerQuery<{ id: string; title: string; version: number }>(
      `SELECT id, title, version FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY title LIMIT 1`,
      [SAN_DONATO],
    );
    const before = await listPublicProjects([SAN_DONATO], 1, 500);
    expect(before.items.map((i) => i.id)).toContain(p.id);
    await deleteProject(officer, p.id, p.version);
    const after = await listPublicProjects([SAN_DONATO], 1, 500);
    expect(after.items.map((i) => i.id)).not.toContain(p.id);
    expect(after.total).toBe(before.total - 1);
    const csv = await (
      await openDataResponse({ kind: "region" }, "csv", "http://x/dati-aperti/interventi.csv")
    ).text();
    expect(csv).not.toContain(p.id);
  });

  it("the open data carry the licence, the columns and no personal data", async () => {
    const secrets = await personalStrings();
    const csvRes = await openDataResponse(
      { kind: "smart-land", slug: SLUG },
      "csv",
      "https://example.org/x.csv",
    );
    expect(csvRes.headers.get("link")).toContain('rel="license"');
    const csv = await csvRes.text();
    const lines = csv.split("\r\n");
    expect(lines[0]).toMatch(/Licenza CC BY 4\.0/);
    expect(lines[0]).toContain("https://example.org/x.csv");
    expect(lines[1]).toMatch(/^CUP;COD_PROGETTO_PORTALE;OC_TITOLO_PROGETTO;/);
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" p JOIN "SmartLandMember" m ON m."comuneIstat" = p."comuneIstat"
       JOIN "SmartLand" s ON s.id = m."smartLandId" WHERE s.slug = $1 AND p."deletedAt" IS NULL`,
      [SLUG],
    );
    expect(lines.filter((l) => l.trim()).length).toBe(n + 2);

    const json = JSON.parse(await (await openDataResponse({ kind: "region" }, "json", "u")).text());
    expect(json.licenza.nome).toBe("CC BY 4.0");
    expect(json.interventi).toHaveLength(json.totale);
    expect(Object.keys(json.interventi[0])).toContain("cup");

    const page = JSON.stringify(await listPublicProjects([SAN_DONATO, PAULLO], 1, 500));
    for (const text of [csv, JSON.stringify(json), page]) {
      for (const secret of secrets) expect(text, `public output contains "${secret}"`).not.toContain(secret);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
  });

  it("row-level security: the PUBLIC reader sees live projects and funding only", async () => {
    const pub = { role: "PUBLIC", comune: null };
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "Action"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "Indicator"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "User"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "AuditEvent"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "ApiToken"`))[0].n).toBe(0);
    const [{ n: deleted }] = await appQuery(
      pub,
      `SELECT count(*)::int AS n FROM "Project" WHERE "deletedAt" IS NOT NULL`,
    );
    expect(deleted).toBe(0);
    // Draft, then publish (issue #16 item 4): the PUBLIC reader reads the published copies, never a
    // project's working copy or its funding lines.
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "Project"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "FundingLine"`))[0].n).toBe(0);
    expect((await appQuery(pub, `SELECT count(*)::int AS n FROM "PublicProject"`))[0].n).toBeGreaterThan(0);
    await expect(appQuery(pub, `UPDATE "Project" SET title = 'x'`)).resolves.toEqual([]);
    const [{ n: changed }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE title = 'x'`,
    );
    expect(changed).toBe(0);
  });
});

describe("personal API tokens", () => {
  it("are shown once, stored hashed, act as their user and stop at revocation", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const { token, summary } = await createApiToken(officer, { name: "Gestionale protocollo" });
    expect(token).toMatch(/^slt_[\w-]{8}_[\w-]{32}$/);
    const [stored] = await ownerQuery<{ tokenHash: string; prefix: string }>(
      `SELECT "tokenHash", prefix FROM "ApiToken" WHERE id = $1`,
      [summary.id],
    );
    expect(stored.tokenHash).not.toContain(token.slice(13));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toContain(stored.prefix);

    const actor = await actorFromApiToken(token);
    expect(actor).toMatchObject({ userId: officer.userId, role: "OFFICER", comuneIstat: SAN_DONATO });
    const [used] = await ownerQuery<{ lastUsedAt: Date | null }>(
      `SELECT "lastUsedAt" FROM "ApiToken" WHERE id = $1`,
      [summary.id],
    );
    expect(used.lastUsedAt).not.toBeNull();

    // One character changed (never to itself: a token may end in "x").
    const tampered = `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`;
    expect(tampered).not.toBe(token);
    expect(await actorFromApiToken(tampered)).toBeNull();
    expect(await actorFromApiToken("not-a-token")).toBeNull();

    await revokeApiToken(officer, summary.id);
    expect(await actorFromApiToken(token)).toBeNull();
    const list = await listApiTokens(officer);
    expect(list.find((t) => t.id === summary.id)?.revokedAt).not.toBeNull();
    const audit = await ownerQuery<{ action: string; after: unknown }>(
      `SELECT action, after FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`,
      [summary.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "REVOKE"]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("a deactivated user's token is refused at once", async () => {
    const officer = await actorFor(OFFICER_PAULLO);
    const { token } = await createApiToken(officer, { name: "Script" });
    expect(await actorFromApiToken(token)).not.toBeNull();
    await ownerQuery(`UPDATE "User" SET active = false WHERE id = $1`, [officer.userId]);
    expect(await actorFromApiToken(token)).toBeNull();
    await ownerQuery(`UPDATE "User" SET active = true WHERE id = $1`, [officer.userId]);
  });

  it("nobody lists, revokes or sees another user's tokens", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const other = await actorFor(OFFICER_PAULLO);
    const coordinator = await actorFor(COORDINATOR);
    const { summary } = await createApiToken(officer, { name: "Mio" });
    expect((await listApiTokens(other)).map((t) => t.id)).not.toContain(summary.id);
    expect((await listApiTokens(coordinator)).map((t) => t.id)).not.toContain(summary.id);
    await expect(revokeApiToken(other, summary.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeApiToken(coordinator, summary.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeApiToken(other, "nonsense")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // RLS, the second wall: as Paullo's officer the row is invisible and cannot be updated.
    const rows = await appQuery(
      { role: "OFFICER", comune: PAULLO, user: other.userId },
      `UPDATE "ApiToken" SET "revokedAt" = now() WHERE id = $1 RETURNING id`,
      [summary.id],
    );
    expect(rows).toEqual([]);
  });

  it("a name is required", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    await expect(createApiToken(officer, { name: "  " })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { name: ["Indica un nome per il token."] },
    });
  });
});
