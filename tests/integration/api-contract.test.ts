// Every operation of the OpenAPI document is called in-process against the real route handlers and the real
// database, with its success and main error cases; every answer (status, content type, body) is validated
// against the document (tests/integration/api-harness.ts). Also: a token of comune A can neither read nor
// write comune B's records (404), a revoked token is refused at once, writes without credentials are 401.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/users/api-tokens";
import { openApiDocument, type HttpMethod } from "@/lib/api/openapi";
import { HEADERS } from "@/lib/import/layout";
import { CLOSED_ROUND_ID, OPEN_ROUND_ID } from "@/prisma/seed/index";
import { call, seen } from "./api-harness";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

const MISSING = "00000000-0000-4000-8000-000000000000";

let sanDonato: Actor;
let paullo: Actor;
const tokens = { sanDonato: "", paullo: "", coordinator: "", admin: "" };
let streamId = "";

type Data<T = Record<string, unknown>> = { data: T };
const dataOf = <T = Record<string, unknown>>(r: { body: unknown }) => (r.body as Data<T>).data;

let seq = 0;
const cup = () => {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let tail = "";
  for (let i = 0; i < 9; i++) tail += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `J71B19${tail}`;
};
const projectBody = (overrides: Record<string, unknown> = {}) => ({
  streamId,
  title: `Intervento del test del contratto ${++seq}`,
  summary: "Creato dai test dell'API.",
  cup: cup(),
  totalCost: "1.234,56",
  plannedStart: "01/03/2026",
  plannedEnd: "2026-12-31",
  status: "DESIGN",
  progress: 10,
  ...overrides,
});
const CHILD_BODIES: Record<string, Record<string, unknown>> = {
  "funding-lines": { source: "PNRR", programme: "M2C2", year: 2026, amountPlanned: "1.000,00" },
  actions: { title: "Affidamento della progettazione", kind: "PROCUREMENT", dueDate: "30/06/2026" },
  indicators: { name: "Utenti serviti", theme: "PEOPLE", unit: "persone", baseline: "0", target: "1.500" },
};
const CHILD_INVALID: Record<string, Record<string, unknown>> = {
  "funding-lines": { source: "NOPE", year: 1500, amountPlanned: "abc" },
  actions: { title: "x", kind: "PROCUREMENT", status: "DONE" },
  indicators: { name: "", theme: "PEOPLE", unit: "" },
};

async function newProject(token = tokens.sanDonato) {
  const created = await call("post", "projects", { token, json: projectBody() });
  expect(created.status).toBe(201);
  return dataOf<{ id: string; version: number; title: string }>(created);
}

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  paullo = await actorFor(OFFICER_PAULLO);
  tokens.sanDonato = (await createApiToken(sanDonato, { name: "contratto" })).token;
  tokens.paullo = (await createApiToken(paullo, { name: "contratto" })).token;
  tokens.coordinator = (await createApiToken(await actorFor(COORDINATOR), { name: "contratto" })).token;
  tokens.admin = (await createApiToken(await actorFor(ADMIN), { name: "contratto" })).token;
  [{ id: streamId }] = await ownerQuery<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
});

describe("catalog", () => {
  it("GET /comuni: filters, pagination and 422 on an invalid parameter", async () => {
    const all = await call("get", "comuni?pageSize=100", { token: tokens.sanDonato });
    expect(all.status).toBe(200);
    const body = all.body as Data<{ istat: string }[]> & { meta: { total: number; pages: number } };
    expect(body.meta.total).toBeGreaterThan(100);
    const members = await call(
      "get",
      "comuni?membro=true&provincia=MI&smart_land=sud-est-milano&pageSize=50",
      {
        token: tokens.coordinator,
      },
    );
    expect(dataOf<{ istat: string }[]>(members).map((c) => c.istat)).toContain(SAN_DONATO);
    const searched = await call("get", "comuni?q=paul", { token: tokens.admin });
    expect(dataOf<{ istat: string }[]>(searched).map((c) => c.istat)).toContain(PAULLO);
    const invalid = await call("get", "comuni?pageSize=500&membro=forse", { token: tokens.sanDonato });
    expect(invalid.status).toBe(422);
    expect(Object.keys((invalid.body as { errors: object }).errors).sort()).toEqual(["membro", "pageSize"]);
  });

  it("GET /comuni/{istat}: any comune for any signed-in actor; unknown → 404", async () => {
    const other = await call("get", `comuni/${MELEGNANO}`, { token: tokens.paullo });
    expect(other.status).toBe(200);
    expect(dataOf(other)).toMatchObject({ istat: MELEGNANO, member: true });
    expect((await call("get", "comuni/999999", { token: tokens.paullo })).status).toBe(404);
    expect((await call("get", "comuni/abc", { token: tokens.paullo })).status).toBe(404);
  });

  it("GET /smart-lands and /smart-lands/{slug}: members and lead; unknown → 404", async () => {
    const list = await call("get", "smart-lands", { token: tokens.sanDonato });
    expect(list.status).toBe(200);
    const one = await call("get", "smart-lands/sud-est-milano", { token: tokens.sanDonato });
    expect(one.status).toBe(200);
    const sl = dataOf<{ members: { istat: string; lead: boolean }[]; memberCount: number; lead: unknown }>(
      one,
    );
    expect(sl.members.length).toBe(sl.memberCount);
    expect(sl.members.filter((m) => m.lead).length).toBe(sl.lead ? 1 : 0);
    expect((await call("get", "smart-lands/non-esiste", { token: tokens.sanDonato })).status).toBe(404);
  });

  it("GET /streams with the archived filter; an invalid flag is 422", async () => {
    const all = await call("get", "streams", { token: tokens.sanDonato });
    const active = await call("get", "streams?archiviati=false", { token: tokens.sanDonato });
    expect(all.status).toBe(200);
    const activeRows = dataOf<{ archived: boolean }[]>(active);
    expect(activeRows.every((s) => !s.archived)).toBe(true);
    expect(dataOf<unknown[]>(all).length).toBeGreaterThanOrEqual(activeRows.length);
    expect((await call("get", "streams?archiviati=forse", { token: tokens.sanDonato })).status).toBe(422);
  });
});

