// Documents (issue #18, item 4): the type comes from the content (every accepted kind from a real minimal
// file; renamed and forged files refused), the 20 MB limit (counted while streaming, nothing stored past
// it), a streamed round trip byte-exact (sha256), the tenant wall (Paullo's officer gets 404 for San
// Donato's documents in list, download, public flag and delete; coordinators and administrators read
// only), row-level security in direct SQL, the audit trail and the public side.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { PUBLIC_READER } from "@/lib/db";
import { publishProject } from "@/lib/projects/publish-project";
import { listPublicDocuments, publicDocumentResponse } from "@/lib/public/public-documents";
import * as files from "../fixtures/document-files";
import { call } from "./api-harness";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
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

let sanDonato: Actor;
let paullo: Actor;
let coordinator: Actor;
let admin: Actor;
let projectId = "";
let actionId = "";

type Doc = {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  public: boolean;
  version: number;
  ownerKind: string;
};
const dataOf = <T>(r: { body: unknown }) => (r.body as { data: T }).data;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function upload(
  name: string,
  body: BodyInit,
  opts: { as?: Actor; query?: string; type?: string } = {},
) {
  session.actor = opts.as ?? sanDonato;
  return call("post", `projects/${projectId}/documents${opts.query ?? ""}`, {
    body,
    headers: {
      "content-type": opts.type ?? "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
      "sec-fetch-site": "same-origin",
    },
  });
}

