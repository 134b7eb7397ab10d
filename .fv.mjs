// ad-hoc: each combination twice in a row through the server, caches off
import pg from "pg";
import { filterCombinations, warmUp } from "./scripts/bench/freshness.mjs";
import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const owner = new pg.Client({ connectionString: process.env.DATABASE_URL }); await owner.connect();
const combos = (await filterCombinations(owner)).filter((c) => new RegExp(process.env.ONLY ?? "").test(c)); await owner.end();
const server = await startServer({ port: 3390, env: { SMARTLAND_CACHE: "off", WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "" } });
try {
  const cookie = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  await warmUp(server.base, cookie, combos);
  const rows = [];
  for (const c of combos) {
    const t = [];
    for (let i = 0; i < Number(process.env.REP ?? 2); i++) { const t0 = performance.now(); const r = await fetch(`${server.base}/api/v1/rollup?${c}`, { headers: { cookie } }); const b = await r.arrayBuffer(); t.push(performance.now() - t0); if (i===0) t.size = b.byteLength; }
    rows.push([c, ...t.map((x) => x.toFixed(0)), t.size]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  for (const r of rows.slice(0, Number(process.env.TOP ?? 15))) console.log(r.join("  "));
  const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.ceil(p * s.length / 100) - 1]; };
  for (let i = 1; i <= Number(process.env.REP ?? 2); i++) console.log(`rep ${i}: p50 ${q(rows.map(r=>+r[i]),50)} p95 ${q(rows.map(r=>+r[i]),95)}`);
} finally { await stopServer(server); }
