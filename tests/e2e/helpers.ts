import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const ACCOUNTS = {
  admin: { email: "admin@smartland.example", password: "Admin-Demo-2026!" },
  coordinator: { email: "coordinatore@anci.example", password: "Coord-Demo-2026!" },
  sanDonato: { email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" },
  paullo: { email: "referente.paullo@smartland.example", password: "Paullo-Demo-2026!" },
  melegnano: { email: "referente.melegnano@smartland.example", password: "Melegnano-Demo-2026!" },
} as const;

export async function login(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's WCAG 2.1 A/AA rules on the current page (or the part `include` selects), run inside the page:
 * the serious and critical violations, as "rule: target, target". Our pages have no frames, so axe runs
 * in one pass where @axe-core/playwright's analyze() ran it per frame and then again in a new blank page
 * to merge the frames' results — twice the time (22 s against 11 s on the long API reference), and
 * ~0.7 s more on every small page.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      type Result = { violations: { id: string; impact?: string; nodes: { target: string[] }[] }[] };
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<Result> } }).axe;
      const { violations } = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    },
    { include, tags: WCAG_AA },
  );
}

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page, include?: string) {
  expect(await axeViolations(page, include)).toEqual([]);
}

/** Owner connection to the e2e database, for arranging and checking data. */
export async function db<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function projectOf(comune: string, notPartner?: string) {
  const [row] = await db<{ id: string; title: string }>(
    `SELECT p.id, p.title FROM "Project" p WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
       AND ($2::text IS NULL OR NOT EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $2))
     ORDER BY p.title LIMIT 1`,
    [comune, notPartner ?? null],
  );
  return row;
}

/** Confirms the open confirmation dialog (the portal asks in a <dialog>, never with window.confirm). */
export async function confirmDialog(page: Page) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: /^Conferma/ }).click();
}
