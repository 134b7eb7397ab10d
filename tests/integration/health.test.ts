import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkHealth } from "@/lib/health";

const g = globalThis as unknown as { smartlandDb?: PrismaClient };

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
    const url = new URL(process.env.APP_DATABASE_URL!);
    url.port = "1"; // nothing listens there
    g.smartlandDb = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url.toString(), connectionTimeoutMillis: 500 }),
    });
    const health = await checkHealth();
    expect(health.status).toBe("unavailable");
    expect(health.database).toEqual({ status: "unavailable", latencyMs: null });
    expect(JSON.stringify(health)).not.toContain(url.password);
  });
});