const documentCount = async () =>
  Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM "Document"`))[0]!.n);

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  paullo = await actorFor(OFFICER_PAULLO);
  coordinator = await actorFor(COORDINATOR);
  admin = await actorFor(ADMIN);
  // A San Donato project that Paullo is not a partner of, with an action.
  const [p] = await ownerQuery<{ id: string; actionId: string }>(
    `SELECT p.id, a.id AS "actionId" FROM "Project" p JOIN "Action" a ON a."projectId" = p.id
      WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $2)
      ORDER BY p.id LIMIT 1`,
    [SAN_DONATO, PAULLO],
  );
  projectId = p!.id;
  actionId = p!.actionId;
});

describe("type detection from the content", () => {
  const accepted: [string, () => Promise<Buffer> | Buffer, string, string][] = [
    ["delibera.pdf", () => files.minimalPdf(), "application/pdf", "delibera.pdf"],
    ["foto.png", () => files.PNG, "image/png", "foto.png"],
    ["foto.jpeg", () => files.JPEG, "image/jpeg", "foto.jpeg"],
    ["logo.gif", () => files.GIF, "image/gif", "logo.gif"],
    ["mappa.webp", () => files.WEBP, "image/webp", "mappa.webp"],
    ["scansione.tif", () => files.TIFF, "image/tiff", "scansione.tif"],
    [
      "relazione.docx",
      files.docx,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "relazione.docx",
    ],
    [
      "quadro.xlsx",
      files.xlsx,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "quadro.xlsx",
    ],
    [
      "slide.pptx",
      files.pptx,
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "slide.pptx",
    ],
    ["verbale.odt", files.odt, "application/vnd.oasis.opendocument.text", "verbale.odt"],
    ["bilancio.ods", files.ods, "application/vnd.oasis.opendocument.spreadsheet", "bilancio.ods"],
    ["vecchio.doc", () => files.OLE, "application/msword", "vecchio.doc"],
    ["vecchio.xls", () => files.OLE, "application/vnd.ms-excel", "vecchio.xls"],
    ["delibera.pdf.p7m", () => files.P7M, "application/pkcs7-mime", "delibera.pdf.p7m"],
    // The extension follows the content: replaced, added, or (signed) appended.
    ["foto.pdf", () => files.PNG, "image/png", "foto.png"],
    ["verbale", () => files.minimalPdf(), "application/pdf", "verbale.pdf"],
    ["atto firmato.pdf", () => files.P7M, "application/pkcs7-mime", "atto firmato.pdf.p7m"],
    ["../../etc/passwd.pdf", () => files.minimalPdf(), "application/pdf", "passwd.pdf"],
    [
      "relazione\u0007 è.docx",
      files.docx,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "relazione è.docx",
    ],
  ];
  for (const [name, make, type, stored] of accepted) {
    it(`accepts ${name} as ${type}`, async () => {
      const content = await make();
      const res = await upload(name, new Uint8Array(content));
      expect(res.status, res.text).toBe(201);
      const doc = dataOf<Doc>(res);
      expect(doc).toMatchObject({
        mediaType: type,
        fileName: stored,
        size: content.length,
        sha256: sha(content),
      });
    });
  }

  const refused: [string, () => Promise<Buffer> | Buffer, number, RegExp][] = [
    ["programma.pdf", () => files.EXE, 415, /Tipo di file non accettato/],
    ["pagina.pdf", () => files.HTML, 415, /Tipo di file non accettato/],
    ["disegno.png", () => files.SVG, 415, /Tipo di file non accettato/],
    ["relazione.docx", files.plainZip, 415, /Tipo di file non accettato/],
    ["vecchio.pdf", () => files.OLE, 415, /\.doc, \.xls o \.ppt/],
    ["vuoto.pdf", () => Buffer.alloc(0), 422, /vuoto/],
  ];
  for (const [name, make, status, message] of refused) {
    it(`refuses ${name} (${status}) and stores nothing`, async () => {
      const before = await documentCount();
      const res = await upload(name, new Uint8Array(await make()));
      expect(res.status).toBe(status);
      expect((res.body as { detail: string }).detail).toMatch(message);
      expect(await documentCount()).toBe(before);
    });
  }

  it("the declared type is a gate for the session, not the answer: text/html is 415 before reading", async () => {
    const res = await upload("a.pdf", new Uint8Array(files.minimalPdf()), { type: "text/html" });
    expect(res.status).toBe(415);
  });
});

/** A body of `size` bytes starting with `head`, streamed in 64 KB pieces (never whole in memory). */
function streamOf(
  size: number,
  head: Buffer,
  hash: ReturnType<typeof createHash>,
): ReadableStream<Uint8Array> {
  let sent = 0;
  let seed = 1;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const piece = Buffer.alloc(Math.min(65_536, size - sent));
      for (let i = 0; i < piece.length; i++)
        piece[i] = (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) >>> 24;
      if (sent === 0) head.copy(piece);
      sent += piece.length;
      hash.update(piece);
      controller.enqueue(piece);
    },
  });
}

describe("20 MB, streamed both ways", () => {
  const MB20 = 20 * 1024 * 1024;

  it("a 20 MB document goes in and comes out byte-exact (sha256), in ~1 MB chunks", async () => {
    const hash = createHash("sha256");
    const res = await upload("grande.pdf", streamOf(MB20, Buffer.from("%PDF-1.7\n"), hash));
    expect(res.status, res.text).toBe(201);
    const doc = dataOf<Doc>(res);
    const expected = hash.digest("hex");
    expect(doc.size).toBe(MB20);
    expect(doc.sha256).toBe(expected);
    const [chunks] = await ownerQuery<{ n: string; max: number }>(
      `SELECT count(*) AS n, max(length(data)) AS max FROM "DocumentChunk" WHERE "documentId" = $1`,
      [doc.id],
    );
    expect(Number(chunks!.n)).toBe(20);
    expect(chunks!.max).toBe(1024 * 1024);

    session.actor = sanDonato;
    const down = await fetchDocument(doc.id);
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("application/pdf");
    expect(down.headers.get("content-length")).toBe(String(MB20));
    const got = createHash("sha256");
    let size = 0;
    for await (const piece of down.body as unknown as AsyncIterable<Uint8Array>) {
      got.update(piece);
      size += piece.byteLength;
    }
    expect(size).toBe(MB20);
    expect(got.digest("hex")).toBe(expected);
  }, 120_000);

  it("one byte more is 413, counted while streaming (no Content-Length), and nothing is stored", async () => {
    const before = await documentCount();
    const res = await upload(
      "troppo.pdf",
      streamOf(MB20 + 1, Buffer.from("%PDF-1.7\n"), createHash("sha256")),
    );
    expect(res.status).toBe(413);
    expect((res.body as { detail: string }).detail).toBe("Il file è troppo grande: il limite è di 20 MB.");
    expect(await documentCount()).toBe(before);
  }, 120_000);

  it("a declared Content-Length past 20 MB is 413 before anything is read", async () => {
    session.actor = sanDonato;
    const res = await call("post", `projects/${projectId}/documents`, {
      body: "%PDF-",
      headers: { "content-type": "application/pdf", "content-length": String(MB20 + 1) },
    });
    expect(res.status).toBe(413);
  });
});

/** The download route's raw answer (a binary body the harness would read as text). */
async function fetchDocument(documentId: string, project = projectId): Promise<Response> {
  const route = await import("@/app/api/v1/projects/[id]/documents/[documentId]/route");
  return route.GET(new Request(`http://localhost/api/v1/projects/${project}/documents/${documentId}`), {
    params: Promise.resolve({ id: project, documentId }),
  });
}

