import { describe, expect, it } from "vitest";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { actorFor, COORDINATOR, ownerQuery } from "./helpers";

// The roll-up filter's choices are cached per taxonomy state (lib/rollup/filter-options.ts): an edit of a
// stream or a Smart Land shows at the next request, on every page that offers them.
describe("roll-up filter options", () => {
  it("are served again from memory, and an edited stream or a new Smart Land shows at once", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const choices = async (name: string) =>
      (await getRollupFilterOptions(coordinator)).find((f) => f.name === name)!.options;
    const [stream] = await ownerQuery<{ id: string; code: string; name: string }>(
      `SELECT id, code, name FROM "Stream" ORDER BY code LIMIT 1`,
    );
    const first = await getRollupFilterOptions(coordinator);
    expect(await getRollupFilterOptions(coordinator)).toBe(first); // the same object: from memory
    expect((await choices("filone")).find((o) => o.value === stream!.id)?.label).toBe(
      `${stream!.code} · ${stream!.name}`,
    );
    try {
      // As the app edits a stream: its version moves.
      await ownerQuery(
        `UPDATE "Stream" SET name = name || ' (rinominato)', version = version + 1 WHERE id = $1`,
        [stream!.id],
      );
      expect((await choices("filone")).find((o) => o.value === stream!.id)?.label).toBe(
        `${stream!.code} · ${stream!.name} (rinominato)`,
      );
      await ownerQuery(
        `INSERT INTO "SmartLand" (slug, name, phase) VALUES ('prova-opzioni', 'Prova opzioni', 'Fase 1')`,
      );
      expect((await choices("smart_land")).map((o) => o.value)).toContain("prova-opzioni");
    } finally {
      await ownerQuery(`UPDATE "Stream" SET name = $2, version = version + 1 WHERE id = $1`, [
        stream!.id,
        stream!.name,
      ]);
      await ownerQuery(`DELETE FROM "SmartLand" WHERE slug = 'prova-opzioni'`);
    }
  });
});
