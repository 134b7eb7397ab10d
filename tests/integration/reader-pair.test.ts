import { describe, expect, it } from "vitest";
import { primaryPool, type SqlTx } from "@/lib/db";
import { withReaderPairAsOf } from "@/lib/db/reader";
import { actorFor, COORDINATOR, ownerQuery } from "./helpers";

// withReaderPairAsOf (lib/db/reader.ts): two reads on two raw pg connections at once, one snapshot.
describe("two reads at one snapshot", () => {
  it("the second read does not see a commit made after the first one's snapshot", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const [stream] = await ownerQuery<{ id: string; version: number }>(
      `SELECT id, version FROM "Stream" ORDER BY code LIMIT 1`,
    );
    const version = `SELECT version FROM "Stream" WHERE id = $1::uuid`;
    let committed!: () => void;
    const afterCommit = new Promise<void>((resolve) => (committed = resolve));
    const { result } = await withReaderPairAsOf(
      coordinator,
      async (tx) => {
        // The snapshot is exported: a commit now is after it, for both transactions.
        await ownerQuery(`UPDATE "Stream" SET version = version + 1 WHERE id = $1::uuid`, [stream.id]);
        committed();
        return (
          await tx.$queryRaw<
            { version: number }[]
          >`SELECT version FROM "Stream" WHERE id = ${stream.id}::uuid`
        )[0]!.version;
      },
      async (tx) => {
        await afterCommit;
        return (
          await tx.$queryRaw<
            { version: number }[]
          >`SELECT version FROM "Stream" WHERE id = ${stream.id}::uuid`
        )[0]!.version;
      },
    );
    expect(result).toEqual([stream.version, stream.version]);
    const [now] = await ownerQuery<{ version: number }>(version, [stream.id]);
    expect(now.version).toBe(stream.version + 1);
    await ownerQuery(`UPDATE "Stream" SET version = version - 1 WHERE id = $1::uuid`, [stream.id]);
  });

  it("reads as the actor (row-level security), READ ONLY, both sides", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const settings = (tx: SqlTx) =>
      tx.$queryRaw<{ role: string; user: string; ro: string; iso: string }[]>`
        SELECT current_setting('app.role') AS role, current_setting('app.user') AS user,
               current_setting('transaction_read_only') AS ro,
               current_setting('transaction_isolation') AS iso`;
    const { result } = await withReaderPairAsOf(coordinator, settings, settings);
    for (const [row] of result) {
      expect(row).toEqual({
        role: "COORDINATOR",
        user: coordinator.userId,
        ro: "on",
        iso: "repeatable read",
      });
    }
    await expect(
      withReaderPairAsOf(
        coordinator,
        async (tx) => tx.$queryRaw`SELECT 1`,
        async (tx) => tx.$queryRaw`UPDATE "Stream" SET version = version WHERE false`,
      ),
    ).rejects.toThrow(/read-only/);
  });

  it("with no second connection free, both reads run in the first transaction", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const pool = primaryPool();
    // Every connection of the pool but one is taken: the pair gets one, the second read none.
    const held = await Promise.all(
      Array.from({ length: pool.options.max - pool.totalCount + pool.idleCount - 1 }, () => pool.connect()),
    );
    try {
      const { result } = await withReaderPairAsOf(
        coordinator,
        async (tx) => tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
        async (tx) => tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
      );
      expect(result[0][0]!.pid).toBe(result[1][0]!.pid);
    } finally {
      held.forEach((c) => c.release());
    }
    const { result } = await withReaderPairAsOf(
      coordinator,
      async (tx) => tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
      async (tx) => tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
    );
    expect(result[0][0]!.pid).not.toBe(result[1][0]!.pid);
  });

  it("a failing first read fails the pair, and releases both connections", async () => {
    const coordinator = await actorFor(COORDINATOR);
    await expect(
      withReaderPairAsOf(
        coordinator,
        async () => {
          throw new Error("boom");
        },
        async (tx) => tx.$queryRaw`SELECT 1`,
      ),
    ).rejects.toThrow("boom");
    const { result } = await withReaderPairAsOf(
      coordinator,
      async (tx) => tx.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`,
      async (tx) => tx.$queryRaw<{ n: number }[]>`SELECT 2::int AS n`,
    );
    expect(result).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });
});
