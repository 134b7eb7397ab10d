// The roll-up's first views measured in-process (docs/benchmarks.md, issue #17): getRollup called directly,
// no HTTP server, so the figures are the roll-up's own (SQL, the snapshot pair, JavaScript). Not part of
// `npm test`. Run on the bench database, caches off:
//   SMARTLAND_CACHE=off PGPORT=… node scripts/with-db.mjs --db smartland_bench_lombardy \
//     npx vitest run --config scripts/bench/in-process/vitest.config.ts
// ROUNDS=n (default 2) asks every combination n times; MODES=on,off interleaves the summaries on and off
// per request (SMARTLAND_ROLLUP_SUMMARIES) and checks both answers are identical; ONLY=<regex> keeps the
// combinations it matches.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL("../../..", import.meta.url)),
  "server-only": fileURLToPath(new URL("../../../node_modules/server-only/empty.js", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["scripts/bench/in-process/*.bench.ts"],
    environment: "node",
    testTimeout: 3_600_000,
    // CPU_PROF_DIR=<dir>: a V8 CPU profile of the run (open it in Chrome's DevTools).
    pool: "forks",
    execArgv: process.env.CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`] : [],
  },
});
