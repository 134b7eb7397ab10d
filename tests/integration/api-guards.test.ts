// The guards every /api/v1 route gets from apiRoute (issue #14, items 8 and 4):
// - body limits: JSON ~1 MB, import 5 MB, answered 413 problem+json before the body is read in full;
// - cross-site writes: a cookie-authenticated unsafe request must come from the portal's own origin
//   (Origin or Sec-Fetch-Site) with the content type the operation documents; bearer tokens are unaffected.
// The session cannot exist outside Next's request scope, so getActor() (session → Actor) is mocked, as in
// api-contract.test.ts; everything after it is production code, against the real database.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as importRoute from "@/app/api/v1/comuni/[istat]/import/route";
import * as projectRoute from "@/app/api/v1/projects/[id]/route";
import * as projectsRoute from "@/app/api/v1/projects/route";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/users/api-tokens";
import { exportComuneProjects } from "@/lib/import/export-comune";
import { actorFor, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

const PORTAL = "http://127.0.0.1:3141";
const FOREIGN = "https://attacker.example";

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

let sanDonato: Actor;
let token = "";
let streamId = "";

beforeAll(async () => {
  process.env.NEXTAUTH_URL = PORTAL;
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  token = (await createApiToken(sanDonato, { name: "guardie" })).token;
  [{ id: streamId }] = await ownerQuery<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
});

let seq = 0;
const title = () => `Guardie API ${Date.now().toString(36)}-${++seq}`;
const cup = () => {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let tail = "";
  for (let i = 0; i < 9; i++) tail += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `J71B19${tail}`;
};
const projectBody = (t: string) => ({
  streamId,
  title: t,
  summary: "Dai test delle guardie dell'API.",
  cup: cup(),
  totalCost: "1.234,56",
  plannedStart: "01/03/2026",
  plannedEnd: "2026-12-31",
  status: "DESIGN",
  progress: 10,
});

async function send(
  handler: unknown,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: BodyInit | null; duplex?: "half" },
  params: Record<string, string> = {},
) {
  const request = new Request(`${PORTAL}${url}`, {
    ...init,
    headers: { host: "127.0.0.1:3141", ...init.headers },
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(params as never) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return { status: response.status, type: response.headers.get("content-type"), body };
}

async function projectsTitled(t: string) {
  const rows = await ownerQuery<{ n: string }>(`SELECT count(*)::text AS n FROM "Project" WHERE title = $1`, [
    t,
  ]);
  return Number(rows[0]!.n);
}

/** A body of `total` bytes produced on demand; `pulled()` says how much the handler actually read. */
function countingBody(total: number, chunk = 64 * 1024) {
  let produced = 0;
  const piece = new TextEncoder().encode(" ".repeat(chunk));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= total) return controller.close();
      produced += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, pulled: () => produced };
}

describe("body limits (item 8)", () => {
  it("a 2 MB JSON body is refused with 413 problem+json, from Content-Length, without reading it", async () => {
    session.actor = null;
    const body = countingBody(2 * 1024 * 1024);
    const res = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "content-length": String(2 * 1024 * 1024),
      },
      body: body.stream,
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(res.type).toBe("application/problem+json");
    expect(res.body).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(res.body.detail).toBe("Il corpo della richiesta è troppo grande: il limite è di 1 MB.");
    expect(body.pulled()).toBeLessThan(256 * 1024);
  });

  it("without Content-Length (chunked), the JSON body is counted while streaming and cut at the limit", async () => {
    const body = countingBody(45 * 1024 * 1024);
    const res = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body.stream,
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.pulled()).toBeLessThan(1024 * 1024 + 256 * 1024);
  });

  it("the import takes up to 5 MB: a 45 MB upload is cut at the limit, raw or multipart", async () => {
    for (const type of ["text/csv", "multipart/form-data; boundary=x"]) {
      const body = countingBody(45 * 1024 * 1024);
      const res = await send(
        importRoute.POST,
        `/api/v1/comuni/${SAN_DONATO}/import?dryRun=1`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type },
          body: body.stream,
          duplex: "half",
        },
        { istat: SAN_DONATO },
      );
      expect(res.status, type).toBe(413);
      expect(res.body.detail).toBe("Il file è troppo grande: il limite è di 5 MB. Dividilo in più file.");
      expect(body.pulled(), type).toBeLessThan(5 * 1024 * 1024 + 512 * 1024);
    }
  });

  it("a JSON body under the limit still works", async () => {
    const t = title();
    const res = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(projectBody(t)),
    });
    expect(res.status).toBe(201);
    expect(await projectsTitled(t)).toBe(1);
  });
});

