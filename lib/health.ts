import "server-only";
import { db } from "@/lib/db";
import { replicaStatus } from "@/lib/db/reader";

export type Health = {
  status: "ok" | "unavailable";
  database: { status: "ok" | "unavailable"; latencyMs: number | null };
  /** With DATABASE_REPLICA_URL: whether reads go to the replica now, and its last measured lag. */
  replica?: { inUse: boolean; lagMs: number | null };
  uptimeSeconds: number;
  checkedAt: string;
};

const DB_TIMEOUT_MS = 2_000;

/** For load balancers: is this instance able to serve, i.e. does the database answer within 2 s? */
export async function checkHealth(): Promise<Health> {
  const t0 = performance.now();
  let database: Health["database"];
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), DB_TIMEOUT_MS).unref()),
    ]);
    database = { status: "ok", latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
  } catch {
    database = { status: "unavailable", latencyMs: null };
  }
  // The replica never makes an instance unhealthy: without it, reads go to the primary.
  const replica = replicaStatus();
  return {
    status: database.status,
    database,
    ...(replica.configured ? { replica: { inUse: replica.inUse, lagMs: replica.lagMs } } : {}),
    uptimeSeconds: Math.round(process.uptime()),
    checkedAt: new Date().toISOString(),
  };
}
