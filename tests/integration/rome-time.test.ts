// Time is Rome's (issue 16, item 5), end to end through the lib functions the pages, the API and the exports
// use: instants just after midnight in Rome are shown and exported on Rome's day, "today" (overdue actions,
// export file names) is Rome's day, and the roll-up's overdue counts do not depend on the database's
// time zone.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RollupFreshness } from "@/components/rollup/region-totals";
import { getCatalogComune } from "@/lib/api/catalog";
import type { Actor } from "@/lib/auth/actor";
import { exportAudit } from "@/lib/audit/export-audit";
import { listAudit } from "@/lib/audit/list-audit";
import { getComuneAccount } from "@/lib/comuni/manage-comune";
import { formatDateTime, formatInstantDate, romeToday } from "@/lib/format";
import { exportComuneProjects } from "@/lib/import/export-comune";
import { getComuneDashboard } from "@/lib/projects/comune-dashboard";
import { exportRollupTable } from "@/lib/rollup/export";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
import { getOverdueActions } from "@/lib/rollup/planning";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  OFFICER_SAN_DONATO,
  ownerQuery,
  projectOf,
  SAN_DONATO,
} from "./helpers";

/** 06/12/2026 00:30 in Rome; UTC is still on the 5th. */
const AFTER_MIDNIGHT = new Date("2026-12-05T23:30:00Z");
/** 06/12/2026 00:29 in Rome. */
const JUST_AFTER = "2026-12-05T23:29:00Z";

let admin: Actor;
let coordinator: Actor;
let officer: Actor;
let projectId: string;

beforeAll(async () => {
  [admin, coordinator, officer] = await Promise.all([
    actorFor(ADMIN),
    actorFor(COORDINATOR),
    actorFor(OFFICER_SAN_DONATO),
  ]);
  projectId = (await projectOf(SAN_DONATO)).id;
});

afterEach(() => {
  vi.useRealTimers();
});

async function addAction(title: string, due: string) {
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO "Action" ("projectId", "comuneIstat", title, kind, "dueDate")
     VALUES ($1, $2, $3, 'WORKS', $4::date) RETURNING id`,
    [projectId, SAN_DONATO, title, due],
  );
  return row!.id;
}

/** The body of a download, without the BOM. */
async function textOf(response: Response): Promise<string> {
  return (await response.text()).replace(/^\uFEFF/, "");
}

describe("instants just after midnight in Rome", () => {
  it("the audit log and its CSV export show 06/12/2026 00:29", async () => {
    await ownerQuery(
      `INSERT INTO "AuditEvent" (entity, "entityId", action, "createdAt") VALUES ('RomeTime', 'x', 'UPDATE', $1)`,
      [JUST_AFTER],
    );
    const page = await listAudit(admin, { oggetto: "RomeTime" });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.createdAt.toISOString()).toBe("2026-12-05T23:29:00.000Z");
    expect(formatDateTime(page.rows[0]!.createdAt)).toBe("06/12/2026 00:29");

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    const response = await exportAudit(admin, { oggetto: "RomeTime" });
    vi.useRealTimers();
    expect(response.headers.get("content-disposition")).toContain(
      'filename="registro-attivita-2026-12-06.csv"',
    );
    const lines = (await textOf(response)).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith("06/12/2026 00:29;")).toBe(true);
  });

  it("a comune's membership: the API's date and the administrator's page", async () => {
    await ownerQuery(`UPDATE "Comune" SET "memberSince" = $1 WHERE istat = $2`, [JUST_AFTER, SAN_DONATO]);
    const api = await getCatalogComune(officer, SAN_DONATO);
    expect(api.memberSince).toBe("2026-12-06");
    const account = await getComuneAccount(admin, SAN_DONATO);
    // app/(portal)/admin/comuni/[istat]/page.tsx: "Aderente dal …"
    expect(formatInstantDate(account.memberSince)).toBe("06/12/2026");
  });
});

describe("today is Rome's day", () => {
  it("export file names at 00:30 in Rome", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    const comune = await exportComuneProjects(officer, SAN_DONATO, "csv");
    const rollup = await exportRollupTable(coordinator, parseRollupFilters({}), "comuni", "csv");
    vi.useRealTimers();
    expect(comune.headers.get("content-disposition")).toContain(`interventi-${SAN_DONATO}-2026-12-06.csv`);
    expect(rollup.headers.get("content-disposition")).toContain("smartland-comuni-2026-12-06.csv");
    await comune.body?.cancel();
    await rollup.body?.cancel();
  });

  it("overdue actions at 00:30 in Rome on 06/12: due the 5th is late, due the 6th is not", async () => {
    const late = await addAction("Roma: scaduta il 5 dicembre", "2026-12-05");
    const onTime = await addAction("Roma: scade il 6 dicembre", "2026-12-06");

    // The region's planning page.
    const region = await getOverdueActions(coordinator, parseRollupFilters({}), 100_000, AFTER_MIDNIGHT);
    const ids = region.map((a) => a.id);
    expect(ids).toContain(late);
    expect(ids).not.toContain(onTime);

    // The comune's landing page: the count matches the actions due before 06/12/2026.
    const [expected] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Action" a JOIN "Project" p ON p.id = a."projectId"
        WHERE a."comuneIstat" = $1 AND a.status <> 'DONE' AND a."doneDate" IS NULL
          AND a."dueDate" < '2026-12-06' AND p."deletedAt" IS NULL`,
      [SAN_DONATO],
    );
    const dashboard = await getComuneDashboard(officer, SAN_DONATO, AFTER_MIDNIGHT);
    expect(dashboard.overdueCount).toBe(expected!.n);
    const dayBefore = await getComuneDashboard(officer, SAN_DONATO, new Date("2026-12-05T22:30:00Z"));
    expect(dayBefore.overdueCount).toBe(expected!.n - 1); // 05/12 23:30 in Rome: the 5th is not over
  });

  it("the roll-up's overdue counts are Rome's, whatever the database session's time zone", async () => {
    const today = romeToday();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await addAction("Roma: scaduta ieri", yesterday);
    await addAction("Roma: scade oggi", today);
    const [expected] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Action"
        WHERE "projectId" = $1 AND status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < $2::date`,
      [projectId, today],
    );
    // Ahead of Rome (UTC+14) and behind it (UTC−11): at any hour one of them is on another day. Both
    // ways the facts are computed: a write's trigger (here, a change of the project's cost) and the full
    // rebuild.
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
      for (const recompute of [
        `UPDATE "Project" SET "totalCost" = "totalCost" + 1 WHERE id = '${projectId}'`,
        `SELECT rollup_rebuild()`,
      ]) {
        await ownerQuery(`SET TimeZone = '${zone}'; ${recompute};`);
        const [facts] = await ownerQuery<{ overdue: number }>(
          `SELECT overdue FROM rollup_project_facts WHERE id = $1`,
          [projectId],
        );
        expect({ zone, recompute, overdue: facts!.overdue }).toEqual({
          zone,
          recompute,
          overdue: expected!.n,
        });
      }
    }
  });

  it("the roll-up's freshness line: live figures, computed at 00:29 in Rome on 06/12/2026", async () => {
    const before = Date.now();
    const rollup = await getRollup(coordinator, parseRollupFilters({ provincia: "015", stato: "DESIGN" }));
    expect(rollup.refreshedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(rollup.refreshedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    const html = renderToStaticMarkup(createElement(RollupFreshness, { refreshedAt: new Date(JUST_AFTER) }));
    expect(html).toContain("Dati aggiornati in tempo reale");
    expect(html).toContain("calcolate il 06/12/2026 alle 00:29");
  });
});
