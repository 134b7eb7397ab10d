import pg from "pg";
const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
await c.connect();
const sl = (await c.query(`SELECT id FROM "SmartLand" WHERE slug='bench-programma-lombardia'`)).rows[0].id;
const q = process.argv[2].replaceAll("$$", "'");
for (const wm of ["4MB", "64MB"]) {
  await c.query(`SET work_mem = '${wm}'`);
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const r = await c.query(q, [sl]);
    console.log(wm, i, Math.round(performance.now() - t), "ms", r.rows.length, "rows");
  }
}
const plan = await c.query("EXPLAIN (ANALYZE, COSTS OFF) " + q, [sl]);
console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
await c.end();
