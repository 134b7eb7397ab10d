import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT, REQUIRE_BUILD, jsonLines, login, startServer, type Served } from "./logs-serve";
import { OFFICER_SAN_DONATO, ownerQuery } from "./helpers";

// The real production launcher (scripts/serve.mjs, built .next) with its stdout captured: a login, an
// API token created with the session, API calls with that Bearer token, a failed login, a one-time
// link and a query string carrying an e-mail. Then every stdout line must be JSON, each request's id
// must be in the response header, in its log line and on the audit events it wrote, and no e-mail,
// password, token or cookie value may appear anywhere in the output.

const PASSWORD = "SanDonato-Demo-2026!"; // prisma/seed/users.ts
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.skipIf(!BUILT && !REQUIRE_BUILD)("structured logs of the production server", () => {
  let server: Served;
  let out = "";
  let err = "";
  const secrets: string[] = [OFFICER_SAN_DONATO, PASSWORD, "Sbagliata-2026!", "mario.rossi@example.it"];
  const seen: { what: string; requestId: string; status: number; path: string }[] = [];
  let login1: { requestId: string; cookie: string };
  let failedLogin: string;
  let createdProject: { id: string; requestId: string };
  let tokenCreatedBy: string;
  let activationToken: string;
  let lastEventBefore: string;

  beforeAll(async () => {
    const [last] = await ownerQuery<{ id: string }>(
      `SELECT COALESCE(max(id), 0)::text AS id FROM "AuditEvent"`,
    );
    lastEventBefore = last.id;
    server = await startServer({ LOG_LEVEL: "info" });
    const base = server.url;

    // 1. Login with a safe incoming request id: kept as sent.
    const mine = `test-login-${randomUUID().slice(0, 8)}`;
    const ok = await login(base, OFFICER_SAN_DONATO, PASSWORD, { requestId: mine });
    expect(ok.ok).toBe(true);
    login1 = { requestId: ok.requestId!, cookie: ok.jar.header() };
    for (const v of ok.jar.cookies.values()) secrets.push(v);
    seen.push({
      what: "login",
      requestId: ok.requestId!,
      status: 302,
      path: "/api/auth/callback/credentials",
    });

    // 2. A personal API token, made with the session.
    const tokenRes = await fetch(`${base}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: ok.jar.header(), "content-type": "application/json", origin: base },
      body: JSON.stringify({ name: "Log test" }),
    });
    expect(tokenRes.status).toBe(201);
    const { token } = (await tokenRes.json()) as { token: string };
    secrets.push(token, token.slice(-32));
    tokenCreatedBy = tokenRes.headers.get("x-request-id")!;
    seen.push({ what: "token", requestId: tokenCreatedBy, status: 201, path: "/api/v1/tokens" });

    // 3. A write through the API with the Bearer token, and an unsafe request id (an e-mail): replaced.
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const create = await fetch(`${base}/api/v1/projects?email=mario.rossi@example.it`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-request-id": "mario.rossi@example.it",
      },
      body: JSON.stringify({
        streamId: stream.id,
        title: `Intervento del test dei log ${Date.now()}`,
        summary: "Creato dal test dei log strutturati.",
        totalCost: "12.345,00",
        plannedStart: "01/03/2026",
        plannedEnd: "31/12/2026",
        status: "DESIGN",
        health: "ON_TRACK",
        progress: 0,
      }),
    });
    expect(create.status).toBe(201);
    const created = (await create.json()) as { data: { id: string } };
    createdProject = { id: created.data.id, requestId: create.headers.get("x-request-id")! };
    seen.push({ what: "create", requestId: createdProject.requestId, status: 201, path: "/api/v1/projects" });

    const list = await fetch(`${base}/api/v1/projects?q=${encodeURIComponent(OFFICER_SAN_DONATO)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    await list.arrayBuffer();
    seen.push({
      what: "list",
      requestId: list.headers.get("x-request-id")!,
      status: 200,
      path: "/api/v1/projects",
    });

    // 4. A failed login (wrong password), no incoming id.
    const bad = await login(base, OFFICER_SAN_DONATO, "Sbagliata-2026!");
    expect(bad.ok).toBe(false);
    failedLogin = bad.requestId!;
    seen.push({
      what: "failed login",
      requestId: failedLogin,
      status: 302,
      path: "/api/auth/callback/credentials",
    });

    // 5. A one-time link (its token is the credential) with a query string.
    activationToken = randomUUID().replaceAll("-", "") + "AbC9";
    secrets.push(activationToken);
    const link = await fetch(`${base}/attiva/${activationToken}?ref=${activationToken}`);
    await link.arrayBuffer();
    seen.push({
      what: "link",
      requestId: link.headers.get("x-request-id")!,
      status: link.status,
      path: "/attiva/…",
    });

    await server.stop();
    out = server.stdout();
    err = server.stderr();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("writes only JSON lines on stdout, and nothing on stderr", () => {
    expect(out.length).toBeGreaterThan(0);
    const lines = jsonLines(out); // throws on the first line that is not JSON
    for (const l of lines) {
      expect(typeof l.time).toBe("string");
      expect(typeof l.level).toBe("string");
      expect(typeof l.pid).toBe("number");
      expect(typeof l.hostname).toBe("string");
    }
    expect(err.trim()).toBe("");
    console.log(
      `[logs] server answered /api/health ${server.startupMs} ms after spawn; ${lines.length} log lines`,
    );
  });

  it("logs startup and shutdown", () => {
    const msgs = jsonLines(out).map((l) => l.msg);
    for (const m of [
      "server starting",
      "server ready",
      "worker ready",
      "server stopping",
      "worker stopping",
      "worker stopped",
    ]) {
      expect(msgs).toContain(m);
    }
    const ready = jsonLines(out).find((l) => l.msg === "server ready")!;
    expect(ready.startupMs).toBeGreaterThan(0);
  });

  it("writes one line per request with method, clean path, status, duration, request id and worker pid", () => {
    const requests = jsonLines(out).filter((l) => l.msg === "request");
    for (const s of seen) {
      expect(s.requestId, s.what).toBeTruthy();
      const mine = requests.filter((l) => l.reqId === s.requestId);
      expect(mine, `${s.what}: one line for request ${s.requestId}`).toHaveLength(1);
      const [line] = mine;
      expect(line.path, s.what).toBe(s.path);
      expect(line.status, s.what).toBe(s.status);
      expect(typeof line.method).toBe("string");
      expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
      expect(line.pid).not.toBe(server.pid); // a worker answered, not the primary
      expect(line.role).toBe("worker");
    }
    // Query strings: names only, never values.
    const create = requests.find((l) => l.reqId === createdProject.requestId)!;
    expect(create.query).toEqual(["email"]);
    const link = requests.find((l) => l.path === "/attiva/…")!;
    expect(link.query).toEqual(["ref"]);
  });

  it("keeps a safe incoming x-request-id, replaces an unsafe one with a UUID", () => {
    expect(login1.requestId).toMatch(/^test-login-[0-9a-f]{8}$/);
    expect(createdProject.requestId).toMatch(UUID);
    expect(failedLogin).toMatch(UUID);
    expect(new Set(seen.map((s) => s.requestId)).size).toBe(seen.length);
  });

  it("stores the request id on the audit events that request wrote", async () => {
    const events = await ownerQuery<{
      action: string;
      entity: string;
      entityId: string;
      requestId: string | null;
    }>(
      `SELECT action, entity, "entityId", "requestId" FROM "AuditEvent" WHERE "requestId" = ANY($1) ORDER BY id`,
      [seen.map((s) => s.requestId)],
    );
    const by = (id: string) => events.filter((e) => e.requestId === id).map((e) => `${e.entity}:${e.action}`);
    expect(by(login1.requestId)).toEqual(["Session:LOGIN"]);
    expect(by(tokenCreatedBy)).toEqual(["ApiToken:CREATE"]);
    expect(by(createdProject.requestId)).toContain("Project:CREATE");
    expect(
      events.find((e) => e.requestId === createdProject.requestId && e.entity === "Project")?.entityId,
    ).toBe(createdProject.id);
    expect(by(failedLogin)).toEqual(["Session:LOGIN_FAILED"]);
    // Every event the server wrote has the id of one of these requests (none is missing one).
    const [other] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent"
       WHERE id > $1 AND ("requestId" IS NULL OR NOT ("requestId" = ANY($2)))`,
      [lastEventBefore, seen.map((s) => s.requestId)],
    );
    expect(other.n).toBe(0);
  });

  it("contains no e-mail, password, token or cookie value", () => {
    const all = out + err;
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(8);
      expect(all.includes(s), `a secret (${s.slice(0, 4)}…) is in the log`).toBe(false);
    }
    expect(all).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
    expect(all).not.toMatch(/slt_[A-Za-z0-9_-]{8}_/);
    expect(all.toLowerCase()).not.toContain("bearer ");
    expect(all).not.toContain("next-auth.session-token=");
  });
});
