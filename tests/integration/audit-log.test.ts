import { beforeAll, describe, expect, it } from "vitest";
import { auditPath, recordAccessDenied } from "@/lib/audit/access-denied";
import { exportAudit } from "@/lib/audit/export-audit";
import { auditExportFilters, listAudit, romeStartOfDay, type AuditRow } from "@/lib/audit/list-audit";
import type { Actor } from "@/lib/auth/actor";
import { recordLogout } from "@/lib/auth/logout";
import { AppError, notFound } from "@/lib/errors";
import { reportRefusal } from "@/lib/http/refusal";
import { createProject, updateProject } from "@/lib/projects/save-project";
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

let admin: Actor;
let coordinator: Actor;
let sanDonato: Actor;
let paullo: Actor;

beforeAll(async () => {
  [admin, coordinator, sanDonato, paullo] = await Promise.all([
    actorFor(ADMIN),
    actorFor(COORDINATOR),
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
  ]);
});

/** Inserts synthetic events as the owner (the app role may not choose createdAt freely in tests). */
async function insertEvents(
  events: {
    entity: string;
    entityId?: string;
    action?: string;
    createdAt: string;
    comuneIstat?: string | null;
    actorId?: string | null;
  }[],
) {
  for (const e of events) {
    await ownerQuery(
      `INSERT INTO "AuditEvent" ("actorId", "actorRole", "comuneIstat", entity, "entityId", action, "createdAt")
       VALUES ($1, 'OFFICER', $2, $3, $4, $5, $6)`,
      [
        e.actorId ?? null,
        e.comuneIstat ?? null,
        e.entity,
        e.entityId ?? "-",
        e.action ?? "UPDATE",
        e.createdAt,
      ],
    );
  }
}

async function allPages(actor: Actor, params: Record<string, string>, size: number) {
  const pages: AuditRow[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await listAudit(actor, cursor ? { ...params, dopo: cursor } : params, size);
    pages.push(page.rows);
    cursor = page.older;
    if (!cursor) break;
  }
  return pages;
}

async function csvOf(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  return new TextDecoder().decode(bytes.slice(3));
}

