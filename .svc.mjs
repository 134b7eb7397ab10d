import pg from "pg";
import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const owner = new pg.Client({ connectionString: process.env.DATABASE_URL }); await owner.connect();
const projects = (await owner.query(`SELECT id::text FROM "Project" WHERE "comuneIstat" = '015192' AND "deletedAt" IS NULL ORDER BY id LIMIT 20`)).rows.map(r => r.id);
const streams = (await owner.query(`SELECT id::text FROM "Stream" ORDER BY code`)).rows.map(r => r.id);
await owner.end();
const server = await startServer({ port: 3392, env: { WEB_CONCURRENCY: "1" } });
try {
  const off = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const co = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  let n = 0; const pick = (l) => l[n++ % l.length];
  const routes = {
    static: () => ["/accessibilita", ""],
    dashboard: () => ["/comuni/015192", off],
    list: () => [`/comuni/015192/interventi?${pick(["pagina=2", "stato=EXECUTION", "q=scuola", "pagina=1&ordina=totalCost"])}`, off],
    project: () => [`/comuni/015192/interventi/${pick(projects)}`, off],
    apiList: () => [`/api/v1/projects?comune=015192&per_pagina=50&pagina=${1 + (n++ % 3)}`, off],
    apiProject: () => [`/api/v1/projects/${pick(projects)}`, off],
    rollupPage: () => [`/regione?${pick([`provincia=015`, "", `filone=${pick(streams)}`, "anno_da=2024&anno_a=2026"])}`, co],
    rollupApi: () => [`/api/v1/rollup?${pick([`provincia=016`, `filone=${pick(streams)}&stato=EXECUTION`, "anno_da=2025&anno_a=2027", ""])}`, co],
    csv: () => [pick([`/api/v1/rollup/export?tabella=filoni&formato=csv&provincia=015`, `/api/v1/rollup/export?tabella=comuni&formato=csv`, `/api/v1/rollup/export?tabella=interventi&formato=csv&provincia=015&filone=${streams[0]}`]), co],
  };
  for (const [name, f] of Object.entries(routes)) {
    const t = []; let bytes = 0;
    for (let i = 0; i < 24; i++) { const [path, cookie] = f(); const t0 = performance.now(); const r = await fetch(server.base + path, { headers: { cookie, "accept-encoding": "identity" } }); bytes = (await r.arrayBuffer()).byteLength; if (r.status !== 200) console.log(path, r.status); t.push(performance.now() - t0); }
    t.sort((a, b) => a - b); console.log(name.padEnd(12), "median", t[12].toFixed(1), "p90", t[21].toFixed(1), "bytes", bytes);
  }
} finally { await stopServer(server); }