describe("download, public flag, delete: the wall", () => {
  let doc: Doc;

  beforeAll(async () => {
    const res = await upload("Determina n° 12 «lavori».pdf", new Uint8Array(files.minimalPdf("Determina")));
    doc = dataOf<Doc>(res);
  });

  it("download headers: attachment with RFC 5987 filename*, the detected type, nosniff, a sandbox policy", async () => {
    session.actor = sanDonato;
    const res = await fetchDocument(doc.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Determina n_ 12 _lavori_.pdf"; filename*=UTF-8''Determina%20n%C2%B0%2012%20%C2%ABlavori%C2%BB.pdf`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(doc.sha256);
  });

  it("Paullo's officer: 404 in list, download, upload, public flag and delete, like an unknown id", async () => {
    session.actor = paullo;
    expect((await call("get", `projects/${projectId}/documents`)).status).toBe(404);
    expect((await fetchDocument(doc.id)).status).toBe(404);
    expect((await upload("x.pdf", new Uint8Array(files.minimalPdf()), { as: paullo })).status).toBe(404);
    session.actor = paullo;
    const patch = await call("patch", `projects/${projectId}/documents/${doc.id}`, {
      json: { public: true, version: doc.version },
    });
    expect(patch.status).toBe(404);
    expect((await call("delete", `projects/${projectId}/documents/${doc.id}`)).status).toBe(404);
    const unknown = await call(
      "delete",
      `projects/${projectId}/documents/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.text.replace(/"detail":"[^"]*",?/, "")).toBe(
      (await call("delete", `projects/${projectId}/documents/${doc.id}`)).text.replace(
        /"detail":"[^"]*",?/,
        "",
      ),
    );
    const [row] = await ownerQuery<{ public: boolean; deletedAt: Date | null }>(
      `SELECT public, "deletedAt" FROM "Document" WHERE id = $1`,
      [doc.id],
    );
    expect(row).toEqual({ public: false, deletedAt: null });
  });

  it("a document addressed under another project (even the officer's own) is 404", async () => {
    const [other] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Project" WHERE "comuneIstat" = $1 AND id <> $2 AND "deletedAt" IS NULL LIMIT 1`,
      [SAN_DONATO, projectId],
    );
    session.actor = sanDonato;
    expect((await fetchDocument(doc.id, other!.id)).status).toBe(404);
  });

  for (const who of ["coordinator", "admin"] as const) {
    it(`${who}: reads and downloads, changes nothing (404)`, async () => {
      session.actor = who === "coordinator" ? coordinator : admin;
      const list = await call("get", `projects/${projectId}/documents`);
      expect(list.status).toBe(200);
      expect(dataOf<Doc[]>(list).map((d) => d.id)).toContain(doc.id);
      expect((await fetchDocument(doc.id)).status).toBe(200);
      const patch = await call("patch", `projects/${projectId}/documents/${doc.id}`, {
        json: { public: true, version: doc.version },
      });
      expect(patch.status).toBe(404);
      expect((await call("delete", `projects/${projectId}/documents/${doc.id}`)).status).toBe(404);
      expect((await upload("y.pdf", new Uint8Array(files.minimalPdf()), { as: session.actor! })).status).toBe(
        404,
      );
    });
  }

  it("the officer marks it public (stale version 409), the public side shows it once the project is published", async () => {
    session.actor = sanDonato;
    const stale = await call("patch", `projects/${projectId}/documents/${doc.id}`, {
      json: { public: true, version: doc.version + 5 },
    });
    expect(stale.status).toBe(409);
    const ok = await call("patch", `projects/${projectId}/documents/${doc.id}`, {
      json: { public: true, version: doc.version },
    });
    expect(ok.status).toBe(200);
    doc = dataOf<Doc>(ok);
    expect(doc.public).toBe(true);

    // Not published: the public side knows nothing.
    await ownerQuery(`DELETE FROM "PublicProject" WHERE "projectId" = $1`, [projectId]);
    expect(await listPublicDocuments(projectId)).toEqual([]);
    await expect(publicDocumentResponse(projectId, doc.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const [{ version }] = (await ownerQuery<{ version: number }>(
      `SELECT version FROM "Project" WHERE id = $1`,
      [projectId],
    )) as [{ version: number }];
    await publishProject(sanDonato, projectId, version);
    expect((await listPublicDocuments(projectId)).map((d) => d.id)).toContain(doc.id);
    const res = await publicDocumentResponse(projectId, doc.id);
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(doc.sha256);

    const audit = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'Document' AND "entityId" = $1 ORDER BY "createdAt", id`,
      [doc.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["CREATE", "PUBLISH"]);
  });

  it("a reserved document of a published project stays off the public side", async () => {
    const res = await upload("riservato.pdf", new Uint8Array(files.minimalPdf()));
    const reserved = dataOf<Doc>(res);
    expect((await listPublicDocuments(projectId)).map((d) => d.id)).not.toContain(reserved.id);
    await expect(publicDocumentResponse(projectId, reserved.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an action's documents: listed with ?azione=, under its project only", async () => {
    const res = await upload("capitolato.pdf", new Uint8Array(files.minimalPdf()), {
      query: `?azione=${actionId}`,
    });
    expect(res.status).toBe(201);
    expect(dataOf<Doc>(res).ownerKind).toBe("ACTION");
    session.actor = sanDonato;
    const list = await call("get", `projects/${projectId}/documents?azione=${actionId}`);
    expect(dataOf<Doc[]>(list).map((d) => d.fileName)).toEqual(["capitolato.pdf"]);
    const [other] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Project" WHERE "comuneIstat" = $1 AND id <> $2 AND "deletedAt" IS NULL LIMIT 1`,
      [SAN_DONATO, projectId],
    );
    expect((await call("get", `projects/${other!.id}/documents?azione=${actionId}`)).status).toBe(404);
    session.actor = paullo;
    expect((await call("get", `projects/${projectId}/documents?azione=${actionId}`)).status).toBe(404);
  });

  it("delete: soft, audited, then 404 everywhere (the public side too)", async () => {
    session.actor = sanDonato;
    const res = await call("delete", `projects/${projectId}/documents/${doc.id}?versione=${doc.version}`);
    expect(res.status).toBe(204);
    expect((await fetchDocument(doc.id)).status).toBe(404);
    await expect(publicDocumentResponse(projectId, doc.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [audit] = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'Document' AND "entityId" = $1 ORDER BY "createdAt" DESC, id LIMIT 1`,
      [doc.id],
    );
    expect(audit!.action).toBe("DELETE");
  });
});

describe("row-level security (direct SQL as the app role)", () => {
  let docId = "";
  beforeAll(async () => {
    const res = await upload("rls.pdf", new Uint8Array(files.minimalPdf()));
    docId = dataOf<Doc>(res).id;
  });
  const paulloDb = () => ({ role: "OFFICER", comune: PAULLO, user: paullo.userId });

  it("another comune's officer reads no document and no chunk, and can neither change nor add one", async () => {
    expect(await appQuery(paulloDb(), `SELECT id FROM "Document" WHERE id = $1`, [docId])).toEqual([]);
    expect(
      await appQuery(paulloDb(), `SELECT seq FROM "DocumentChunk" WHERE "documentId" = $1`, [docId]),
    ).toEqual([]);
    expect(
      await appQuery(paulloDb(), `UPDATE "Document" SET public = true WHERE id = $1 RETURNING id`, [docId]),
    ).toEqual([]);
    await expect(
      appQuery(
        paulloDb(),
        `INSERT INTO "DocumentChunk" ("documentId", seq, "comuneIstat", data) VALUES ($1, 99, $2, '\\x00')`,
        [docId, SAN_DONATO],
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      appQuery({ role: "OFFICER", comune: SAN_DONATO }, `DELETE FROM "Document" WHERE id = $1`, [docId]),
    ).rejects.toThrow(/permission denied/);
  });

  it("coordinators read, never write; the anonymous reader sees no reserved document", async () => {
    const coord = { role: "COORDINATOR", comune: null };
    expect(await appQuery(coord, `SELECT id FROM "Document" WHERE id = $1`, [docId])).toHaveLength(1);
    expect(
      await appQuery(coord, `UPDATE "Document" SET public = true WHERE id = $1 RETURNING id`, [docId]),
    ).toEqual([]);
    const anon = { role: "PUBLIC", comune: null };
    expect(await appQuery(anon, `SELECT id FROM "Document" WHERE id = $1`, [docId])).toEqual([]);
    expect(await appQuery(anon, `SELECT seq FROM "DocumentChunk" WHERE "documentId" = $1`, [docId])).toEqual(
      [],
    );
  });

  it("a chunk cannot claim another comune than its document's (composite key)", async () => {
    await expect(
      ownerQuery(
        `INSERT INTO "DocumentChunk" ("documentId", seq, "comuneIstat", data) VALUES ($1, 99, $2, '\\x00')`,
        [docId, PAULLO],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it("both tables have RLS enabled and forced", async () => {
    const rows = await ownerQuery<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('Document', 'DocumentChunk') ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: "Document", relrowsecurity: true, relforcerowsecurity: true },
      { relname: "DocumentChunk", relrowsecurity: true, relforcerowsecurity: true },
    ]);
  });
  void PUBLIC_READER;
});