describe("projects and their children", () => {
  it("list with filters (422 on an invalid one), create, read, update with optimistic locking", async () => {
    const list = await call("get", "projects?stato=DESIGN&ordina=title&verso=asc&pageSize=5", {
      token: tokens.sanDonato,
    });
    expect(list.status).toBe(200);
    expect((await call("get", "projects?stato=NOPE", { token: tokens.sanDonato })).status).toBe(422);

    const invalid = await call("post", "projects", { token: tokens.sanDonato, json: { title: "x" } });
    expect(invalid.status).toBe(422);
    expect((invalid.body as { errors: Record<string, string[]> }).errors.title).toEqual([
      "Inserisci almeno 3 caratteri.",
    ]);

    const project = await newProject();
    const read = await call("get", `projects/${project.id}`, { token: tokens.sanDonato });
    expect(dataOf(read)).toMatchObject({ id: project.id, totalCost: "1234.56", plannedStart: "2026-03-01" });

    const update = projectBody({ title: "Titolo aggiornato dal contratto", version: project.version });
    const updated = await call("patch", `projects/${project.id}`, { token: tokens.sanDonato, json: update });
    expect(updated.status).toBe(200);
    const stale = await call("patch", `projects/${project.id}`, { token: tokens.sanDonato, json: update });
    expect(stale.status).toBe(409);
    const bad = await call("patch", `projects/${project.id}`, {
      token: tokens.sanDonato,
      json: { ...update, version: 2, totalCost: "-1" },
    });
    expect(bad.status).toBe(422);
    expect((await call("get", `projects/${MISSING}`, { token: tokens.sanDonato })).status).toBe(404);
    expect(
      (await call("patch", `projects/${MISSING}`, { token: tokens.sanDonato, json: update })).status,
    ).toBe(404);
    // A CUP already used by a live project → 409; only officers create projects (others: 404).
    const taken = { ...projectBody(), cup: dataOf<{ cup: string }>(updated).cup };
    expect((await call("post", "projects", { token: tokens.sanDonato, json: taken })).status).toBe(409);
    expect((await call("post", "projects", { token: tokens.coordinator, json: projectBody() })).status).toBe(
      404,
    );
  });

  it.each(["funding-lines", "actions", "indicators"])(
    "%s: list, create, read, update, delete",
    async (child) => {
      const project = await newProject();
      const base = `projects/${project.id}/${child}`;
      const token = tokens.sanDonato;
      expect((await call("post", base, { token, json: CHILD_INVALID[child] })).status).toBe(422);
      const created = await call("post", base, { token, json: CHILD_BODIES[child] });
      expect(created.status).toBe(201);
      const item = dataOf<{ id: string; version: number }>(created);
      expect(dataOf<{ id: string }[]>(await call("get", base, { token })).map((x) => x.id)).toEqual([
        item.id,
      ]);
      expect((await call("get", `${base}/${item.id}`, { token })).status).toBe(200);
      expect((await call("get", `${base}/${MISSING}`, { token })).status).toBe(404);
      const update = { ...CHILD_BODIES[child], version: item.version };
      expect((await call("patch", `${base}/${item.id}`, { token, json: update })).status).toBe(200);
      expect((await call("patch", `${base}/${item.id}`, { token, json: update })).status).toBe(409);
      expect(
        (await call("patch", `${base}/${item.id}`, { token, json: { ...CHILD_INVALID[child], version: 2 } }))
          .status,
      ).toBe(422);
      expect((await call("patch", `${base}/${MISSING}`, { token, json: update })).status).toBe(404);
      // Another comune's officer: the project does not exist.
      expect((await call("get", base, { token: tokens.paullo })).status).toBe(404);
      expect((await call("post", base, { token: tokens.paullo, json: CHILD_BODIES[child] })).status).toBe(
        404,
      );
      expect((await call("delete", `${base}/${item.id}`, { token })).status).toBe(204);
      expect((await call("delete", `${base}/${item.id}`, { token })).status).toBe(404);
      const full = dataOf<Record<string, unknown[]>>(await call("get", `projects/${project.id}`, { token }));
      expect(full.fundingLines.length + full.actions.length + full.indicators.length).toBe(0);
    },
  );

  it("delete (stale version 409, bad version 422) and restore (CUP taken 409)", async () => {
    const token = tokens.sanDonato;
    const project = await newProject();
    const url = `projects/${project.id}`;
    expect((await call("delete", `${url}?version=${project.version + 1}`, { token })).status).toBe(409);
    expect((await call("delete", `${url}?version=abc`, { token })).status).toBe(422);
    expect((await call("delete", `${url}?version=${project.version}`, { token })).status).toBe(204);
    expect((await call("get", url, { token })).status).toBe(404);
    expect((await call("post", `${url}/restore`, { token })).status).toBe(200);
    expect((await call("get", url, { token })).status).toBe(200);

    // Restoring while another live project took its CUP → 409.
    const [{ cup: taken, version }] = await ownerQuery<{ cup: string; version: number }>(
      `SELECT cup, version FROM "Project" WHERE id = $1`,
      [project.id],
    );
    expect((await call("delete", `${url}?version=${version}`, { token })).status).toBe(204);
    expect((await call("post", "projects", { token, json: projectBody({ cup: taken }) })).status).toBe(201);
    expect((await call("post", `${url}/restore`, { token })).status).toBe(409);
    expect((await call("post", `projects/${MISSING}/restore`, { token })).status).toBe(404);
  });
});