describe("audit log viewer: access", () => {
  it("only an administrator (audit.read) reads or exports the log; others get NOT_FOUND", async () => {
    for (const actor of [coordinator, sanDonato, paullo]) {
      await expect(listAudit(actor, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(auditExportFilters(actor, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(exportAudit(actor, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const page = await listAudit(admin, {});
    expect(page.errors).toEqual({});
  });
});

describe("audit log viewer: filters and pagination", () => {
  it("filters by entity, comune (code or name), user (e-mail) and action", async () => {
    await insertEvents([
      {
        entity: "FilterTest",
        createdAt: "2026-01-10T10:00:00Z",
        comuneIstat: SAN_DONATO,
        actorId: sanDonato.userId,
      },
      {
        entity: "FilterTest",
        createdAt: "2026-01-10T11:00:00Z",
        comuneIstat: PAULLO,
        actorId: paullo.userId,
      },
      {
        entity: "FilterTest",
        action: "DELETE",
        createdAt: "2026-01-10T12:00:00Z",
        comuneIstat: PAULLO,
        actorId: paullo.userId,
      },
    ]);
    const ids = (rows: AuditRow[]) => rows.map((r) => [r.comuneIstat, r.action]);
    const all = await listAudit(admin, { oggetto: "FilterTest" });
    expect(ids(all.rows)).toEqual([
      [PAULLO, "DELETE"],
      [PAULLO, "UPDATE"],
      [SAN_DONATO, "UPDATE"],
    ]);
    expect(all.entities.map((e) => e.value)).toContain("FilterTest");
    expect(all.rows[2]).toMatchObject({ actorName: sanDonato.name, comuneName: "San Donato Milanese" });

    expect(ids((await listAudit(admin, { oggetto: "FilterTest", comune: PAULLO })).rows)).toEqual([
      [PAULLO, "DELETE"],
      [PAULLO, "UPDATE"],
    ]);
    expect(
      ids((await listAudit(admin, { oggetto: "FilterTest", comune: "san donato milanese" })).rows),
    ).toEqual([[SAN_DONATO, "UPDATE"]]);
    expect(
      ids((await listAudit(admin, { oggetto: "FilterTest", utente: sanDonato.email.toUpperCase() })).rows),
    ).toEqual([[SAN_DONATO, "UPDATE"]]);
    expect(ids((await listAudit(admin, { oggetto: "FilterTest", azione: "DELETE" })).rows)).toEqual([
      [PAULLO, "DELETE"],
    ]);
  });

  it("the date range is in Italian days (Europe/Rome), both ends included, across a DST change", async () => {
    // 30/03/2026 00:30 in Rome (CEST, +02:00) is 29/03 22:30 UTC.
    await insertEvents([
      { entity: "DateTest", entityId: "a", createdAt: "2026-03-29T22:30:00Z" },
      { entity: "DateTest", entityId: "b", createdAt: "2026-03-29T21:59:00Z" }, // 29/03 23:59 in Rome
      { entity: "DateTest", entityId: "c", createdAt: "2026-03-30T21:59:59Z" }, // 30/03 23:59:59 in Rome
      { entity: "DateTest", entityId: "d", createdAt: "2026-03-30T22:00:00Z" }, // 31/03 00:00 in Rome
    ]);
    const ids = async (params: Record<string, string>) =>
      (await listAudit(admin, { oggetto: "DateTest", ...params })).rows.map((r) => r.entityId);
    expect(await ids({ dal: "30/03/2026", al: "30/03/2026" })).toEqual(["c", "a"]);
    expect(await ids({ al: "29/03/2026" })).toEqual(["b"]);
    expect(await ids({ dal: "31/03/2026" })).toEqual(["d"]);
    expect(romeStartOfDay(new Date("2026-01-15T00:00:00Z")).toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(romeStartOfDay(new Date("2026-07-15T00:00:00Z")).toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("invalid filters come back as Italian field errors, with no rows", async () => {
    const page = await listAudit(admin, {
      dal: "31/02/2026",
      al: "2026/13/01",
      utente: "nessuno@example.com",
      comune: "Atlantide",
    });
    expect(page.rows).toEqual([]);
    expect(page.errors).toEqual({
      dal: ["Data non valida: usa il formato gg/mm/aaaa."],
      al: ["Data non valida: usa il formato gg/mm/aaaa."],
      utente: ["Utente non trovato: indica l'email di un utente."],
      comune: ["Comune non trovato: indica il nome esatto o il codice ISTAT."],
    });
    expect((await listAudit(admin, { dal: "02/01/2026", al: "01/01/2026" })).errors).toEqual({
      al: ["La data finale precede quella iniziale."],
    });
    await expect(exportAudit(admin, { dal: "x" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("keyset pages: newest first, ties in the same millisecond broken by id, no gaps or repeats, back and forth", async () => {
    await insertEvents(
      Array.from({ length: 7 }, (_, i) => ({
        entity: "PageTest",
        entityId: String(i),
        createdAt: i < 4 ? "2026-02-01T10:00:00.123Z" : `2026-02-0${i - 2}T10:00:00Z`,
      })),
    );
    const pages = await allPages(admin, { oggetto: "PageTest" }, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const order = pages.flat().map((r) => r.entityId);
    // 6, 5, 4 on 4, 3, 2 February; then 3, 2, 1, 0 share one timestamp: highest id first.
    expect(order).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
    const rows = pages.flat();
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect(a.createdAt >= b.createdAt && (a.createdAt > b.createdAt || BigInt(a.id) > BigInt(b.id))).toBe(
        true,
      );
    }
    // Going back from page 2 gives page 1 again.
    const second = await listAudit(
      admin,
      { oggetto: "PageTest", dopo: (await listAudit(admin, { oggetto: "PageTest" }, 3)).older! },
      3,
    );
    expect(second.rows.map((r) => r.entityId)).toEqual(["3", "2", "1"]);
    expect(second.newer).not.toBeNull();
    const back = await listAudit(admin, { oggetto: "PageTest", prima: second.newer! }, 3);
    expect(back.rows.map((r) => r.entityId)).toEqual(["6", "5", "4"]);
    expect(back.newer).toBeNull();
    expect(back.older).not.toBeNull();
  });
});

describe("audit log viewer: diffs and CSV export", () => {
  let projectId: string;

  beforeAll(async () => {
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const created = await createProject(sanDonato, {
      streamId: stream.id,
      title: "Registro: intervento di prova",
      totalCost: "1.000,00",
    });
    projectId = created.id;
    await updateProject(sanDonato, projectId, {
      streamId: stream.id,
      title: '=HYPERLINK("http://evil.example","clic")',
      totalCost: "2.500,50",
      version: "1",
    });
  });

  it("a project update shows field, before and after readably, with a link to the project", async () => {
    const page = await listAudit(admin, { oggetto: "Project", utente: sanDonato.email, azione: "UPDATE" });
    const row = page.rows.find((r) => r.entityId === projectId)!;
    expect(row).toMatchObject({
      actorName: sanDonato.name,
      actorRole: "OFFICER",
      comuneName: "San Donato Milanese",
      projectHref: `/comuni/${SAN_DONATO}/interventi/${projectId}`,
    });
    expect(row.changes).toEqual(
      expect.arrayContaining([
        {
          field: "title",
          label: "Titolo",
          before: "Registro: intervento di prova",
          after: '=HYPERLINK("http://evil.example","clic")',
        },
        { field: "totalCost", label: "Costo totale", before: "1.000,00\u00a0€", after: "2.500,50\u00a0€" },
      ]),
    );
  });

  it("the CSV: BOM, ';', one line per changed field, formulas neutralised, filters applied", async () => {
    const response = await exportAudit(admin, { oggetto: "Project", utente: sanDonato.email });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="registro-attivita-/);
    const text = await csvOf(response);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Data e ora;Utente;Ruolo;Comune;Codice ISTAT comune;Oggetto;Identificativo;Azione;Campo;Prima;Dopo;Ripetizioni;ID evento;ID richiesta",
    );
    const mine = lines.filter((l) => l.includes(projectId));
    expect(
      mine.some((l) =>
        l.includes(
          ';Modifica;Titolo;Registro: intervento di prova;"\'=HYPERLINK(""http://evil.example"",""clic"")";',
        ),
      ),
    ).toBe(true);
    expect(mine.some((l) => l.includes(';Modifica;Costo totale;"1.000,00\u00a0€";"2.500,50\u00a0€";'))).toBe(
      true,
    );
    expect(mine.some((l) => l.includes(";Creazione;Titolo;—;Registro: intervento di prova;"))).toBe(true);
    for (const l of lines.slice(1)) {
      expect(l).toContain(
        `;${sanDonato.name};Referente comunale;San Donato Milanese;${SAN_DONATO};Intervento;`,
      );
      expect(l).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};/);
    }
    // No cell starts with a formula character.
    for (const l of lines) for (const cell of l.split(";")) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("the export streams every page (more events than one page)", async () => {
    await ownerQuery(
      `INSERT INTO "AuditEvent" (entity, "entityId", action, "createdAt")
       SELECT 'BulkTest', g::text, 'UPDATE', '2026-05-01T08:00:00Z' FROM generate_series(1, 1005) g`,
    );
    const text = await csvOf(await exportAudit(admin, { oggetto: "BulkTest" }));
    expect(text.trimEnd().split("\r\n")).toHaveLength(1 + 1_005);
  });
});

describe("audit completeness: logout and refusals", () => {
  it("LOGOUT is recorded with the user from the token, never the token itself", async () => {
    const token = { uid: paullo.userId, sv: 1, jti: "segreto-jti-123", sub: "x" };
    await recordLogout(token);
    const [event] = await ownerQuery(
      `SELECT "actorId", "actorName", "actorRole", "comuneIstat", entity, "entityId", action, before, after
         FROM "AuditEvent" WHERE action = 'LOGOUT' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actorId: paullo.userId,
      actorName: paullo.name,
      actorRole: "OFFICER",
      comuneIstat: PAULLO,
      entity: "Session",
      entityId: paullo.userId,
      action: "LOGOUT",
      before: null,
      after: null,
    });
    expect(JSON.stringify(event)).not.toContain("segreto");
    // A token without a valid user id records nothing and does not throw.
    const [{ n }] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    await recordLogout({ uid: "not-a-uuid" });
    await recordLogout(null);
    expect((await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`))[0].n).toBe(n);
  });

  it("logins (success and failure) are already recorded by verifyCredentials", async () => {
    const { verifyCredentials } = await import("@/lib/auth/credentials");
    const { DEMO_ACCOUNTS } = await import("@/prisma/seed/users");
    await verifyCredentials(DEMO_ACCOUNTS.paullo.email, "sbagliata-Password-1");
    await verifyCredentials(DEMO_ACCOUNTS.paullo.email, DEMO_ACCOUNTS.paullo.password);
    const events = await ownerQuery<{ action: string; actorId: string; after: unknown; before: unknown }>(
      `SELECT action, "actorId", before, after FROM "AuditEvent" WHERE entity = 'Session' AND action LIKE 'LOGIN%' ORDER BY id DESC LIMIT 2`,
    );
    expect(events.map((e) => e.action)).toEqual(["LOGIN", "LOGIN_FAILED"]);
    expect(events.every((e) => e.actorId === paullo.userId && e.before === null && e.after === null)).toBe(
      true,
    );
  });

  it("ACCESS_DENIED keeps the actor, the officer's comune, the method and a clean path — no query, no token", async () => {
    const foreign = "0b7c1a52-43a4-4a9e-9d55-5b8f0e0a6d11";
    await recordAccessDenied(paullo, {
      via: "api",
      method: "get",
      path: `http://127.0.0.1:3000/api/v1/projects/${foreign}?token=segreto123&password=x`,
    });
    const [event] = await ownerQuery(
      `SELECT "actorId", "actorName", "actorRole", "comuneIstat", entity, "entityId", action, before, after
         FROM "AuditEvent" WHERE action = 'ACCESS_DENIED' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actorId: paullo.userId,
      actorName: paullo.name,
      actorRole: "OFFICER",
      comuneIstat: PAULLO,
      entity: "Request",
      entityId: `/api/v1/projects/${foreign}`,
      action: "ACCESS_DENIED",
      before: null,
      after: { via: "api", method: "GET", path: `/api/v1/projects/${foreign}` },
    });
    expect(JSON.stringify(event)).not.toContain("segreto");
    // It appears in the viewer with an Italian label, filterable by action and by the officer's comune.
    const page = await listAudit(admin, { azione: "ACCESS_DENIED", comune: PAULLO });
    expect(page.rows[0]).toMatchObject({ entity: "Request", entityId: `/api/v1/projects/${foreign}` });
    expect(page.rows[0].changes).toEqual(
      expect.arrayContaining([
        { field: "path", label: "Percorso", before: "—", after: `/api/v1/projects/${foreign}` },
      ]),
    );
  });

  it("paths lose query strings, route groups and token-like segments", () => {
    expect(auditPath("/attiva/AbCdEf0123456789_-xyzXYZ0123?x=1")).toBe("/attiva/…");
    expect(auditPath("https://host/(portal)/admin/registro?dal=01/01/2026#x")).toBe("/admin/registro");
    expect(auditPath("/comuni/015192/interventi/0B7C1A52-43A4-4A9E-9D55-5B8F0E0A6D11")).toBe(
      "/comuni/015192/interventi/0B7C1A52-43A4-4A9E-9D55-5B8F0E0A6D11",
    );
    expect(auditPath("/regione/smart-land/sud-est-milano")).toBe("/regione/smart-land/sud-est-milano");
    expect(auditPath(null)).toBeNull();
    expect(auditPath(`/${"a".repeat(400)}-`)!.length).toBeLessThanOrEqual(301);
  });

  it("reportRefusal records only refusals (NOT_FOUND, RLS 42501) of a logged-in actor, and never throws", async () => {
    const count = async () =>
      (
        await ownerQuery<{ n: number }>(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'ACCESS_DENIED'`,
        )
      )[0].n;
    const start = await count();
    await reportRefusal(new AppError("INVALID", "x"), { via: "api", path: "/x" }, sanDonato);
    await reportRefusal(new Error("boom"), { via: "api", path: "/x" }, sanDonato);
    await reportRefusal(notFound(), { via: "api", path: "/x" }, null);
    expect(await count()).toBe(start);
    await reportRefusal(notFound(), { via: "action", path: "/y", requestedId: "not-an-id" }, sanDonato);
    await reportRefusal(
      Object.assign(new Error("rls"), { code: "42501" }),
      { via: "api", path: "/z" },
      coordinator,
    );
    expect(await count()).toBe(start + 2);
    const [action] = await ownerQuery<{ after: unknown; comuneIstat: string }>(
      `SELECT after, "comuneIstat" FROM "AuditEvent" WHERE action = 'ACCESS_DENIED' AND "entityId" = '/y'`,
    );
    expect(action).toEqual({
      after: { via: "action", method: undefined, path: "/y" },
      comuneIstat: SAN_DONATO,
    });
  });

  it("a failing audit write is swallowed: the refusal stays a refusal", async () => {
    const broken = { ...paullo, userId: "not-a-uuid" } as Actor;
    await expect(recordAccessDenied(broken, { via: "page", path: "/x" })).resolves.toBeUndefined();
    await expect(reportRefusal(notFound(), { via: "page", path: "/x" }, broken)).resolves.toBeUndefined();
  });

  it("an officer's refusal passes the audit_insert policy only for their own comune (or none)", async () => {
    const officer = { role: "OFFICER", comune: PAULLO, user: paullo.userId };
    await appQuery(
      officer,
      `INSERT INTO "AuditEvent" ("actorId", "comuneIstat", entity, "entityId", action) VALUES ($1, $2, 'Request', '/p', 'ACCESS_DENIED')`,
      [paullo.userId, PAULLO],
    );
    await expect(
      appQuery(
        officer,
        `INSERT INTO "AuditEvent" ("actorId", "comuneIstat", entity, "entityId", action) VALUES ($1, $2, 'Request', '/p', 'ACCESS_DENIED')`,
        [paullo.userId, SAN_DONATO],
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });
});

describe("append-only audit log", () => {
  // UPDATE and DELETE are covered in rls.test.ts ("the audit log is append-only for the application role").
  it("the application role cannot TRUNCATE the audit log either", async () => {
    const [{ n }] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    expect(n).toBeGreaterThan(0);
    await expect(appQuery({ role: "ADMIN", comune: null }, `TRUNCATE "AuditEvent"`)).rejects.toMatchObject({
      code: "42501",
    });
    await expect(appQuery({ role: "SYSTEM", comune: null }, `TRUNCATE "AuditEvent"`)).rejects.toMatchObject({
      code: "42501",
    });
    expect((await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`))[0].n).toBe(n);
  });
});
