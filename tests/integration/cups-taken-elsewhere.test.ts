// The definer function cups_taken_elsewhere (migration 20261206104000): the one question the import asks
// about projects that row-level security hides from the officer. It answers with CUPs only, only to an
// officer, and only about live projects of other comuni.
import { describe, expect, it } from "vitest";
import { appQuery, ownerQuery, PAULLO, SAN_DONATO } from "./helpers";

const taken = async (actor: { role: string; comune: string | null }, cups: string[]) =>
  (await appQuery<{ cup: string }>(actor, "SELECT cup FROM cups_taken_elsewhere($1::text[]) AS cup", [cups]))
    .map((r) => r.cup)
    .sort();

describe("cups_taken_elsewhere", () => {
  it("tells an officer which CUPs other comuni's live projects use, and nothing else", async () => {
    const [sanDonato] = await ownerQuery<{ id: string; cup: string }>(
      `SELECT id, cup FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "deletedAt" IS NULL LIMIT 1`,
      [SAN_DONATO],
    );
    const [paullo] = await ownerQuery<{ cup: string }>(
      `SELECT cup FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "deletedAt" IS NULL LIMIT 1`,
      [PAULLO],
    );
    const asked = [sanDonato!.cup, paullo!.cup, "J99B26000000001"];
    const paulloOfficer = { role: "OFFICER", comune: PAULLO };

    // Paullo's officer: San Donato's CUP is taken elsewhere; its own and an unused one are not.
    expect(await taken(paulloOfficer, asked)).toEqual([sanDonato!.cup]);
    expect(await taken({ role: "OFFICER", comune: SAN_DONATO }, asked)).toEqual([paullo!.cup]);
    // Nobody else gets an answer (only officers import).
    for (const role of ["COORDINATOR", "ADMIN", "PUBLIC", "SYSTEM"])
      expect(await taken({ role, comune: null }, asked)).toEqual([]);
    expect(await taken({ role: "OFFICER", comune: null }, asked)).toEqual([]);
    // A deleted project's CUP is free again (as the unique index of live CUPs says).
    await ownerQuery(`UPDATE "Project" SET "deletedAt" = now() WHERE id = $1`, [sanDonato!.id]);
    expect(await taken(paulloOfficer, asked)).toEqual([]);
  });

  it("is executable by the application role and defined with a fixed search_path", async () => {
    const [fn] = await ownerQuery<{ definer: boolean; config: string[]; app: boolean; public: boolean }>(
      `SELECT p.prosecdef AS definer, p.proconfig AS config,
              has_function_privilege('smartland_app', p.oid, 'EXECUTE') AS app,
              EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public
         FROM pg_proc p WHERE p.proname = 'cups_taken_elsewhere'`,
    );
    expect(fn).toEqual({ definer: true, config: ["search_path=public"], app: true, public: false });
  });
});
