import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM, withActor } from "@/lib/db";
import { isDatabaseUnavailable, toAppError } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkHealth } from "@/lib/health";
import { problemFromError } from "@/lib/http/problem";

const g = globalThis as unknown as { smartlandDb?: PrismaClient };

function unreachableClient() {
  const url = new URL(process.env.APP_DATABASE_URL!);
  url.port = "1"; // nothing listens there
  return {
    url,
    client: new PrismaClient({
      adapter: new PrismaPg({ connectionString: url.toString(), connectionTimeoutMillis: 500 }),
    }),
  };
}

describe("health check", () => {
  const saved = g.smartlandDb;
  afterEach(() => {
    g.smartlandDb = saved;
  });

  it("is ok when the database answers", async () => {
    const health = await checkHealth();
    expect(health.status).toBe("ok");
    expect(health.database.status).toBe("ok");
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is unavailable, not a crash, when the database does not answer", async () => {
    const { url, client } = unreachableClient();
    g.smartlandDb = client;
    const health = await checkHealth();
    expect(health.status).toBe("unavailable");
    expect(health.database).toEqual({ status: "unavailable", latencyMs: null });
    expect(JSON.stringify(health)).not.toContain(url.password);
  });

  it("an unreachable database is a 503 problem (not a 500) and is noted for the page server", async () => {
    g.smartlandDb = unreachableClient().client;
    const flag = globalThis as unknown as { smartlandDatabaseUnavailableAt?: number };
    delete flag.smartlandDatabaseUnavailableAt;
    const error = await withActor(SYSTEM, (tx) => tx.$queryRaw`SELECT 1`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(flag.smartlandDatabaseUnavailableAt).toBeGreaterThan(Date.now() - 10_000);
    const res = problemFromError(error);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "UNAVAILABLE", status: 503 });
  });

  it("a query error of a healthy database is not mistaken for an outage", async () => {
    const error = await withActor(SYSTEM, (tx) => tx.$queryRaw`SELECT * FROM no_such_table`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error)).toBeNull(); // an unknown error: logged and answered 500 by the caller
  });
});
