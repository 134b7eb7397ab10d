import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const server = await startServer({ port: 3391, env: { WEB_CONCURRENCY: "1" } });
try {
  const cookie = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const coord = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  for (const [path, ck] of [["/comuni/015192", cookie], ["/comuni/015192/interventi", cookie], ["/regione", coord], ["/accessibilita", ""]]) for (const enc of ["gzip", "identity"]) {
    const t = []; let size = 0;
    for (let i = 0; i < 30; i++) { const t0 = performance.now(); const r = await fetch(`${server.base}${path}`, { headers: { cookie: ck, "accept-encoding": enc } }); size = (await r.arrayBuffer()).byteLength; t.push(performance.now() - t0); }
    t.sort((a,b)=>a-b); console.log(path, enc, "median", t[15].toFixed(1), "p90", t[27].toFixed(1), "bytes", size);
  }
} finally { await stopServer(server); }
