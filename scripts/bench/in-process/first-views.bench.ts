import { writeFileSync } from "node:fs";
import pg from "pg";
import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";
// @ts-expect-error a plain ES module of the bench, no types
import { filterCombinations } from "../freshness.mjs";

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p * s.length) / 100) - 1))]!;
};

it("first views of the roll-up, in-process", async () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  // ONLY=<regex>: the combinations matching it (a closer look at a few, with the server's log).
  const combos: string[] = (await filterCombinations(owner)).filter((c: string) =>
    new RegExp(process.env.ONLY ?? "").test(c),
  );
  const [u] = (
    await owner.query<{ id: string; role: Actor["role"]; name: string; email: string }>(
      `SELECT id, role, name, email FROM "User" WHERE role = 'COORDINATOR' ORDER BY email LIMIT 1`,
    )
  ).rows;
  await owner.end();
  const actor: Actor = {
    userId: u!.id,
    role: u!.role,
    comuneIstat: null,
    name: u!.name,
    email: u!.email,
    comuneName: null,
  };
  const modes = (process.env.MODES ?? "on").split(",");
  // Warm-up on combinations outside the measured set (as freshness.mjs warmUp does for the server): the
  // first call pays the module's cold start, not a first view's cost.
  for (const w of ["anno_da=2031", "stato=COMPLETED", "andamento=AT_RISK", "fonte=EU_FESR"].filter(
    (w) => !combos.includes(w),
  ))
    for (const m of modes) {
      process.env.SMARTLAND_ROLLUP_SUMMARIES = m;
      await getRollup(actor, parseRollupFilters(Object.fromEntries(new URLSearchParams(w))));
    }
  const rounds = Number(process.env.ROUNDS ?? 2);
  const times = new Map<string, number[]>();
  const slowest = new Map<string, number>();
  const answers = new Map<string, string>();
  for (let r = 0; r < rounds; r++)
    for (const c of combos)
      for (const m of modes) {
        process.env.SMARTLAND_ROLLUP_SUMMARIES = m;
        const t = performance.now();
        const rollup = await getRollup(actor, parseRollupFilters(Object.fromEntries(new URLSearchParams(c))));
        const ms = performance.now() - t;
        times.set(m, [...(times.get(m) ?? []), ms]);
        slowest.set(`${m} ${c}`, Math.max(slowest.get(`${m} ${c}`) ?? 0, ms));
        const json = JSON.stringify({ ...rollup, refreshedAt: null });
        if (answers.has(c)) expect(json, c).toBe(answers.get(c));
        answers.set(c, json);
      }
  // DUMP=<file>: every answer, to compare two versions of the code view by view.
  if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify(Object.fromEntries(answers), null, 1));
  for (const [m, xs] of times)
    console.log(
      `summaries ${m}: ${xs.length} views, p50 ${quantile(xs, 50).toFixed(0)} ms, p95 ${quantile(xs, 95).toFixed(0)} ms, max ${quantile(xs, 100).toFixed(0)} ms`,
    );
  for (const [k, v] of [...slowest].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 10)))
    console.log(`${v.toFixed(0)} ms ${k}`);
});
