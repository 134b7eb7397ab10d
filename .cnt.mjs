import pg from "pg";
import fs from "node:fs";
import { login, startServer, stopServer } from "./scripts/bench/server.mjs";
const owner = new pg.Client({ connectionString: process.env.DATABASE_URL }); await owner.connect();
const [p] = (await owner.query(`SELECT id::text FROM "Project" WHERE "comuneIstat" = '015192' AND "deletedAt" IS NULL ORDER BY id LIMIT 1`)).rows;
const server = await startServer({ port: 3393, env: { WEB_CONCURRENCY: "1" } });
const log = process.env.SMARTLAND_PG_LOG;
try {
  const off = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const co = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  const routes = [["dashboard", "/comuni/015192", off], ["list", "/comuni/015192/interventi?pagina=2", off], ["project", `/comuni/015192/interventi/${p.id}`, off], ["apiProject", `/api/v1/projects/${p.id}`, off], ["rollupPage", "/regione?provincia=016", co], ["static", "/accessibilita", ""]];
  for (const [name, path, cookie] of routes) {
    await fetch(server.base + path, { headers: { cookie } }).then((r) => r.arrayBuffer()); // warm
    await new Promise((r) => setTimeout(r, 300));
    const before = fs.readFileSync(log, "utf8").length;
    await fetch(server.base + path, { headers: { cookie } }).then((r) => r.arrayBuffer());
    await new Promise((r) => setTimeout(r, 300));
    const text = fs.readFileSync(log, "utf8").slice(before);
    const lines = text.split("\n").filter((l) => /duration: /.test(l));
    const execs = lines.filter((l) => /execute|statement:/.test(l));
    console.log(name.padEnd(11), "statements", execs.length, "ms total", lines.reduce((a, l) => a + Number(l.match(/duration: ([\d.]+)/)[1]), 0).toFixed(1));
    if (process.env.SHOW === name) console.log(execs.map((l) => l.replace(/.*duration: /, "").slice(0, 150)).join("\n"));
  }
} finally { await stopServer(server); await owner.end(); }
