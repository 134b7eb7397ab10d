import AxeBuilder from "@axe-core/playwright";
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

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
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
