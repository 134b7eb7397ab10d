import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const server = await startServer({ port: 3391, env: { WEB_CONCURRENCY: "1" } });
try {
  const cookie = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  for (const enc of ["gzip", "identity"]) {
    const t = [];
    for (let i = 0; i < 40; i++) { const t0 = performance.now(); const r = await fetch(`${server.base}/api/v1/rollup`, { headers: { cookie, "accept-encoding": enc } }); await r.arrayBuffer(); t.push(performance.now() - t0); }
    t.sort((a,b)=>a-b); console.log(enc, "median", t[20].toFixed(1), "p90", t[36].toFixed(1));
  }
  for (const path of ["/api/v1/streams", "/api/health", "/api/v1/rollup?provincia=015"]) { const t = [];
    for (let i = 0; i < 40; i++) { const t0 = performance.now(); const r = await fetch(`${server.base}${path}`, { headers: { cookie } }); await r.arrayBuffer(); t.push(performance.now() - t0); }
    t.sort((a,b)=>a-b); console.log(path, "median", t[20].toFixed(1), "p90", t[36].toFixed(1)); }
} finally { await stopServer(server); }
