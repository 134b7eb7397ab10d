import { afterEach, describe, expect, it } from "vitest";
import { createLogger, logPath, routeConsole, scrubLine } from "@/lib/log/logger.mjs";
import {
  currentRequestId,
  isSafeRequestId,
  requestIdFrom,
  runWithRequestId,
} from "@/lib/log/request-context.mjs";

// The pieces of the structured logs (lib/log) on their own: request ids, path cleaning, the last scrub,
// and console output turned into JSON lines (server errors with their stack, the request id attached).
// The whole server is exercised by logs.test.ts.

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger(
    { role: "test" },
    {
      write(s: string) {
        raw.push(s);
        lines.push(JSON.parse(s) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines, raw };
}

describe("request ids", () => {
  it("keeps a safe short token, replaces anything else with a UUID", () => {
    for (const ok of ["abc", "0f8fad5b-d9cb-469f-a165-70867728950e", "lb.1234:5_6", "A".repeat(64)]) {
      expect(requestIdFrom(ok)).toBe(ok);
    }
    for (const bad of [
      "",
      "a b",
      "mario@example.it",
      "../etc",
      "A".repeat(65),
      "-x",
      "x\ny",
      undefined,
      null,
    ]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(["first", "second"])).toBe("first");
    expect(isSafeRequestId(42)).toBe(false);
  });

  it("is the current request's inside runWithRequestId, across awaits, and null outside", async () => {
    expect(currentRequestId()).toBeNull();
    const seen = await runWithRequestId("req-1", async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentRequestId();
    });
    expect(seen).toBe("req-1");
    expect(currentRequestId()).toBeNull();
  });
});

describe("log paths", () => {
  it("drop query values, one-time link tokens and token-like segments; keep ids and assets", () => {
    expect(logPath("/comuni/015192/interventi?q=mario@example.it&page=2&q=x")).toEqual({
      path: "/comuni/015192/interventi",
      query: ["q", "page"],
    });
    expect(logPath("/attiva/short?x=1")).toEqual({ path: "/attiva/…", query: ["x"] });
    expect(logPath("/reimposta/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5")).toEqual({ path: "/reimposta/…" });
    expect(logPath("/api/v1/tokens/slt_abcdEF12_0123456789abcdefghijABCDEFGHIJ12")).toEqual({
      path: "/api/v1/tokens/…",
    });
    const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(logPath(`/api/v1/projects/${uuid}`)).toEqual({ path: `/api/v1/projects/${uuid}` });
    expect(logPath("/_next/static/chunks/0a1b2c3d4e5f6a7b8c9d0e1f.js")).toEqual({
      path: "/_next/static/chunks/0a1b2c3d4e5f6a7b8c9d0e1f.js",
    });
    expect(logPath("/x?").path).toBe("/x");
    expect(logPath(`/${"a".repeat(500)}`).path.length).toBeLessThanOrEqual(201);
  });
});

describe("scrubbing", () => {
  it("masks e-mails, bearer and API tokens, session cookies, JWTs, link tokens and passwords", () => {
    const line = JSON.stringify({
      msg:
        "user mario.rossi@comune.example.it with Bearer abc.def and slt_abcdEF12_0123456789abcdefghijABCDEFGHIJ12 " +
        "cookie next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv.cipher.tag; " +
        "link /attiva/Zm9vYmFy and body password=Segreta-2026&email=x, url /x?u=luigi.bianchi%40example.org",
    });
    const out = scrubLine(line);
    expect(() => JSON.parse(out)).not.toThrow();
    for (const secret of [
      "mario.rossi@",
      "abc.def",
      "0123456789abcdefghij",
      "eyJhbGci",
      "Zm9vYmFy",
      "Segreta-2026",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[e-mail]");
    expect(out).toContain("next-auth.session-token=[redacted]");
  });

  it("the logger redacts secret-bearing keys and scrubs every line", () => {
    const { logger, lines, raw } = capture();
    logger.info(
      {
        password: "p4ss-word",
        user: { email: "a@b.example", token: "t0ken-value" },
        req: { headers: { cookie: "c=1", authorization: "Bearer zzz" } },
      },
      "login by anna@example.org",
    );
    expect(raw.join("")).not.toMatch(/p4ss-word|a@b\.example|t0ken-value|Bearer zzz|anna@example/);
    expect(lines[0].password).toBe("[redacted]");
    expect(lines[0].msg).toBe("login by [e-mail]");
  });
});

describe("console through the logger", () => {
  const saved = { ...console };
  afterEach(() => {
    Object.assign(console, saved);
  });

  it("turns console.error(message, error) into one JSON line with the stack and the request id", async () => {
    const { logger, lines } = capture();
    routeConsole(logger);
    await runWithRequestId("req-err", async () => {
      console.error("Unhandled API error", new Error("boom"));
    });
    console.warn("plain %s", "warning");
    Object.assign(console, saved);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "Unhandled API error",
      reqId: "req-err",
      role: "test",
    });
    const err = lines[0].err as { message: string; stack: string; type: string };
    expect(err.message).toBe("boom");
    expect(err.stack).toContain("logs-format.test.ts");
    expect(lines[1]).toMatchObject({ level: "warn", msg: "plain warning" });
    expect(lines[1].reqId).toBeUndefined();
  });
});
