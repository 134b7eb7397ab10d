// The weight of a few pages as the production server sends them, split into what makes it up:
//
//   node scripts/with-db.mjs --db smartland_bench_lombardy node scripts/reliability/page-weight.mjs [--port 3410]
//
// Only reads: the server runs on the database with-db gives (no reset, no seed), a coordinator signs in,
// then GET /regione (and the other paths below) once to warm up and once measured. For each: the HTML in
// bytes, gzip-compressed (what the server sends with Accept-Encoding: gzip), the inline SVG map, the
// tables, and Next's RSC payload (the self.__next_f.push scripts). Prints a table; nothing is written.
import { gzipSync } from "node:zlib";
import { parseArgs } from "../bench/lib.mjs";
import { login, startServer, stopServer } from "../bench/server.mjs";

const opts = parseArgs(process.argv.slice(2), {
  port: { type: "number", default: 3410 },
  paths: { type: "string", default: "/regione,/regione?metrica=interventi,/regione/comuni" },
});
if (!process.env.DATABASE_URL) throw new Error("run under scripts/with-db.mjs");
const log = (msg) => console.log(`[page-weight] ${msg}`);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const server = await startServer({ port: opts.port, log });
try {
  const cookie = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  const rows = [];
  for (const p of opts.paths.split(",")) {
    await fetch(`${server.base}${p}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    const t0 = performance.now();
    const res = await fetch(`${server.base}${p}`, { headers: { cookie } });
    const html = await res.text();
    const ms = Math.round(performance.now() - t0);
    const sum = (re) => [...html.matchAll(re)].reduce((n, m) => n + Buffer.byteLength(m[0]), 0);
    rows.push({
      path: p,
      status: res.status,
      ms,
      html: kb(Buffer.byteLength(html)),
      gzip: kb(gzipSync(html).length),
      svg: kb(sum(/<svg[\s\S]*?<\/svg>/g)),
      tables: kb(sum(/<table[\s\S]*?<\/table>/g)),
      tableRows: (html.match(/<tr[\s>]/g) ?? []).length,
      rsc: kb(sum(/<script>self\.__next_f\.push[\s\S]*?<\/script>/g)),
      mapShapes: (html.match(/<(?:path|use)[^>]*data-istat=/g) ?? []).length,
    });
  }
  console.table(rows);
} finally {
  await stopServer(server, log);
}
