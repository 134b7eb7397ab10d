import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, toAppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "6.19.3", meta });
const adapter = (cause: Record<string, unknown>) => ({
  driverAdapterError: { name: "DriverAdapterError", cause },
});

describe("database outages are told apart from bad queries", () => {
  it.each([
    ["unreachable server (P1001)", known("P1001", adapter({ kind: "DatabaseNotReachable" }))],
    ["no pooled connection in time (P2024)", known("P2024")],
    ["closed connection (adapter)", known("P2010", adapter({ kind: "ConnectionClosed" }))],
    [
      "server shutting down (57P03 in a raw query)",
      known("P2010", adapter({ kind: "postgres", originalCode: "57P03" })),
    ],
    ["admin shutdown (57P01)", known("P2010", { code: "57P01" })],
    ["pg: connection terminated", new Error("Connection terminated unexpectedly")],
    ["socket refused", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })],
  ])("%s → UNAVAILABLE (503)", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error)?.code).toBe("UNAVAILABLE");
  });

  it.each([
    ["unknown table (42P01)", known("P2010", adapter({ kind: "postgres", originalCode: "42P01" }))],
    ["unique violation (P2002)", known("P2002")],
    ["a plain bug", new TypeError("x is undefined")],
  ])("%s is not an outage", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error)?.code).not.toBe("UNAVAILABLE");
  });
});
