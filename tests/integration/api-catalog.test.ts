// lib/api/catalog.ts against the seeded database: filters, pagination that neither repeats nor skips a
// comune, a stable order with the ISTAT code as tie-breaker, Smart Land members and lead, streams.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import {
  getCatalogComune,
  getCatalogSmartLand,
  listCatalogComuni,
  listCatalogSmartLands,
  listCatalogStreams,
} from "@/lib/api/catalog";
import { comuniQuerySchema } from "@/lib/api/queries";
import { actorFor, OFFICER_PAULLO, ownerQuery, SAN_DONATO } from "./helpers";

let officer: Actor;
const query = (params: Record<string, string> = {}) => comuniQuerySchema.parse(params);

beforeAll(async () => {
  officer = await actorFor(OFFICER_PAULLO);
});

describe("comuni", () => {
  it("pages cover every comune exactly once, in (population desc, istat asc) order", async () => {
    // Two comuni with the same population, so the tie-breaker matters.
    const [a, b] = await ownerQuery<{ istat: string; population: number }>(
      `SELECT istat, population FROM "Comune" ORDER BY istat LIMIT 2`,
    );
    await ownerQuery(`UPDATE "Comune" SET population = $1 WHERE istat = $2`, [a.population, b.istat]);
    const [{ total }] = await ownerQuery<{ total: number }>(`SELECT count(*)::int AS total FROM "Comune"`);
    const seen: { istat: string; population: number }[] = [];
    let pages = 1;
    for (let page = 1; page <= pages; page++) {
      const res = await listCatalogComuni(
        officer,
        query({ ordina: "popolazione", verso: "desc", page: String(page), pageSize: "100" }),
      );
      pages = res.meta.pages;
      expect(res.meta).toMatchObject({ page, pageSize: 100, total });
      seen.push(...res.data);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((c) => c.istat)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) {
      const [prev, cur] = [seen[i - 1], seen[i]];
      const ordered =
        prev.population > cur.population || (prev.population === cur.population && prev.istat < cur.istat);
      expect(ordered, `${prev.istat} before ${cur.istat}`).toBe(true);
    }
  });

  it("filters: province by code or acronym, membership, name search, Smart Land", async () => {
    const byCode = await listCatalogComuni(officer, query({ provincia: "015", pageSize: "100" }));
    const byAcronym = await listCatalogComuni(officer, query({ provincia: "mi", pageSize: "100" }));
    expect(byCode.meta.total).toBeGreaterThan(100);
    expect(byAcronym.meta.total).toBe(byCode.meta.total);
    expect(byCode.data.every((c) => c.province.istat === "015" && c.province.acronym === "MI")).toBe(true);

    const members = await listCatalogComuni(officer, query({ membro: "true", pageSize: "100" }));
    const [{ count }] = await ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM "Comune" WHERE member`,
    );
    expect(members.meta.total).toBe(count);
    expect(members.data.every((c) => c.member)).toBe(true);
    const others = await listCatalogComuni(officer, query({ membro: "false" }));
    expect(others.data.every((c) => !c.member)).toBe(true);

    const search = await listCatalogComuni(officer, query({ q: "donato" }));
    expect(search.data.map((c) => c.istat)).toContain(SAN_DONATO);
    expect(search.data.every((c) => /donato/i.test(c.name))).toBe(true);

    const sl = await listCatalogComuni(officer, query({ smart_land: "sud-est-milano", pageSize: "100" }));
    const slMembers = await ownerQuery<{ comuneIstat: string }>(
      `SELECT m."comuneIstat" FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId" WHERE s.slug = 'sud-est-milano'`,
    );
    expect(sl.data.map((c) => c.istat).sort()).toEqual(slMembers.map((m) => m.comuneIstat).sort());
    expect(sl.data.every((c) => c.smartLands.some((s) => s.slug === "sud-est-milano"))).toBe(true);
  });

  it("invalid parameters are refused by the schema, with Italian messages", () => {
    const result = comuniQuerySchema.safeParse({ pageSize: "101", provincia: "Milano", ordina: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["ordina", "pageSize", "provincia"]);
    expect(result.error?.issues.find((i) => i.path[0] === "pageSize")?.message).toBe(
      "Indica un numero da 1 a 100.",
    );
  });

  it("one comune: details and lead flags; an unknown code is not found", async () => {
    const c = await getCatalogComune(officer, SAN_DONATO);
    expect(c).toMatchObject({ istat: SAN_DONATO, name: "San Donato Milanese", member: true });
    expect(c.cadastralCode).toMatch(/^[A-Z][0-9]{3}$/);
    await expect(getCatalogComune(officer, "999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("Smart Lands and streams", () => {
  it("lists Smart Lands with member counts and one with members (lead flagged)", async () => {
    const { data } = await listCatalogSmartLands(officer);
    const sem = data.find((s) => s.slug === "sud-est-milano");
    expect(sem?.memberCount).toBe(14);
    const detail = await getCatalogSmartLand(officer, "sud-est-milano");
    expect(detail.members).toHaveLength(14);
    const ordered = await ownerQuery<{ istat: string }>(
      `SELECT c.istat FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"
         JOIN "Comune" c ON c.istat = m."comuneIstat" WHERE s.slug = 'sud-est-milano' ORDER BY c.name, c.istat`,
    );
    expect(detail.members.map((m) => m.istat)).toEqual(ordered.map((o) => o.istat));
    if (detail.lead) {
      expect(detail.members.filter((m) => m.lead).map((m) => m.istat)).toEqual([detail.lead.istat]);
    }
    await expect(getCatalogSmartLand(officer, "non-esiste")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("streams by code; the archived filter", async () => {
    const [stream] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code DESC LIMIT 1`);
    await ownerQuery(`UPDATE "Stream" SET archived = true WHERE id = $1`, [stream.id]);
    const all = (await listCatalogStreams(officer, {})).data;
    const archived = (await listCatalogStreams(officer, { archiviati: true })).data;
    const active = (await listCatalogStreams(officer, { archiviati: false })).data;
    expect(archived.map((s) => s.id)).toContain(stream.id);
    expect(active.map((s) => s.id)).not.toContain(stream.id);
    expect(archived.length + active.length).toBe(all.length);
    const codes = await ownerQuery<{ code: string }>(`SELECT code FROM "Stream" ORDER BY code, id`);
    expect(all.map((s) => s.code)).toEqual(codes.map((c) => c.code));
  });
});
