import { beforeAll, describe, expect, it } from "vitest";
import { recordAccessDenied } from "@/lib/audit/access-denied";
import { exportAudit } from "@/lib/audit/export-audit";
import { listAudit } from "@/lib/audit/list-audit";
import type { Actor } from "@/lib/auth/actor";
import { verifyCredentials } from "@/lib/auth/credentials";
import { recordLogout } from "@/lib/auth/logout";
import { runWithRequestId } from "@/lib/log/request-context.mjs";
import { createProject } from "@/lib/projects/save-project";
import { ADMIN, actorFor, OFFICER_SAN_DONATO, ownerQuery, PAULLO } from "./helpers";

// The request id on audit events, without a server: code run inside runWithRequestId (what
// scripts/serve.mjs does for every request) writes it on every event, whichever path writes the event
// (recordAudit, login, logout, refusal); outside a request it stays NULL. The viewer filters by it and
// shows it in the CSV.

let admin: Actor;
let officer: Actor;

beforeAll(async () => {
  [admin, officer] = await Promise.all([actorFor(ADMIN), actorFor(OFFICER_SAN_DONATO)]);
});

const eventsOf = (requestId: string) =>
  ownerQuery<{ entity: string; action: string }>(
    `SELECT entity, action FROM "AuditEvent" WHERE "requestId" = $1 ORDER BY id`,
    [requestId],
  );

async function streamId() {
  const [s] = await ownerQuery<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  return s.id;
}

describe("request id on audit events", () => {
  it("every writer of the log stores the current request id", async () => {
    const id = `req-${Date.now().toString(36)}`;
    const stream = await streamId();
    await runWithRequestId(id, async () => {
      await createProject(officer, {
        streamId: stream,
        title: "Intervento con ID richiesta",
        totalCost: "10,00",
      });
      await verifyCredentials(OFFICER_SAN_DONATO, "Sbagliata-2026!");
      await recordAccessDenied(officer, { via: "api", method: "GET", path: `/comuni/${PAULLO}` });
      await recordLogout({ uid: officer.userId });
    });
    expect((await eventsOf(id)).map((e) => `${e.entity}:${e.action}`)).toEqual([
      "Project:CREATE",
      "Session:LOGIN_FAILED",
      "Request:ACCESS_DENIED",
      "Session:LOGOUT",
    ]);
  });

  it("outside a request the column stays NULL, and concurrent requests keep their own ids", async () => {
    const stream = await streamId();
    const before = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "requestId" IS NULL`,
    );
    await createProject(officer, {
      streamId: stream,
      title: "Intervento senza richiesta",
      totalCost: "1,00",
    });
    const after = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "requestId" IS NULL`,
    );
    expect(after[0].n).toBe(before[0].n + 1);

    const ids = ["conc-a", "conc-b", "conc-c"].map((p) => `${p}-${Date.now().toString(36)}`);
    await Promise.all(
      ids.map((id, i) =>
        runWithRequestId(id, async () => {
          await new Promise((r) => setTimeout(r, 30 * (3 - i)));
          await createProject(officer, {
            streamId: stream,
            title: `Intervento concorrente ${i}`,
            totalCost: "1,00",
          });
        }),
      ),
    );
    for (const id of ids) expect(await eventsOf(id)).toEqual([{ entity: "Project", action: "CREATE" }]);
  });

  it("the database refuses a request id that is not a short token", async () => {
    await expect(
      ownerQuery(
        `INSERT INTO "AuditEvent" (entity, "entityId", action, "requestId") VALUES ('Test', '-', 'TEST', 'mario@example.it')`,
      ),
    ).rejects.toThrow(/AuditEvent_requestId_check/);
  });
});

describe("audit viewer: request id", () => {
  it("filters by request id, shows it on the row and in the CSV; refuses a malformed one in Italian", async () => {
    const id = `viewer-${Date.now().toString(36)}`;
    const stream = await streamId();
    await runWithRequestId(id, () =>
      createProject(officer, { streamId: stream, title: "Intervento per il registro", totalCost: "5,00" }),
    );
    const page = await listAudit(admin, { richiesta: id });
    expect(page.errors).toEqual({});
    expect(page.rows.map((r) => [r.entity, r.action, r.requestId])).toEqual([["Project", "CREATE", id]]);
    expect(page.values.richiesta).toBe(id);

    const bad = await listAudit(admin, { richiesta: "non valido!" });
    expect(bad.errors.richiesta).toEqual([
      "Codice richiesta non valido: copialo dalla riga del log (es. un UUID).",
    ]);
    expect(bad.rows).toEqual([]);

    const csv = new TextDecoder().decode(
      (await (await exportAudit(admin, { richiesta: id })).arrayBuffer()).slice(3),
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0].endsWith(";ID evento;ID richiesta")).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(l.endsWith(`;${id}`)).toBe(true);
  });
});
