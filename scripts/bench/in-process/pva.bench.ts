// The programme plan's plan-vs-actual measured in-process (docs/benchmarks.md, issue #18): getPlanVsActual
// called directly, no HTTP server, for the province-size and the every-comune Smart Lands of
// scripts/bench/programme.mjs (run that first: it adds them). Not part of `npm test`. Caches off:
//   SMARTLAND_CACHE=off PGPORT=… node scripts/with-db.mjs --db smartland_bench_lombardy \
//     npx vitest run --config scripts/bench/in-process/vitest.config.ts scripts/bench/in-process/pva.bench.ts
// BY_STREAM=0 asks for the comuni's totals only (what the pages ask), default by stream (the API).
import pg from "pg";
import { it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";

it("plan vs actual, in-process", async () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const [u] = (
    await owner.query(
      `SELECT id, role, name, email FROM "User" WHERE role = 'COORDINATOR' ORDER BY email LIMIT 1`,
    )
  ).rows;
  await owner.end();
  const actor: Actor = {
    userId: u.id,
    role: u.role,
    comuneIstat: null,
    name: u.name,
    email: u.email,
    comuneName: null,
  };
  const byComuneStream = process.env.BY_STREAM !== "0";
  for (const slug of ["bench-programma-milano", "bench-programma-lombardia"])
    for (const year of [undefined, 2026]) {
      const xs: number[] = [];
      for (let i = 0; i < 23; i++) {
        const t = performance.now();
        await getPlanVsActual(actor, slug, { year, byComuneStream });
        if (i >= 3) xs.push(performance.now() - t);
      }
      xs.sort((a, b) => a - b);
      console.log(
        `${slug}${year ? ` anno ${year}` : ""} (by stream: ${byComuneStream}): p50 ${xs[9]!.toFixed(0)} ms, p95 ${xs[18]!.toFixed(0)} ms, max ${xs.at(-1)!.toFixed(0)} ms`,
      );
    }
});
