import { describe, expect, it } from "vitest";
import { withReaderPairAsOf } from "@/lib/db/reader";
import { actorFor, COORDINATOR, ownerQuery } from "./helpers";

// withReaderPairAsOf (lib/db/reader.ts): two reads on two connections at once, one snapshot.
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
        return (await tx.$queryRawUnsafe<{ version: number }[]>(version, stream.id))[0].version;
      },
      async (tx) => {
        await afterCommit;
        return (await tx.$queryRawUnsafe<{ version: number }[]>(version, stream.id))[0].version;
      },
    );
    expect(result).toEqual([stream.version, stream.version]);
    const [now] = await ownerQuery<{ version: number }>(version, [stream.id]);
    expect(now.version).toBe(stream.version + 1);
    await ownerQuery(`UPDATE "Stream" SET version = version - 1 WHERE id = $1::uuid`, [stream.id]);
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
