import zlib from "node:zlib";
import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const server = await startServer({ port: 3391, env: { WEB_CONCURRENCY: "1" } });
try {
  const coord = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  for (const path of ["/regione", "/api/v1/rollup"]) {
    const buf = Buffer.from(await (await fetch(`${server.base}${path}`, { headers: { cookie: coord, "accept-encoding": "identity" } })).arrayBuffer());
    for (const level of [1, 3, 4, 6]) { const t0 = performance.now(); let o; for (let i = 0; i < 10; i++) o = zlib.gzipSync(buf, { level }); console.log(path, buf.length, "gzip", level, ((performance.now() - t0) / 10).toFixed(2), "ms", o.length); }
    for (const q of [1, 4]) { const t0 = performance.now(); let o; for (let i = 0; i < 10; i++) o = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q } }); console.log(path, "br", q, ((performance.now() - t0) / 10).toFixed(2), "ms", o.length); }
  }
} finally { await stopServer(server); }