describe("tenant wall: a token of comune A cannot read or write comune B's records", () => {
  it("Paullo's token gets 404 for every read and write of a San Donato project, and nothing changes", async () => {
    const project = await newProject(tokens.sanDonato);
    const line = dataOf<{ id: string; version: number }>(
      await call("post", `projects/${project.id}/funding-lines`, {
        token: tokens.sanDonato,
        json: CHILD_BODIES["funding-lines"],
      }),
    );
    const token = tokens.paullo;
    const url = `projects/${project.id}`;
    const attempts: [string, () => ReturnType<typeof call>][] = [
      ["GET project", () => call("get", url, { token })],
      ["PATCH project", () => call("patch", url, { token, json: projectBody({ version: project.version }) })],
      ["DELETE project", () => call("delete", `${url}?version=${project.version}`, { token })],
      ["POST restore", () => call("post", `${url}/restore`, { token })],
      ["GET children", () => call("get", `${url}/funding-lines`, { token })],
      ["POST child", () => call("post", `${url}/actions`, { token, json: CHILD_BODIES.actions })],
      ["GET child", () => call("get", `${url}/funding-lines/${line.id}`, { token })],
      [
        "PATCH child",
        () =>
          call("patch", `${url}/funding-lines/${line.id}`, {
            token,
            json: { ...CHILD_BODIES["funding-lines"], version: line.version },
          }),
      ],
      ["DELETE child", () => call("delete", `${url}/funding-lines/${line.id}`, { token })],
      ["export", () => call("get", `comuni/${SAN_DONATO}/export`, { token })],
      ["import", () => call("post", `comuni/${SAN_DONATO}/import?dryRun=1`, { token, body: "x" })],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, label).toBe(404);
      expect(res.headers.get("content-type"), label).toBe("application/problem+json");
    }
    const [after] = await ownerQuery<{
      version: number;
      deletedAt: Date | null;
      lines: number;
      actions: number;
    }>(
      `SELECT version, "deletedAt",
         (SELECT count(*)::int FROM "FundingLine" WHERE "projectId" = p.id) AS lines,
         (SELECT count(*)::int FROM "Action" WHERE "projectId" = p.id) AS actions
       FROM "Project" p WHERE id = $1`,
      [project.id],
    );
    expect(after).toEqual({ version: project.version, deletedAt: null, lines: 1, actions: 0 });
    // San Donato's list seen through Paullo's token: only the projects Paullo is a partner of.
    const list = await call("get", `projects?comune=${SAN_DONATO}&ambito=own&pageSize=100`, { token });
    const ids = dataOf<{ id: string }[]>(list).map((p) => p.id);
    expect(ids).not.toContain(project.id);
    const [{ partnerOf }] = await ownerQuery<{ partnerOf: number }>(
      `SELECT count(*)::int AS "partnerOf" FROM "ProjectPartner" WHERE "projectId" = ANY($1::uuid[]) AND "partnerIstat" = $2`,
      [ids, PAULLO],
    );
    expect(partnerOf).toBe(ids.length);
  });
});

describe("roll-up, export and import", () => {
  it("GET /rollup and /rollup/export: coordinators and administrators only", async () => {
    const rollup = await call("get", "rollup?provincia=015&fonte=PNRR", { token: tokens.coordinator });
    expect(rollup.status).toBe(200);
    expect(dataOf<{ filters: unknown }>(rollup).filters).toEqual({ province: "015", source: "PNRR" });
    expect((await call("get", "rollup?anno_da=1800", { token: tokens.admin })).status).toBe(422);
    expect((await call("get", "rollup", { token: tokens.sanDonato })).status).toBe(404);

    const csv = await call("get", "rollup/export?tabella=filoni&formato=csv", { token: tokens.coordinator });
    expect(csv.status).toBe(200);
    const xlsx = await call("get", "rollup/export?formato=xlsx&provincia=015", { token: tokens.admin });
    expect(xlsx.status).toBe(200);
    expect((await xlsx.response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await call("get", "rollup/export?tabella=nope", { token: tokens.coordinator })).status).toBe(422);
    expect((await call("get", "rollup/export", { token: tokens.sanDonato })).status).toBe(404);
  });

  it("GET /rollup and /rollup/export refuse a reversed year range (problem+json on anno_da)", async () => {
    for (const url of ["rollup?anno_da=2027&anno_a=2025", "rollup/export?anno_da=2027&anno_a=2025"]) {
      const res = await call("get", url, { token: tokens.coordinator });
      expect(res.status, url).toBe(422);
      expect(res.headers.get("content-type"), url).toBe("application/problem+json");
      expect((res.body as { errors: Record<string, string[]> }).errors.anno_da, url).toEqual([
        "L'anno iniziale è successivo a quello finale.",
      ]);
    }
    expect((await call("get", "rollup?anno_da=2025&anno_a=2025", { token: tokens.coordinator })).status).toBe(
      200,
    );
  });

  it("comune export and import: preview, commit, a file with errors (422 + report), a stale preview (409)", async () => {
    const token = tokens.sanDonato;
    const exported = await call("get", `comuni/${SAN_DONATO}/export?formato=csv`, { token });
    expect(exported.status).toBe(200);
    expect((await call("get", `comuni/${SAN_DONATO}/export?formato=pdf`, { token })).status).toBe(422);
    const template = await call("get", `comuni/${SAN_DONATO}/export?modello=true`, { token });
    expect(template.text.trim().split("\n")).toHaveLength(1);

    const upload = (query: string, text: string) =>
      call("post", `comuni/${SAN_DONATO}/import${query}`, {
        token,
        body: text,
        headers: { "content-type": "text/csv", "x-file-name": "interventi.csv" },
      });
    const preview = await upload("?dryRun=1", exported.text);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ ok: true, committed: false });
    expect((await upload("?token=superato", exported.text)).status).toBe(409);
    const committed = await upload(`?token=${(preview.body as { token: string }).token}`, exported.text);
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ committed: true, projects: { create: 0, update: 0 } });

    const broken = `${HEADERS.join(";")}\nINTERVENTO${";".repeat(HEADERS.length - 1)}\n`;
    const rejected = await upload("", broken);
    expect(rejected.status).toBe(422);
    expect((rejected.body as { report: { ok: boolean; errorRows: number } }).report).toMatchObject({
      ok: false,
      errorRows: 1,
    });
  });
});