describe("cross-site writes (item 4)", () => {
  it("cookie + foreign Origin + text/plain POST to create a project: 403, nothing created", async () => {
    session.actor = sanDonato;
    const t = title();
    const res = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { origin: FOREIGN, "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(projectBody(t)),
    });
    expect(res.status).toBe(403);
    expect(res.type).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      code: "FORBIDDEN_ORIGIN",
      title: "Richiesta rifiutata: proviene da un altro sito.",
    });
    expect(await projectsTitled(t)).toBe(0);
    // A browser that tells the site instead (Sec-Fetch-Site) is refused the same, even with JSON.
    const viaFetchMetadata = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify(projectBody(t)),
    });
    expect(viaFetchMetadata.status).toBe(403);
    // A sibling site (another port or subdomain: same-site, not same-origin) is foreign too.
    const sibling = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: {
        origin: "http://127.0.0.1:9",
        "sec-fetch-site": "same-site",
        "content-type": "application/json",
      },
      body: JSON.stringify(projectBody(t)),
    });
    expect(sibling.status).toBe(403);
    const nullOrigin = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { origin: "null", "content-type": "application/json" },
      body: JSON.stringify(projectBody(t)),
    });
    expect(nullOrigin.status).toBe(403);
    expect(await projectsTitled(t)).toBe(0);
  });

  it("the same against the import endpoint: refused, the project is not overwritten", async () => {
    session.actor = sanDonato;
    const [project] = await ownerQuery<{ id: string; title: string; cup: string | null; localCode: string }>(
      `SELECT id, title, cup, "localCode" FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL
         ORDER BY "createdAt" LIMIT 1`,
      [SAN_DONATO],
    );
    const exported = await (await exportComuneProjects(sanDonato, SAN_DONATO, "csv", {})).text();
    const hijacked = exported.replace(project!.title, "Sovrascritto da un altro sito");
    expect(hijacked).not.toBe(exported);
    const before = await ownerQuery(`SELECT title, version FROM "Project" WHERE id = $1`, [project!.id]);
    for (const type of ["text/plain", "multipart/form-data; boundary=----x"]) {
      const res = await send(
        importRoute.POST,
        `/api/v1/comuni/${SAN_DONATO}/import`,
        { method: "POST", headers: { origin: FOREIGN, "content-type": type }, body: hijacked },
        { istat: SAN_DONATO },
      );
      expect(res.status, type).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN_ORIGIN");
    }
    expect(await ownerQuery(`SELECT title, version FROM "Project" WHERE id = $1`, [project!.id])).toEqual(
      before,
    );
  });

  it("cookie + DELETE from a foreign Origin: 403, the project stays", async () => {
    session.actor = sanDonato;
    const t = title();
    const created = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { origin: PORTAL, "content-type": "application/json" },
      body: JSON.stringify(projectBody(t)),
    });
    const id = (created.body.data as { id: string; version: number }).id;
    const res = await send(
      projectRoute.DELETE,
      `/api/v1/projects/${id}?version=1`,
      { method: "DELETE", headers: { origin: FOREIGN } },
      { id },
    );
    expect(res.status).toBe(403);
    const [row] = await ownerQuery<{ deletedAt: Date | null }>(
      `SELECT "deletedAt" FROM "Project" WHERE id = $1`,
      [id],
    );
    expect(row!.deletedAt).toBeNull();
  });

  it("same origin: JSON works; text/plain is 415 (the documented type is application/json)", async () => {
    session.actor = sanDonato;
    const t = title();
    for (const headers of [{ origin: PORTAL }, { "sec-fetch-site": "same-origin" }, {}] as Record<
      string,
      string
    >[]) {
      const ok = await send(projectsRoute.POST, "/api/v1/projects", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(projectBody(`${t} ${Object.keys(headers).join("")}`)),
      });
      expect(ok.status, JSON.stringify(headers)).toBe(201);
    }
    const plain = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { origin: PORTAL, "content-type": "text/plain" },
      body: JSON.stringify(projectBody(`${t} testo`)),
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(plain.body.detail).toBe("Tipo di contenuto non accettato: usa application/json.");
    expect(await projectsTitled(`${t} testo`)).toBe(0);
    // The import accepts the file types it documents, from the portal's own pages.
    const csv = await (await exportComuneProjects(sanDonato, SAN_DONATO, "csv", { template: true })).text();
    for (const type of ["text/plain", "application/json"]) {
      const res = await send(
        importRoute.POST,
        `/api/v1/comuni/${SAN_DONATO}/import?dryRun=1`,
        { method: "POST", headers: { origin: PORTAL, "content-type": type }, body: csv },
        { istat: SAN_DONATO },
      );
      expect(res.status, type).toBe(415);
    }
    const preview = await send(
      importRoute.POST,
      `/api/v1/comuni/${SAN_DONATO}/import?dryRun=1`,
      { method: "POST", headers: { origin: PORTAL, "content-type": "application/octet-stream" }, body: csv },
      { istat: SAN_DONATO },
    );
    expect(preview.status).toBe(422); // the template has no rows: the file was read
    expect(preview.body.detail).toBe("Il file non contiene righe di dati sotto l'intestazione.");
  });

  it("a bearer token without Origin, and with any content type, is unaffected", async () => {
    session.actor = null;
    const t = title();
    const res = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: JSON.stringify(projectBody(t)),
    });
    expect(res.status).toBe(201);
    // …even with a foreign Origin: a token is not ambient authority that a browser attaches by itself.
    const foreign = await send(projectsRoute.POST, "/api/v1/projects", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, origin: FOREIGN, "content-type": "application/json" },
      body: JSON.stringify(projectBody(`${t} bis`)),
    });
    expect(foreign.status).toBe(201);
    expect(await projectsTitled(t)).toBe(1);
  });

  it("safe methods are not checked: a cookie GET from a foreign Origin reads as before", async () => {
    session.actor = sanDonato;
    const res = await send(projectsRoute.GET, "/api/v1/projects?pageSize=1", {
      method: "GET",
      headers: { origin: FOREIGN },
    });
    expect(res.status).toBe(200);
  });
});
