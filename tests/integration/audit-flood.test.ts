import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAccessDenied } from "@/lib/audit/access-denied";
import { listAudit } from "@/lib/audit/list-audit";
import { exportAudit } from "@/lib/audit/export-audit";
import { actorFor, ADMIN, appQuery, OFFICER_MELEGNANO, ownerQuery } from "./helpers";

describe("the audit log cannot be flooded", () => {
  it("an officer's 200 refusals (any paths, any ids) are one row per minute with a count", async () => {
    const officer = await actorFor(OFFICER_MELEGNANO);
    const t0 = Date.now();
    for (let i = 0; i < 200; i++) {
      await recordAccessDenied(officer, {
        via: "api",
        method: "GET",
        path: `/api/v1/projects/${randomUUID()}`,
        requestedId: randomUUID(),
      });
    }
    const minutes = Math.ceil((Date.now() - t0) / 60_000) + 1;
    const rows = await ownerQuery<{ count: number; actorId: string; actorName: string; comuneIstat: string }>(
      `SELECT count, "actorId", "actorName", "comuneIstat" FROM "AuditEvent"
        WHERE action = 'ACCESS_DENIED' AND "actorId" = $1`,
      [officer.userId],
    );
    expect(rows.length).toBeLessThanOrEqual(minutes);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(200);
    expect(rows[0]).toMatchObject({ actorName: officer.name, comuneIstat: officer.comuneIstat });

    // The viewer and the export show the count.
    const admin = await actorFor(ADMIN);
    const page = await listAudit(admin, { azione: "ACCESS_DENIED", utente: OFFICER_MELEGNANO });
    expect(page.rows.reduce((n, r) => n + r.count, 0)).toBe(200);
    const csv = new TextDecoder().decode(
      await (await exportAudit(admin, { azione: "ACCESS_DENIED", utente: OFFICER_MELEGNANO })).arrayBuffer(),
    );
    expect(csv.split("\r\n")[0]).toContain("Ripetizioni");
  });

  it("the app role still cannot rewrite a row (the count grows only through the definer function)", async () => {
    await expect(
      appQuery({ role: "SYSTEM", comune: null }, `UPDATE "AuditEvent" SET count = count + 1`),
    ).rejects.toMatchObject({ code: "42501" });
  });
});