describe("documents", () => {
  it("list, upload (201, 422 empty, 404 elsewhere), download, public flag (409 stale, 422), delete", async () => {
    const project = await newProject();
    const base = `projects/${project.id}/documents`;
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const send = (body: string, token = tokens.sanDonato, url = base) =>
      call("post", url, {
        token,
        body,
        headers: { "content-type": "application/pdf", "x-file-name": encodeURIComponent("atto.pdf") },
      });
    const created = await send(pdf);
    expect(created.status).toBe(201);
    const doc = dataOf<{ id: string; version: number }>(created);
    expect((await send("")).status).toBe(422);
    expect((await send(pdf, tokens.paullo)).status).toBe(404);
    const list = await call("get", base, { token: tokens.sanDonato });
    expect(dataOf<unknown[]>(list)).toHaveLength(1);
    expect((await call("get", base, { token: tokens.paullo })).status).toBe(404);
    expect((await call("get", `${base}?azione=nope`, { token: tokens.sanDonato })).status).toBe(422);
    const file = await call("get", `${base}/${doc.id}`, { token: tokens.coordinator });
    expect(file.status).toBe(200);
    expect(file.text).toBe(pdf);
    expect((await call("get", `${base}/${doc.id}`, { token: tokens.paullo })).status).toBe(404);
    const patch = (json: unknown, token = tokens.sanDonato) =>
      call("patch", `${base}/${doc.id}`, { token, json });
    expect((await patch({ public: "sì", version: 1 })).status).toBe(422);
    expect((await patch({ public: true, version: 9 })).status).toBe(409);
    expect((await patch({ public: true, version: doc.version }, tokens.admin)).status).toBe(404);
    expect((await patch({ public: true, version: doc.version })).status).toBe(200);
    const del = (query: string, token = tokens.sanDonato) =>
      call("delete", `${base}/${doc.id}${query}`, { token });
    expect((await del("?versione=x")).status).toBe(422);
    expect((await del("?versione=1")).status).toBe(409);
    expect((await del("", tokens.coordinator)).status).toBe(404);
    expect((await del("?versione=2")).status).toBe(204);
  });
});

describe("authentication", () => {
  it("writes without credentials (or with a malformed token) are 401 and change nothing", async () => {
    session.actor = null;
    const project = await newProject();
    const url = `projects/${project.id}`;
    for (const token of [undefined, "slt_nonsense"]) {
      const attempts = [
        call("post", "projects", { token, json: projectBody() }),
        call("patch", url, { token, json: projectBody({ version: project.version }) }),
        call("delete", `${url}?version=${project.version}`, { token }),
        call("post", `${url}/restore`, { token }),
        call("post", `${url}/actions`, { token, json: CHILD_BODIES.actions }),
        call("patch", `${url}/actions/${MISSING}`, { token, json: CHILD_BODIES.actions }),
        call("delete", `${url}/actions/${MISSING}`, { token }),
        call("post", `comuni/${SAN_DONATO}/import`, { token, body: "x" }),
        call("post", "tokens", { token, json: { name: "x" } }),
        call("delete", `tokens/${MISSING}`, { token }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status).toBe(401);
    }
    const [after] = await ownerQuery<{ version: number; deletedAt: Date | null }>(
      `SELECT version, "deletedAt" FROM "Project" WHERE id = $1`,
      [project.id],
    );
    expect(after).toEqual({ version: project.version, deletedAt: null });
  });

  it("tokens are managed with the session only; a revoked token is refused at once", async () => {
    session.actor = sanDonato;
    const listed = await call("get", "tokens");
    expect(listed.status).toBe(200);
    expect((await call("post", "tokens", { json: { name: "  " } })).status).toBe(422);
    const created = await call("post", "tokens", { json: { name: "Script notturno" } });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    expect(listed.text).not.toContain(token);

    expect((await call("get", "projects", { token })).status).toBe(200);
    // A token cannot manage tokens, even its own.
    expect((await call("get", "tokens", { token })).status).toBe(401);
    expect((await call("delete", `tokens/${id}`, { token })).status).toBe(401);

    expect((await call("delete", `tokens/${id}`)).status).toBe(200);
    expect((await call("get", "projects", { token })).status).toBe(401);
    expect((await call("get", `comuni/${SAN_DONATO}`, { token })).status).toBe(401);
    expect((await call("post", "projects", { token, json: projectBody() })).status).toBe(401);
    expect((await call("delete", `tokens/${MISSING}`)).status).toBe(404);

    // Another user's token is not found for this session.
    session.actor = paullo;
    const [{ id: sanDonatoTokenId }] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "ApiToken" WHERE "userId" = $1 AND "revokedAt" IS NULL LIMIT 1`,
      [sanDonato.userId],
    );
    expect((await call("delete", `tokens/${sanDonatoTokenId}`)).status).toBe(404);
    session.actor = null;
  });

  it("GET /openapi.json needs no credentials and is the document itself", async () => {
    session.actor = null;
    const res = await call("get", "openapi.json");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("adherence and local plans", () => {
  it("act, plan, submit, return, approve and the matrix; 404 across comuni, 409 stale, 422 invalid", async () => {
    await ownerQuery(
      `INSERT INTO "Stream" (code, name, theme, "values") VALUES ('SL-API', 'Filone del test API', 'ENERGY', ARRAY['INNOVATION']::"ProgrammeValue"[]) ON CONFLICT DO NOTHING`,
    );
    const base = `comuni/${SAN_DONATO}/adherence`;
    const list = await call("get", base, { token: tokens.sanDonato });
    expect(list.status).toBe(200);
    expect((await call("get", base, { token: tokens.paullo })).status).toBe(404);
    const entry = dataOf<{ smartLands: { slug: string; act: { version: number } | null }[] }>(
      list,
    ).smartLands.find((s) => s.slug === "sud-est-milano")!;
    const actVersion = entry.act?.version ?? 0;
    const act = { actKind: "PROTOCOL", actNumber: "7/2019", actDate: "14/03/2019", version: actVersion };
    expect((await call("put", `${base}/sud-est-milano`, { token: tokens.paullo, json: act })).status).toBe(
      404,
    );
    expect(
      (
        await call("put", `${base}/sud-est-milano`, {
          token: tokens.sanDonato,
          json: { ...act, actDate: "x" },
        })
      ).status,
    ).toBe(422);
    expect((await call("put", `${base}/sud-est-milano`, { token: tokens.sanDonato, json: act })).status).toBe(
      200,
    );
    expect((await call("put", `${base}/sud-est-milano`, { token: tokens.sanDonato, json: act })).status).toBe(
      409,
    );

    const plan = `${base}/sud-est-milano/plans/SL-API`;
    const body = {
      objectives: "Obiettivi del piano di prova.",
      envelope: [{ year: 2026, amount: "10.000,00" }],
      indicators: [{ name: "Punti luce", unit: "n.", baseline: "0", target: "100", year: 2026 }],
      contactName: "Ufficio tecnico",
      contactEmail: "ufficio@comune.example",
      version: 0,
    };
    expect((await call("get", plan, { token: tokens.paullo })).status).toBe(404);
    expect((await call("put", plan, { token: tokens.coordinator, json: body })).status).toBe(404);
    expect(
      (await call("put", plan, { token: tokens.sanDonato, json: { ...body, envelope: "x" } })).status,
    ).toBe(422);
    const saved = await call("put", plan, { token: tokens.sanDonato, json: body });
    expect(saved.status).toBe(200);
    expect((await call("put", plan, { token: tokens.sanDonato, json: body })).status).toBe(409);
    const v = dataOf<{ version: number }>(saved).version;
    expect(
      (await call("post", `${plan}/submit`, { token: tokens.paullo, json: { version: v } })).status,
    ).toBe(404);
    expect(
      (await call("post", `${plan}/submit`, { token: tokens.sanDonato, json: { version: "x" } })).status,
    ).toBe(422);
    expect(
      (await call("post", `${plan}/submit`, { token: tokens.sanDonato, json: { version: v + 5 } })).status,
    ).toBe(409);
    const submitted = await call("post", `${plan}/submit`, { token: tokens.sanDonato, json: { version: v } });
    expect(submitted.status).toBe(200);
    const sv = dataOf<{ version: number }>(submitted).version;

    expect(
      (await call("post", `${plan}/return`, { token: tokens.admin, json: { version: sv, comment: "x" } }))
        .status,
    ).toBe(404);
    expect(
      (await call("post", `${plan}/return`, { token: tokens.coordinator, json: { version: sv } })).status,
    ).toBe(422);
    expect(
      (
        await call("post", `${plan}/return`, {
          token: tokens.coordinator,
          json: { version: sv + 1, comment: "x" },
        })
      ).status,
    ).toBe(409);
    const returned = await call("post", `${plan}/return`, {
      token: tokens.coordinator,
      json: { version: sv, comment: "Completare gli indicatori." },
    });
    expect(returned.status).toBe(200);
    const page = await call("get", plan, { token: tokens.sanDonato });
    expect(page.status).toBe(200);
    const rv = dataOf<{ plan: { version: number } }>(page).plan.version;
    const again = await call("put", plan, { token: tokens.sanDonato, json: { ...body, version: rv } });
    const resubmitted = await call("post", `${plan}/submit`, {
      token: tokens.sanDonato,
      json: { version: dataOf<{ version: number }>(again).version },
    });
    const av = dataOf<{ version: number }>(resubmitted).version;
    expect(
      (await call("post", `${plan}/approve`, { token: tokens.sanDonato, json: { version: av } })).status,
    ).toBe(404);
    expect((await call("post", `${plan}/approve`, { token: tokens.coordinator, json: {} })).status).toBe(422);
    expect(
      (await call("post", `${plan}/approve`, { token: tokens.coordinator, json: { version: av + 1 } }))
        .status,
    ).toBe(409);
    expect(
      (await call("post", `${plan}/approve`, { token: tokens.coordinator, json: { version: av } })).status,
    ).toBe(200);

    const matrix = await call("get", "smart-lands/sud-est-milano/adherence?anno=2026", {
      token: tokens.coordinator,
    });
    expect(matrix.status).toBe(200);
    expect((await call("get", "smart-lands/sud-est-milano/adherence", { token: tokens.admin })).status).toBe(
      200,
    );
    expect(
      (await call("get", "smart-lands/sud-est-milano/adherence", { token: tokens.sanDonato })).status,
    ).toBe(404);
    expect(
      (await call("get", "smart-lands/sud-est-milano/adherence?anno=1", { token: tokens.coordinator }))
        .status,
    ).toBe(422);
  });
});

describe("programme plan and adherence act documents", () => {
  it("programme: GET, PUT (409 stale, 422 invalid, 404 for officers), plan-vs-actual", async () => {
    const url = "smart-lands/sud-est-milano/programme";
    const got = await call("get", url, { token: tokens.coordinator });
    expect(got.status).toBe(200);
    const version = dataOf<{ version: number }>(got).version;
    const body = (v: number) => ({
      version: v,
      phases: [
        {
          name: "Fase 1",
          startYear: 2025,
          endYear: 2027,
          streams: [{ stream: "SL-01", envelope: [{ year: 2026, amount: "1000.00" }], targets: [] }],
        },
      ],
    });
    expect((await call("put", url, { token: tokens.coordinator, json: body(version + 5) })).status).toBe(409);
    expect(
      (await call("put", url, { token: tokens.coordinator, json: { version, phases: [{ name: "" }] } }))
        .status,
    ).toBe(422);
    expect((await call("put", url, { token: tokens.sanDonato, json: body(version) })).status).toBe(404);
    expect((await call("put", url, { token: tokens.coordinator, json: body(version) })).status).toBe(200);
    expect((await call("get", "smart-lands/nessuna/programme", { token: tokens.coordinator })).status).toBe(
      404,
    );
    const pva = `${url}/plan-vs-actual`;
    expect((await call("get", `${pva}?anno=2026`, { token: tokens.sanDonato })).status).toBe(200);
    expect((await call("get", `${pva}?anno=x`, { token: tokens.coordinator })).status).toBe(422);
    expect(
      (await call("get", "smart-lands/nessuna/programme/plan-vs-actual", { token: tokens.admin })).status,
    ).toBe(404);
  });

  it("act documents: upload (201, 422 empty, 404 elsewhere), list, download, delete (409, 422)", async () => {
    const base = `comuni/${SAN_DONATO}/adherence/sud-est-milano/documents`;
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const send = (content: string, token = tokens.sanDonato) =>
      call("post", base, {
        token,
        body: content,
        headers: { "content-type": "application/pdf", "x-file-name": encodeURIComponent("delibera.pdf") },
      });
    const created = await send(pdf);
    expect(created.status).toBe(201);
    const doc = dataOf<{ id: string; version: number }>(created);
    expect((await send("")).status).toBe(422);
    expect((await send(pdf, tokens.paullo)).status).toBe(404);
    expect((await call("get", base, { token: tokens.coordinator })).status).toBe(200);
    expect((await call("get", base, { token: tokens.paullo })).status).toBe(404);
    const file = await call("get", `${base}/${doc.id}`, { token: tokens.coordinator });
    expect(file.status).toBe(200);
    expect(file.text).toBe(pdf);
    expect((await call("get", `${base}/${doc.id}`, { token: tokens.paullo })).status).toBe(404);
    const del = (query: string, token = tokens.sanDonato) =>
      call("delete", `${base}/${doc.id}${query}`, { token });
    expect((await del("?versione=x")).status).toBe(422);
    expect((await del("?versione=9")).status).toBe(409);
    expect((await del("", tokens.coordinator)).status).toBe(404);
    expect((await del(`?versione=${doc.version}`)).status).toBe(204);
  });
});

describe("monitoring rounds", () => {
  it("open, board, checklist, submit, return, validate, close; 404 across comuni and roles, 409 stale, 422 invalid", async () => {
    const input = {
      title: "Rilevazione del test API",
      smartLand: "sud-est-milano",
      periodStart: "2026-07-01",
      periodEnd: "2026-12-31",
      dueDate: "2027-01-31",
      items: ["indicators"],
    };
    expect((await call("post", "rounds", { token: tokens.sanDonato, json: input })).status).toBe(404);
    expect((await call("post", "rounds", { token: tokens.admin, json: input })).status).toBe(404);
    expect(
      (await call("post", "rounds", { token: tokens.coordinator, json: { ...input, items: ["x"] } })).status,
    ).toBe(422);
    const opened = await call("post", "rounds", { token: tokens.coordinator, json: input });
    expect(opened.status).toBe(201);
    const id = dataOf<{ id: string }>(opened).id;
    expect((await call("get", "rounds", { token: tokens.sanDonato })).status).toBe(200);
    expect((await call("get", `rounds/${id}`, { token: tokens.admin })).status).toBe(200);
    expect((await call("get", `rounds/${id}`, { token: tokens.sanDonato })).status).toBe(404);
    expect(
      (await call("get", `rounds/${id}/board?stato=SUBMITTED`, { token: tokens.coordinator })).status,
    ).toBe(200);
    expect((await call("get", `rounds/${id}/board`, { token: tokens.sanDonato })).status).toBe(404);
    expect((await call("get", `rounds/${id}/board?stato=x`, { token: tokens.coordinator })).status).toBe(422);

    const sub = `rounds/${id}/comuni/${SAN_DONATO}`;
    expect((await call("get", sub, { token: tokens.paullo })).status).toBe(404);
    const page = await call("get", sub, { token: tokens.sanDonato });
    expect(page.status).toBe(200);
    const v = dataOf<{ submission: { version: number } }>(page).submission.version;
    expect((await call("post", `${sub}/submit`, { token: tokens.paullo, json: { version: v } })).status).toBe(
      404,
    );
    expect(
      (await call("post", `${sub}/submit`, { token: tokens.coordinator, json: { version: v } })).status,
    ).toBe(404);
    expect(
      (await call("post", `${sub}/submit`, { token: tokens.sanDonato, json: { version: "x" } })).status,
    ).toBe(422);
    expect(
      (await call("post", `${sub}/submit`, { token: tokens.sanDonato, json: { version: v + 1 } })).status,
    ).toBe(409);
    const submitted = await call("post", `${sub}/submit`, { token: tokens.sanDonato, json: { version: v } });
    expect(submitted.status).toBe(200);
    const sv = dataOf<{ version: number }>(submitted).version;
    const frozen = dataOf<{ snapshot: { projectId: string }[] }>(
      await call("get", sub, { token: tokens.coordinator }),
    ).snapshot;
    expect(frozen.length).toBeGreaterThan(0);

    expect(
      (await call("post", `${sub}/return`, { token: tokens.sanDonato, json: { version: sv, note: "x" } }))
        .status,
    ).toBe(404);
    expect(
      (await call("post", `${sub}/return`, { token: tokens.coordinator, json: { version: sv } })).status,
    ).toBe(422);
    expect(
      (
        await call("post", `${sub}/return`, {
          token: tokens.coordinator,
          json: { version: sv + 1, note: "x" },
        })
      ).status,
    ).toBe(409);
    const returned = await call("post", `${sub}/return`, {
      token: tokens.coordinator,
      json: {
        version: sv,
        note: "Completare.",
        projectNotes: [{ projectId: frozen[0].projectId, note: "Qui." }],
      },
    });
    expect(returned.status).toBe(200);
    const rv = dataOf<{ version: number }>(returned).version;
    const again = await call("post", `${sub}/submit`, { token: tokens.sanDonato, json: { version: rv } });
    expect(again.status).toBe(200);
    const av = dataOf<{ version: number }>(again).version;
    expect(
      (await call("post", `${sub}/validate`, { token: tokens.admin, json: { version: av } })).status,
    ).toBe(404);
    expect((await call("post", `${sub}/validate`, { token: tokens.coordinator, json: {} })).status).toBe(422);
    expect(
      (await call("post", `${sub}/validate`, { token: tokens.coordinator, json: { version: av + 1 } }))
        .status,
    ).toBe(409);
    expect(
      (await call("post", `${sub}/validate`, { token: tokens.coordinator, json: { version: av } })).status,
    ).toBe(200);

    // The OpenCoesione export: the region's (an officer: 404), a bad format: 422.
    const csv = await call("get", `rounds/${id}/export?formato=csv`, { token: tokens.coordinator });
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n")[0]).toMatch(/^\uFEFF?COD_LOCALE_PROGETTO;CUP;OC_TITOLO_PROGETTO;/);
    const xlsx = await call("get", `rounds/${id}/export?formato=xlsx&inclusi=trasmessi`, {
      token: tokens.admin,
    });
    expect(xlsx.status).toBe(200);
    expect((await call("get", `rounds/${id}/export`, { token: tokens.sanDonato })).status).toBe(404);
    expect((await call("get", `rounds/${id}/export?formato=pdf`, { token: tokens.coordinator })).status).toBe(
      422,
    );

    const round = dataOf<{ version: number }>(
      await call("get", `rounds/${id}`, { token: tokens.coordinator }),
    );
    expect(
      (await call("post", `rounds/${id}/close`, { token: tokens.admin, json: { version: round.version } }))
        .status,
    ).toBe(404);
    expect((await call("post", `rounds/${id}/close`, { token: tokens.coordinator, json: {} })).status).toBe(
      422,
    );
    expect(
      (
        await call("post", `rounds/${id}/close`, {
          token: tokens.coordinator,
          json: { version: round.version + 1 },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call("post", `rounds/${id}/close`, {
          token: tokens.coordinator,
          json: { version: round.version },
        })
      ).status,
    ).toBe(200);
  });

  it("submission documents: upload while editable (201; 409 once validated; 404 elsewhere), list, download, delete", async () => {
    // The demo's open round (San Donato in progress) and closed one (validated): prisma/seed/rounds.ts.
    const base = `rounds/${OPEN_ROUND_ID}/comuni/${SAN_DONATO}/documents`;
    const pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const send = (url: string, content: string, token = tokens.sanDonato) =>
      call("post", url, {
        token,
        body: content,
        headers: { "content-type": "application/pdf", "x-file-name": encodeURIComponent("sal.pdf") },
      });
    const created = await send(base, pdf);
    expect(created.status).toBe(201);
    const doc = dataOf<{ id: string; version: number; ownerKind: string }>(created);
    expect(doc.ownerKind).toBe("ROUND_SUBMISSION");
    expect((await send(base, "")).status).toBe(422);
    expect((await send(base, pdf, tokens.paullo)).status).toBe(404);
    expect((await send(base, pdf, tokens.coordinator)).status).toBe(404);
    expect((await send(`rounds/${CLOSED_ROUND_ID}/comuni/${SAN_DONATO}/documents`, pdf)).status).toBe(409);
    const listed = await call("get", base, { token: tokens.coordinator });
    expect(listed.status).toBe(200);
    expect(dataOf<{ id: string }[]>(listed).map((d) => d.id)).toContain(doc.id);
    expect((await call("get", base, { token: tokens.paullo })).status).toBe(404);
    const file = await call("get", `${base}/${doc.id}`, { token: tokens.admin });
    expect(file.status).toBe(200);
    expect(file.text).toBe(pdf);
    expect((await call("get", `${base}/${doc.id}`, { token: tokens.paullo })).status).toBe(404);
    // Paullo's own submission does not hold San Donato's document.
    expect(
      (
        await call("get", `rounds/${OPEN_ROUND_ID}/comuni/${PAULLO}/documents/${doc.id}`, {
          token: tokens.paullo,
        })
      ).status,
    ).toBe(404);
    const del = (query: string, token = tokens.sanDonato) =>
      call("delete", `${base}/${doc.id}${query}`, { token });
    expect((await del("?versione=x")).status).toBe(422);
    expect((await del("?versione=9")).status).toBe(409);
    expect((await del("", tokens.coordinator)).status).toBe(404);
    expect((await del(`?versione=${doc.version}`)).status).toBe(204);
  });
});

describe("phases and milestones", () => {
  it("GET/PUT a project's phases (404 elsewhere, 409 stale, 422 invalid) and the coordinator's milestones", async () => {
    const project = await newProject();
    const url = `projects/${project.id}/phases`;
    const read = await call("get", url, { token: tokens.sanDonato });
    expect(read.status).toBe(200);
    expect(dataOf<{ phases: unknown[] }>(read).phases).toHaveLength(8);
    const phase = { kind: "AWARD", plannedStart: "01/03/2026", plannedEnd: "30/04/2026", version: 0 };
    const saved = await call("put", url, { token: tokens.sanDonato, json: { phases: [phase] } });
    expect(saved.status).toBe(200);
    expect((await call("put", url, { token: tokens.sanDonato, json: { phases: [phase] } })).status).toBe(409);
    const invalid = await call("put", url, {
      token: tokens.sanDonato,
      json: { phases: [{ ...phase, plannedEnd: "01/01/2026", version: 1 }] },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys((invalid.body as { errors: object }).errors)).toEqual(["AWARD.plannedEnd"]);
    expect((await call("get", url, { token: tokens.paullo })).status).toBe(404);
    expect((await call("put", url, { token: tokens.paullo, json: { phases: [] } })).status).toBe(404);

    const milestones = await call(
      "get",
      "smart-lands/sud-est-milano/milestones?vista=in_scadenza&giorni=60",
      {
        token: tokens.coordinator,
      },
    );
    expect(milestones.status).toBe(200);
    expect(
      (await call("get", "smart-lands/sud-est-milano/milestones", { token: tokens.sanDonato })).status,
    ).toBe(404);
    expect((await call("get", "smart-lands/nessuna/milestones", { token: tokens.admin })).status).toBe(404);
    expect(
      (await call("get", "smart-lands/sud-est-milano/milestones?vista=domani", { token: tokens.admin }))
        .status,
    ).toBe(422);
  });
});

describe("the whole document", () => {
  it("every operation but the document itself answers 401 without credentials", async () => {
    session.actor = null;
    const sample: Record<string, string> = {
      istat: SAN_DONATO,
      id: MISSING,
      slug: "sud-est-milano",
      childId: MISSING,
      stream: "SL-01",
      documentId: MISSING,
    };
    for (const [docPath, item] of Object.entries(openApiDocument().paths)) {
      for (const method of Object.keys(item) as HttpMethod[]) {
        const url = docPath.slice(1).replace(/\{([^}]+)\}/g, (_, name: string) => sample[name]);
        const res = await call(method, url, {
          json: method === "post" || method === "patch" || method === "put" ? {} : undefined,
        });
        expect(res.status, `${method} ${docPath}`).toBe(docPath === "/openapi.json" ? 200 : 401);
      }
    }
  });

  it("every write meets apiRoute's guards: 403 from another site, 415 for another type, 413 too large", async () => {
    const sample: Record<string, string> = {
      istat: SAN_DONATO,
      id: MISSING,
      childId: MISSING,
      slug: "sud-est-milano",
      stream: "SL-01",
      documentId: MISSING,
    };
    for (const [docPath, item] of Object.entries(openApiDocument().paths)) {
      for (const [method, operation] of Object.entries(item) as [
        HttpMethod,
        { requestBody?: unknown; responses: object },
      ][]) {
        if (!("403" in operation.responses)) continue;
        const url = docPath.slice(1).replace(/\{([^}]+)\}/g, (_, name: string) => sample[name]);
        const label = `${method} ${docPath}`;
        const body = operation.requestBody ? "{}" : undefined;
        session.actor = sanDonato;
        const foreign = await call(method, url, {
          body,
          headers: { origin: "https://attacker.example", ...(body ? { "content-type": "text/plain" } : {}) },
        });
        expect(foreign.status, label).toBe(403);
        if (!body) continue;
        const plain = await call(method, url, {
          body,
          headers: { "sec-fetch-site": "same-origin", "content-type": "text/plain" },
        });
        expect(plain.status, label).toBe(415);
        session.actor = null;
        const large = await call(method, url, {
          token: tokens.sanDonato,
          body,
          // Past every limit: 1 MB of JSON, 5 MB of an import, 20 MB of a document.
          headers: { "content-type": "application/json", "content-length": String(21 * 1024 * 1024) },
        });
        expect(large.status, label).toBe(413);
      }
    }
    session.actor = null;
  });

  it("every documented response (success and errors) was exercised and matched the document", () => {
    const missing: string[] = [];
    for (const [docPath, item] of Object.entries(openApiDocument().paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${docPath}`;
        const statuses = seen.get(key) ?? new Set<number>();
        for (const status of Object.keys((operation as { responses: object }).responses).map(Number)) {
          if (!statuses.has(status)) missing.push(`${key} → ${status}`);
        }
      }
    }
    expect(missing, "documented responses never exercised").toEqual([]);
  });
});
