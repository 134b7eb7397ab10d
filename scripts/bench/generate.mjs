// Deterministic synthetic data for the regional roll-up benchmark.
//
//   node scripts/bench/generate.mjs [--scale lombardy|italy] [--db NAME] [--force] [--limit-comuni N]
//                                   [--checksum] [--keep-indexes] [--with-triggers] [--report FILE]
//                                   [--explain]
//
// Loads its OWN database (default smartland_bench_<scale>; names other than smartland_bench_* are
// refused). Run directly it re-executes itself through scripts/with-db.mjs, which creates and migrates
// the database; it is also fine to call it the long way:
//   node scripts/with-db.mjs --db smartland_bench_lombardy --seed node scripts/bench/generate.mjs --scale lombardy
//
// What is loaded, on top of the demo seed (reference data, 10 streams, Smart Land Sud Est Milano, demo
// accounts and the demo programme of its 14 comuni, which is kept):
//   lombardy  the 1,503 real comuni, all members; every comune is topped up to 100 projects
//             (150,300), 3 funding lines and 10 actions and 1 indicator per generated project, ~2 % of
//             projects with a partner comune;
//   italy     the same plus 99 provinces of the other regions (real ISTAT codes and acronyms) and
//             6,393 synthetic comuni ("Comune sintetico 001001"): 7,896 comuni, 789,600 projects.
// Pure SQL (INSERT … SELECT … generate_series). No random(): every value is a hash of the row's key
// (hashint8extended(key, salt)) or arithmetic on it, and ids are md5 of the key, so two runs produce
// identical rows (check with --checksum). Generated projects carry local codes "BN-<year>-<nnn>" and
// CUPs starting with "ZBN", which the demo never uses.
//
// Idempotent: the database comment records what was loaded; a second run with the same parameters
// and the same row counts does nothing. --force (or a different scale/limit) truncates the tenant
// tables, re-runs the demo seed and loads again. --limit-comuni N generates projects for N comuni
// only (a deterministic sample), to check the SQL quickly.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { assertBenchDb, currentDbName, defaultDbName, parseArgs, ROOT, runCommand, SCALES } from "./lib.mjs";

/**
 * The data's version: a hash of the parts of this file between "bench-data:begin" and "bench-data:end"
 * (the constants and the load). Changing them regenerates a loaded database; changing the rest doesn't.
 */
const GENERATOR_VERSION = createHash("sha1")
  .update(
    readFileSync(import.meta.filename, "utf8")
      .split("// bench-data:begin")
      .slice(1)
      .map((part) => part.split("// bench-data:end")[0])
      .join(""),
  )
  .digest("hex")
  .slice(0, 12);
// bench-data:begin
/** The data's "today": statuses, overdue actions and dates are consistent with it (= the demo's). */
const REF_DATE = "2026-11-25";
const STREAM_CODES = [
  "SL-01",
  "SL-02",
  "SL-03",
  "SL-04",
  "SL-05",
  "SL-06",
  "SL-07",
  "SL-08",
  "SL-09",
  "SL-10",
];
const TENANT_TABLES = ["Project", "ProjectPartner", "FundingLine", "Action", "Indicator"];
const LOMBARDY_PROVINCES = [
  "012",
  "013",
  "014",
  "015",
  "016",
  "017",
  "018",
  "019",
  "020",
  "097",
  "098",
  "108",
];

/** The other Italian provinces by ISTAT code (104–107: the former Sardinian provinces), for --scale italy. */
const OTHER_PROVINCES = [
  ["001", "TO", "Torino"],
  ["002", "VC", "Vercelli"],
  ["003", "NO", "Novara"],
  ["004", "CN", "Cuneo"],
  ["005", "AT", "Asti"],
  ["006", "AL", "Alessandria"],
  ["007", "AO", "Aosta"],
  ["008", "IM", "Imperia"],
  ["009", "SV", "Savona"],
  ["010", "GE", "Genova"],
  ["011", "SP", "La Spezia"],
  ["021", "BZ", "Bolzano"],
  ["022", "TN", "Trento"],
  ["023", "VR", "Verona"],
  ["024", "VI", "Vicenza"],
  ["025", "BL", "Belluno"],
  ["026", "TV", "Treviso"],
  ["027", "VE", "Venezia"],
  ["028", "PD", "Padova"],
  ["029", "RO", "Rovigo"],
  ["030", "UD", "Udine"],
  ["031", "GO", "Gorizia"],
  ["032", "TS", "Trieste"],
  ["033", "PC", "Piacenza"],
  ["034", "PR", "Parma"],
  ["035", "RE", "Reggio Emilia"],
  ["036", "MO", "Modena"],
  ["037", "BO", "Bologna"],
  ["038", "FE", "Ferrara"],
  ["039", "RA", "Ravenna"],
  ["040", "FC", "Forlì-Cesena"],
  ["041", "PU", "Pesaro e Urbino"],
  ["042", "AN", "Ancona"],
  ["043", "MC", "Macerata"],
  ["044", "AP", "Ascoli Piceno"],
  ["045", "MS", "Massa-Carrara"],
  ["046", "LU", "Lucca"],
  ["047", "PT", "Pistoia"],
  ["048", "FI", "Firenze"],
  ["049", "LI", "Livorno"],
  ["050", "PI", "Pisa"],
  ["051", "AR", "Arezzo"],
  ["052", "SI", "Siena"],
  ["053", "GR", "Grosseto"],
  ["054", "PG", "Perugia"],
  ["055", "TR", "Terni"],
  ["056", "VT", "Viterbo"],
  ["057", "RI", "Rieti"],
  ["058", "RM", "Roma"],
  ["059", "LT", "Latina"],
  ["060", "FR", "Frosinone"],
  ["061", "CE", "Caserta"],
  ["062", "BN", "Benevento"],
  ["063", "NA", "Napoli"],
  ["064", "AV", "Avellino"],
  ["065", "SA", "Salerno"],
  ["066", "AQ", "L'Aquila"],
  ["067", "TE", "Teramo"],
  ["068", "PE", "Pescara"],
  ["069", "CH", "Chieti"],
  ["070", "CB", "Campobasso"],
  ["071", "FG", "Foggia"],
  ["072", "BA", "Bari"],
  ["073", "TA", "Taranto"],
  ["074", "BR", "Brindisi"],
  ["075", "LE", "Lecce"],
  ["076", "PZ", "Potenza"],
  ["077", "MT", "Matera"],
  ["078", "CS", "Cosenza"],
  ["079", "CZ", "Catanzaro"],
  ["080", "RC", "Reggio Calabria"],
  ["081", "TP", "Trapani"],
  ["082", "PA", "Palermo"],
  ["083", "ME", "Messina"],
  ["084", "AG", "Agrigento"],
  ["085", "CL", "Caltanissetta"],
  ["086", "EN", "Enna"],
  ["087", "CT", "Catania"],
  ["088", "RG", "Ragusa"],
  ["089", "SR", "Siracusa"],
  ["090", "SS", "Sassari"],
  ["091", "NU", "Nuoro"],
  ["092", "CA", "Cagliari"],
  ["093", "PN", "Pordenone"],
  ["094", "IS", "Isernia"],
  ["095", "OR", "Oristano"],
  ["096", "BI", "Biella"],
  ["099", "RN", "Rimini"],
  ["100", "PO", "Prato"],
  ["101", "KR", "Crotone"],
  ["102", "VV", "Vibo Valentia"],
  ["103", "VB", "Verbano-Cusio-Ossola"],
  ["104", "OT", "Olbia-Tempio"],
  ["105", "OG", "Ogliastra"],
  ["106", "VS", "Medio Campidano"],
  ["107", "CI", "Carbonia-Iglesias"],
  ["109", "FM", "Fermo"],
  ["110", "BT", "Barletta-Andria-Trani"],
  ["111", "SU", "Sud Sardegna"],
];

/** Per stream (SL-01 … SL-10, in code order): title stems, one indicator [name, unit, theme]. */
const STREAM_CATALOGUE = [
  {
    titles: [
      "Pista ciclabile di collegamento",
      "Nodo di interscambio e velostazione",
      "Servizio di trasporto a chiamata",
    ],
    indicator: ["Piste ciclabili realizzate", "km", "PLANET"],
  },
  {
    titles: [
      "Riqualificazione LED dell'illuminazione pubblica",
      "Telegestione dei punti luce",
      "Pali intelligenti con sensori",
    ],
    indicator: ["Punti luce LED installati", "n.", "PLANET"],
  },
  {
    titles: ["Fibra ottica verso le sedi comunali", "Wi-Fi pubblico nelle piazze", "Rete di sensori urbani"],
    indicator: ["Sedi pubbliche connesse in fibra", "n.", "PROSPERITY"],
  },
  {
    titles: [
      "Efficientamento energetico della scuola",
      "Fotovoltaico sugli edifici comunali",
      "Comunità energetica rinnovabile",
    ],
    indicator: ["Riduzione dei consumi energetici", "MWh/anno", "PLANET"],
  },
  {
    titles: [
      "Videosorveglianza del centro",
      "Varchi di lettura targhe",
      "Centrale operativa di polizia locale",
    ],
    indicator: ["Telecamere installate", "n.", "PEOPLE"],
  },
  {
    titles: ["Riqualificazione della piazza", "Recupero dell'edificio dismesso", "Nuovo parco di quartiere"],
    indicator: ["Superficie riqualificata", "m²", "PEOPLE"],
  },
  {
    titles: ["Servizi online con SPID e CIE", "Pagamenti pagoPA e app IO", "Sportello telematico unificato"],
    indicator: ["Servizi online attivati", "n.", "GOVERNANCE"],
  },
  {
    titles: ["Raccolta differenziata puntuale", "Forestazione urbana", "Gestione sostenibile delle acque"],
    indicator: ["Raccolta differenziata", "%", "PLANET"],
  },
  {
    titles: ["Servizi di prossimità per anziani", "Centro per le famiglie", "Trasporto sociale"],
    indicator: ["Persone raggiunte dai servizi", "n.", "PEOPLE"],
  },
  {
    titles: [
      "Biblioteca come hub culturale",
      "Valorizzazione del cammino storico",
      "Promozione turistica del territorio",
    ],
    indicator: ["Visitatori annui", "n.", "PROPAGATION"],
  },
];

/** The 10 actions of a generated project: kind, phase in the procedure, title, owner. */
const STEPS = [
  ["PLANNING", 0, "Approvazione del documento di indirizzo", "Giunta comunale"],
  ["DESIGN", 1, "Progetto di fattibilità tecnico-economica", "Ufficio tecnico"],
  ["DESIGN", 1, "Progetto esecutivo", "Ufficio tecnico"],
  ["PROCUREMENT", 2, "Pubblicazione della procedura di gara", "Centrale unica di committenza"],
  ["PROCUREMENT", 2, "Aggiudicazione e stipula del contratto", "Centrale unica di committenza"],
  ["WORKS", 3, "Consegna e avvio dei lavori", "Direzione lavori"],
  ["WORKS", 3, "Stato di avanzamento dei lavori", "Direzione lavori"],
  ["SERVICE", 3, "Avvio del servizio", "Responsabile del procedimento"],
  ["COMMUNICATION", 3, "Comunicazione ai cittadini", "Ufficio comunicazione"],
  ["MONITORING", 4, "Monitoraggio degli indicatori", "Ufficio di piano"],
];

// bench-data:end
// ---------------------------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2), {
  scale: { type: "string", default: "lombardy", choices: Object.keys(SCALES) },
  db: { type: "string", default: undefined },
  force: { type: "boolean", default: false },
  limitComuni: { type: "number", default: undefined },
  checksum: { type: "boolean", default: false },
  keepIndexes: { type: "boolean", default: false },
  withTriggers: { type: "boolean", default: false },
  report: { type: "string", default: undefined },
  explain: { type: "boolean", default: false },
});
const target = opts.db ?? defaultDbName(opts.scale);
assertBenchDb(target);
const limit = opts.limitComuni === undefined ? null : Math.max(1, Math.floor(opts.limitComuni));

// Not under with-db for this database yet: go through it (it creates and migrates the database).
const currentDb = currentDbName();
if (currentDb !== target) {
  if (process.env.SMARTLAND_BENCH_CHILD) {
    throw new Error(`DATABASE_URL points to "${currentDb}", expected "${target}"`);
  }
  const code = await runCommand(
    [
      "node",
      "scripts/with-db.mjs",
      "--db",
      target,
      "node",
      "scripts/bench/generate.mjs",
      ...process.argv.slice(2),
    ],
    { env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" } },
  );
  process.exit(code);
}

const log = (msg) => console.log(`[bench:generate] ${msg}`);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const arr = (items) => `(ARRAY[${items.map(q).join(", ")}])`;
const seconds = (t0) => Math.round((performance.now() - t0) / 10) / 100;

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const one = async (sql, params) => (await client.query(sql, params)).rows[0];

// CPU seconds used so far by this connection's server process (when the server runs on this host):
// on a shared machine, a steadier measure than wall time.
let backendPid = null;
function backendCpu() {
  try {
    const fields = readFileSync(`/proc/${backendPid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
  } catch {
    return NaN;
  }
}

/** MB of WAL this connection has written (PostgreSQL 18: per-backend WAL statistics, known at commit), or NaN. */
async function ownWal() {
  try {
    const r = await one(
      `SELECT wal_bytes::float8 / 1048576 AS mb FROM pg_stat_get_backend_wal(pg_backend_pid())`,
    );
    return r.mb;
  } catch {
    return NaN;
  }
}

async function step(label, sql) {
  const t0 = performance.now();
  backendPid ??= (await one(`SELECT pg_backend_pid() AS pid`)).pid;
  const cpu0 = backendCpu();
  const walBefore = (await one(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)).lsn;
  let rows;
  if (opts.explain) {
    // The statement runs (and loads its rows) under EXPLAIN ANALYZE: its plan, with times, buffers and WAL.
    const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, VERBOSE, FORMAT TEXT) ${sql}`);
    const plan = res.rows.map((x) => x["QUERY PLAN"]);
    rows = Number(/actual time=\S+ rows=(\d+)/.exec(plan.find((l) => /^\s*->/.test(l)) ?? "")?.[1] ?? NaN);
    console.log(plan.join("\n"));
  } else {
    const res = await client.query(sql);
    rows = Array.isArray(res) ? res.reduce((n, r) => n + (r.rowCount ?? 0), 0) : res.rowCount;
  }
  const { mb } = await one(
    `SELECT round((pg_current_wal_insert_lsn() - $1::pg_lsn) / 1048576.0, 1)::text AS mb`,
    [walBefore],
  );
  log(
    `${label.padEnd(28)} ${String(rows ?? "").padStart(10)} rows  ${seconds(t0).toFixed(2)} s  (server CPU ${(backendCpu() - cpu0).toFixed(2)} s)  WAL ${mb} MB`,
  );
  return rows;
}

async function tableCounts() {
  const r = await one(`SELECT
      (SELECT count(*) FROM "Province")::int        AS "Province",
      (SELECT count(*) FROM "Comune")::int          AS "Comune",
      (SELECT count(*) FROM "Comune" WHERE member)::int AS "ComuneMember",
      (SELECT count(*) FROM "Project")::int         AS "Project",
      (SELECT count(*) FROM "ProjectPartner")::int  AS "ProjectPartner",
      (SELECT count(*) FROM "FundingLine")::int     AS "FundingLine",
      (SELECT count(*) FROM "Action")::int          AS "Action",
      (SELECT count(*) FROM "Indicator")::int       AS "Indicator"`);
  return r;
}

async function readMarker() {
  const r = await one(
    `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`,
  );
  const text = r?.c ?? "";
  if (!text.startsWith("smartland-bench ")) return null;
  try {
    return JSON.parse(text.slice("smartland-bench ".length));
  } catch {
    return null;
  }
}

function writeReport(report) {
  if (opts.report) writeFileSync(path.resolve(opts.report), JSON.stringify(report, null, 2));
}

async function runSeed() {
  log("running the demo seed (reference data, streams, Smart Land, accounts, demo programme)");
  const code = await runCommand(["npx", "tsx", "prisma/seed.ts"], { cwd: ROOT });
  if (code !== 0) throw new Error(`the demo seed failed (exit ${code})`);
}

const wanted = { v: GENERATOR_VERSION, scale: opts.scale, limit };
const started = performance.now();
const walStarted = await ownWal();

// The roll-up's fact triggers (migration incremental_rollup) recompute, in each writing statement, the
// facts of the projects it touched. A bulk load writes every project: the load disables them and the
// facts are rebuilt once at the end (rollup_rebuild(), section 5); --with-triggers keeps them (then use
// --keep-indexes too: the per-project recomputation needs the projectId indexes the load drops). Measured
// in docs/benchmarks.md. A load that failed left them disabled: they are enabled first, whatever happens.
const ROLLUP_TRIGGER_TABLES = ["Project", "FundingLine", "Action"];
async function setRollupTriggers(enabled) {
  for (const t of ROLLUP_TRIGGER_TABLES) {
    for (const trigger of ["rollup_ins", "rollup_upd", "rollup_del"]) {
      await client.query(`ALTER TABLE "${t}" ${enabled ? "ENABLE" : "DISABLE"} TRIGGER ${trigger}`);
    }
  }
}
await setRollupTriggers(true);

// 1. The reference data must be there (with-db --seed, or we run the seed ourselves).
const ref = await one(
  `SELECT
    (SELECT count(*) FROM "Comune" WHERE "provinceIstat" = ANY($1))::int AS lombardy,
    (SELECT count(*) FROM "Stream" WHERE code = ANY($2))::int AS streams,
    (SELECT count(*) FROM "SmartLand" WHERE slug = 'sud-est-milano')::int AS smart_lands`,
  [LOMBARDY_PROVINCES, STREAM_CODES],
);
if (ref.lombardy < SCALES.lombardy.comuni || ref.streams < STREAM_CODES.length || ref.smart_lands < 1) {
  await runSeed();
}

// 2. Already loaded with the same parameters? Then nothing to do.
const marker = await readMarker();
const counts = await tableCounts();
const sameParams =
  marker && marker.v === wanted.v && marker.scale === wanted.scale && marker.limit === wanted.limit;
const sameRows =
  marker?.counts &&
  ["Comune", "Project", "FundingLine", "Action", "Indicator"].every((k) => marker.counts[k] === counts[k]);
if (sameParams && sameRows && !opts.force) {
  log(
    `${target} already holds the ${opts.scale}${limit ? ` (limit ${limit})` : ""} data (loaded ${marker.loadedAt} in ${marker.seconds.load} s): nothing to do`,
  );
  log(
    `rows: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")}`,
  );
  if (opts.checksum) await printChecksums();
  writeReport({
    db: target,
    skipped: true,
    ...wanted,
    loadedAt: marker.loadedAt,
    counts,
    seconds: marker.seconds,
    distribution: marker.distribution,
  });
  await client.end();
  process.exit(0);
}

// 3. Anything generated before (or --force): start from the demo state again.
const generatedBefore = await one(
  `SELECT EXISTS (SELECT 1 FROM "Project" WHERE "localCode" LIKE 'BN-%') AS yes`,
);
const syntheticComuni = await one(
  `SELECT count(*)::int AS n FROM "Comune" WHERE name LIKE 'Comune sintetico %'`,
);
if (opts.force || generatedBefore.yes || marker) {
  const t0 = performance.now();
  await client.query(
    // The published copies reference the projects; TRUNCATE fires no trigger, so the roll-up's facts go too
    // (the seed's inserts then bring back the demo's, by trigger). The monitoring rounds go too (their
    // submissions hold a RESTRICT key to Comune, and the snapshots copy the projects): CASCADE takes the
    // tables that hang off these (round submissions, snapshots, events, notes; project phases).
    `TRUNCATE "ProjectPartner", "FundingLine", "Action", "Indicator", "PublicProject", "DocumentChunk", "Document", "Project", "AuditEvent",
              "MonitoringRound", rollup_project_facts, rollup_funding_facts CASCADE`,
  );
  await client.query(`COMMENT ON DATABASE "${target}" IS NULL`);
  if (opts.scale === "lombardy" && syntheticComuni.n > 0) {
    await client.query(`DELETE FROM "Comune" WHERE name LIKE 'Comune sintetico %'`);
    await client.query(`DELETE FROM "Province" WHERE istat <> ALL($1)`, [LOMBARDY_PROVINCES]);
  }
  log(`truncated the tenant tables (${seconds(t0)} s)`);
  await runSeed();
}

if (!opts.withTriggers) await setRollupTriggers(false);

// bench-data:begin
// 4. The load: one transaction, so a failure leaves the database as it was.
const loadStarted = performance.now();
let loadSeconds = 0;
const REF = `DATE '${REF_DATE}'`;
const r = (key, salt, n) => `pg_temp.r(${key}, ${salt}, ${n})`;

await client.query(`SET temp_buffers = '512MB'`); // before the session's first temporary table
await client.query(`SET work_mem = '128MB'`);
await client.query(`SET maintenance_work_mem = '512MB'`);
await client.query(`SET synchronous_commit = off`);
await client.query("BEGIN");
try {
  // A number in [0, n) from a row key and a salt: deterministic, no random().
  await client.query(`CREATE FUNCTION pg_temp.r(k bigint, salt int, n int) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT abs(hashint8extended(k, salt) % n)::int $$`);

  if (opts.scale === "italy") {
    const values = OTHER_PROVINCES.map(
      ([istat, acronym, name], i) => `(${q(istat)}, ${q(acronym)}, ${q(name)}, ${i})`,
    ).join(",\n");
    await client.query(
      `CREATE TEMP TABLE bench_province (istat text, acronym text, name text, idx int) ON COMMIT DROP`,
    );
    await client.query(`INSERT INTO bench_province VALUES ${values}`);
    await step(
      "provinces (synthetic)",
      `INSERT INTO "Province" (istat, acronym, name) SELECT istat, acronym, name FROM bench_province
       ON CONFLICT DO NOTHING`,
    );
    const synthetic = SCALES.italy.comuni - SCALES.lombardy.comuni;
    // s = 0 … 6,392; province s % 99, number within it s / 99 + 1; cadastral codes N000–T392 (real
    // Belfiore codes start with A–M or Z). The first comune of a province is its chief town.
    await step(
      "comuni (synthetic)",
      `INSERT INTO "Comune" (istat, name, "provinceIstat", "cadastralCode", population, member, "memberSince", "updatedAt")
       SELECT p.istat || lpad((s / 99 + 1)::text, 3, '0'),
              'Comune sintetico ' || p.istat || lpad((s / 99 + 1)::text, 3, '0'),
              p.istat,
              chr(78 + s / 1000) || lpad((s % 1000)::text, 3, '0'),
              CASE WHEN s / 99 = 0 THEN 40000 + ${r("s", 50, 560000)}
                   ELSE 250 + floor(power(${r("s", 51, 1000)} / 1000.0, 4) * 45000)::int + ${r("s", 52, 600)} END,
              true,
              (DATE '2019-03-11' + ${r("s", 53, 1400)})::timestamp,
              TIMESTAMP '2019-01-01 00:00:00'
       FROM generate_series(0, ${synthetic - 1}) AS s
       JOIN bench_province p ON p.idx = s % 99
       ON CONFLICT DO NOTHING`,
    );
  }

  await step(
    "comuni → members",
    `UPDATE "Comune" SET member = true,
            "memberSince" = COALESCE("memberSince", (DATE '2019-03-11' + ${r("istat::bigint", 53, 1400)})::timestamp)
     WHERE NOT member OR "memberSince" IS NULL`,
  );

  // The comuni that get projects, with what they already hold (the demo programme) and a partner
  // comune (the next one of the same province).
  const comuniFilter =
    opts.scale === "lombardy" ? `WHERE c."provinceIstat" = ANY(${arr(LOMBARDY_PROVINCES)}::text[])` : "";
  await client.query(`CREATE TEMP TABLE bc ON COMMIT DROP AS
    SELECT c.istat, c.istat::bigint AS ck, c.name,
           COALESCE(lead(c.istat) OVER w, first_value(c.istat) OVER w) AS partner,
           (SELECT count(*) FROM "Project" p
             WHERE p."comuneIstat" = c.istat AND p."deletedAt" IS NULL)::int AS existing,
           (SELECT m."smartLandId" FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"
             WHERE m."comuneIstat" = c.istat ORDER BY s.slug LIMIT 1) AS smart_land
    FROM "Comune" c ${comuniFilter}
    WINDOW w AS (PARTITION BY c."provinceIstat" ORDER BY c.istat)`);
  if (limit !== null) {
    await client.query(`DELETE FROM bc WHERE istat NOT IN
      (SELECT istat FROM bc ORDER BY hashint8extended(ck, 99), istat LIMIT ${limit})`);
  }
  const { n: comuniCount } = await one(`SELECT count(*)::int AS n FROM bc`);
  log(`comuni with projects: ${comuniCount}`);

  // Projects, first as a temporary table: the children read their project's values from it.
  // "OFFSET 0" (or an ORDER BY) keeps a subquery or CTE from being flattened into the query above it:
  // flattened, every reference to a computed column (status, source, astatus…) re-evaluates its whole
  // CASE of hashes. The big inserts are written in (created_at, key) order: the children's rows come out
  // of a set-returning function over the projects sorted by (created_at, pk), already in that order, and
  // each level's "ORDER BY created_at" (already satisfied: no sort) carries that order up, so the final
  // ORDER BY is an incremental sort of tiny groups instead of a sort of millions of wide rows on disk.
  const streamTitles = arr(STREAM_CATALOGUE.flatMap((s) => s.titles));
  const t0 = performance.now();
  await client.query(`CREATE TEMP TABLE bp ON COMMIT DROP AS
    WITH s1 AS (
      SELECT c.istat, c.name AS comune_name, c.partner, c.smart_land, k, c.ck * 100 + k AS pk
      FROM bc c JOIN generate_series(0, 99) AS k ON k >= c.existing
    ), s2 AS (
      SELECT s1.*, ${r("pk", 1, 10)} AS stream_idx,
             CASE WHEN x < 12 THEN 'NOT_STARTED' WHEN x < 22 THEN 'DESIGN_STARTING' WHEN x < 38 THEN 'DESIGN'
                  WHEN x < 50 THEN 'PROCUREMENT' WHEN x < 76 THEN 'EXECUTION' WHEN x < 96 THEN 'COMPLETED'
                  ELSE 'CANCELLED' END AS status,
             300 + ${r("pk", 5, 1101)} AS duration,
             ${r("pk", 16, 100)} < 20 AS late_pick
      FROM (SELECT s1.*, ${r("pk", 2, 100)} AS x FROM s1 OFFSET 0) s1 OFFSET 0
    ), s3 AS (
      SELECT s2.*,
             CASE status
               WHEN 'NOT_STARTED'     THEN DATE '2026-09-01' + ${r("pk", 3, 913)}
               WHEN 'DESIGN_STARTING' THEN DATE '2024-09-01' + ${r("pk", 3, 791)}
               WHEN 'DESIGN'          THEN DATE '2023-01-01' + ${r("pk", 3, 1369)}
               WHEN 'PROCUREMENT'     THEN DATE '2022-06-01' + ${r("pk", 3, 1522)}
               WHEN 'EXECUTION'       THEN DATE '2021-03-01' + ${r("pk", 3, 1918)}
               WHEN 'COMPLETED'       THEN DATE '2019-03-01' + ${r("pk", 3, 2100)}
               ELSE                        DATE '2019-06-01' + ${r("pk", 3, 1856)} END AS anchor
      FROM s2 OFFSET 0
    ), s4 AS (
      SELECT s3.*,
             CASE WHEN status = 'NOT_STARTED' THEN anchor
                  ELSE greatest(DATE '2019-01-01', anchor - ${r("pk", 4, 121)}) END AS planned_start,
             CASE WHEN status = 'NOT_STARTED' THEN NULL ELSE anchor END AS actual_start
      FROM s3 OFFSET 0
    ), s5 AS (
      SELECT s4.*,
             least(DATE '2030-12-31',
                   CASE WHEN status IN ('COMPLETED', 'CANCELLED') OR late_pick THEN planned_start + duration
                        -- open projects are mostly rescheduled: their planned end lies ahead
                        ELSE greatest(planned_start + duration, ${REF} + 30 + ${r("pk", 17, 900)}) END) AS planned_end,
             CASE WHEN status = 'COMPLETED'
                  THEN least(anchor + greatest(120, duration - 60 + ${r("pk", 14, 181)}), ${REF} - 15) END AS actual_end
      FROM s4 OFFSET 0
    )
    SELECT pk, md5('bench:project:' || pk)::uuid AS id, istat, comune_name, partner, smart_land, k,
           stream_idx, status, planned_start, planned_end, actual_start, actual_end,
           CASE status WHEN 'NOT_STARTED' THEN -1 WHEN 'DESIGN_STARTING' THEN 0 WHEN 'DESIGN' THEN 1
                       WHEN 'PROCUREMENT' THEN 2 WHEN 'EXECUTION' THEN 3 WHEN 'COMPLETED' THEN 99
                       ELSE ${r("pk", 6, 3)} END AS phase,
           CASE WHEN status = 'COMPLETED' THEN 'ON_TRACK'
                WHEN status = 'CANCELLED' THEN 'OFF_TRACK'
                WHEN planned_end < ${REF} OR (status = 'NOT_STARTED' AND planned_start < ${REF} - 30)
                  THEN CASE WHEN ${r("pk", 15, 100)} < 55 THEN 'OFF_TRACK' ELSE 'AT_RISK' END
                ELSE CASE WHEN ${r("pk", 15, 100)} < 76 THEN 'ON_TRACK'
                          WHEN ${r("pk", 15, 100)} < 94 THEN 'AT_RISK' ELSE 'OFF_TRACK' END END AS health,
           CASE status WHEN 'NOT_STARTED' THEN 0 WHEN 'DESIGN_STARTING' THEN 2 + ${r("pk", 7, 11)}
                       WHEN 'DESIGN' THEN 10 + ${r("pk", 7, 21)} WHEN 'PROCUREMENT' THEN 25 + ${r("pk", 7, 21)}
                       WHEN 'EXECUTION' THEN 45 + ${r("pk", 7, 51)} WHEN 'COMPLETED' THEN 100
                       ELSE ${r("pk", 7, 26)} END AS progress,
           -- 20,000 € … 4.8 M€, skewed towards the small: (1 … 100)² × 480 € + cents
           2000000::bigint + (${r("pk", 8, 100)} + 1)::bigint * (${r("pk", 8, 100)} + 1) * 48000 + ${r("pk", 9, 100)} AS total_cents,
           CASE WHEN ${r("pk", 10, 100)} < 30 THEN 55 + ${r("pk", 11, 41)} ELSE 100 END AS funded_pct,
           CASE WHEN (status = 'NOT_STARTED' AND ${r("pk", 12, 100)} < 60)
                  OR (status = 'DESIGN_STARTING' AND ${r("pk", 12, 100)} < 20) THEN NULL
                ELSE 'ZBN' || substr('BCDEFGHIJK', stream_idx + 1, 1)
                     || lpad((extract(year FROM planned_start)::int % 100)::text, 2, '0')
                     || lpad(pk::text, 9, '0') END AS cup,
           'BN-' || extract(year FROM planned_start)::int || '-' || lpad((k + 1)::text, 3, '0') AS local_code,
           ${streamTitles}[stream_idx * 3 + ${r("pk", 13, 3)} + 1] || ' – ' || comune_name
             || ' (' || (k + 1) || ')' AS title,
           greatest(DATE '2018-10-01', least(planned_start, ${REF} - 1) - ${r("pk", 18, 240)})::timestamp
             + make_interval(secs => 28800 + ${r("pk", 19, 36000)}) AS created_at,
           ${r("pk", 20, 900)} AS updated_after_days
    FROM s5`);
  const { n: projectCount } = await one(`SELECT count(*)::int AS n FROM bp`);
  log(
    `${"projects (computed)".padEnd(28)} ${String(projectCount).padStart(10)} rows  ${seconds(t0).toFixed(2)} s`,
  );
  await client.query(`ANALYZE bp`);

  // Bulk-load practice: the tenant tables' indexes (primary keys and unique ones too) and the foreign
  // keys from and to them are dropped for the load and rebuilt at the end of the same transaction: a
  // sorted (parallel) build and one validating join instead of per-row maintenance, which at Italy
  // scale means random inserts into uuid b-trees larger than the buffer cache. Uniqueness is still
  // checked: building a unique index fails on a duplicate. --keep-indexes loads with everything in place.
  const deferred = opts.keepIndexes
    ? []
    : (
        await client.query(
          `SELECT 'fk' AS kind, format('%I', conname) AS name, conrelid::regclass::text AS tbl,
                  pg_get_constraintdef(oid) AS def
           FROM pg_constraint
           WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))
           UNION ALL
           SELECT 'key', format('%I', conname), conrelid::regclass::text, pg_get_constraintdef(oid)
           FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid = ANY($1::regclass[])
           UNION ALL
           SELECT 'index', i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                             WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
           ORDER BY 1, 3, 2`,
          [TENANT_TABLES.map((t) => `public."${t}"`)],
        )
      ).rows;
  const ofKind = (kind) => deferred.filter((x) => x.kind === kind);
  {
    const t1 = performance.now();
    for (const d of ofKind("fk")) await client.query(`ALTER TABLE ${d.tbl} DROP CONSTRAINT ${d.name}`);
    for (const d of ofKind("key")) await client.query(`ALTER TABLE ${d.tbl} DROP CONSTRAINT ${d.name}`);
    for (const d of ofKind("index")) await client.query(`DROP INDEX ${d.name}`);
    if (deferred.length)
      log(
        `dropped ${ofKind("key").length} keys, ${ofKind("index").length} indexes and ${ofKind("fk").length} foreign keys for the load (${seconds(t1)} s)`,
      );
  }

  // The tenant tables' triggers are switched off for the load (in this transaction only). The
  // revision bumps (bump_comune_revision: one UPDATE of "ComuneRevision" per row) were most of the
  // load's time: every row of the load updates its comune's counter again in the same transaction,
  // so the counter's update chain grows with the load and each bump walks it (quadratic). They are
  // replaced by one set-based bump with the same result below; the partner-membership check by one
  // query; anything else (roll-up maintenance) is rebuilt by the refresh step after the load.
  const triggers = opts.keepIndexes
    ? []
    : (
        await client.query(
          `SELECT t.tgrelid::regclass::text AS tbl, format('%I', t.tgname) AS name, p.proname::text AS fn,
                  CASE t.tgenabled WHEN 'A' THEN 'ALWAYS ' WHEN 'R' THEN 'REPLICA ' ELSE '' END AS mode
           FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
           WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgrelid = ANY($1::regclass[])
           ORDER BY 1, 2`,
          [TENANT_TABLES.map((t) => `public."${t}"`)],
        )
      ).rows;
  for (const t of triggers) await client.query(`ALTER TABLE ${t.tbl} DISABLE TRIGGER ${t.name}`);
  if (triggers.length)
    log(`disabled ${triggers.length} triggers for the load: ${triggers.map((t) => t.name).join(", ")}`);

  const lastUpdate = `(${REF} - 1)::timestamp + interval '18 hours'`;
  await step(
    "Project",
    `INSERT INTO "Project" (id, "comuneIstat", "smartLandId", "streamId", title, summary, cup, "localCode",
       "totalCost", "plannedStart", "plannedEnd", "actualStart", "actualEnd", status, health, progress,
       version, "deletedAt", "createdAt", "updatedAt")
     SELECT bp.id, bp.istat, bp.smart_land, st.ids[bp.stream_idx + 1], bp.title,
            'Intervento sintetico generato per il benchmark del cruscotto regionale (' || ${arr(STREAM_CODES)}[bp.stream_idx + 1] || ').',
            bp.cup, bp.local_code, (bp.total_cents::numeric / 100)::numeric(14, 2),
            bp.planned_start, bp.planned_end, bp.actual_start, bp.actual_end,
            bp.status::"ProjectStatus", bp.health::"Health", bp.progress, 1, NULL,
            bp.created_at,
            greatest(bp.created_at, least(${lastUpdate}, bp.created_at + make_interval(days => bp.updated_after_days)))
     FROM bp
     CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids FROM "Stream" WHERE code = ANY(${arr(STREAM_CODES)}::text[])) st
     ORDER BY bp.created_at, bp.pk`,
  );

  await step(
    "ProjectPartner",
    `INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat", "createdAt")
     SELECT id, istat, partner, created_at FROM bp
     WHERE ${r("pk", 40, 50)} = 0 AND partner IS NOT NULL AND partner <> istat
     ORDER BY created_at, pk`,
  );

  // Funding: 3 lines per project, sharing the funded amount by weight; sources weighted towards the
  // comune, the region and the PNRR; committed and paid shares following the project's status.
  await step(
    "FundingLine",
    `INSERT INTO "FundingLine" (id, "projectId", "comuneIstat", source, programme, year, "amountPlanned",
       "amountCommitted", "amountPaid", version, "createdAt", "updatedAt")
     SELECT md5('bench:funding:' || fk)::uuid, id, istat, source::"FundingSource",
            CASE source
              WHEN 'EU_FESR' THEN 'PR FESR 2021-2027' WHEN 'EU_FSE' THEN 'PR FSE+ 2021-2027'
              WHEN 'PNRR' THEN 'PNRR M' || (1 + ${r("fk", 27, 6)}) || 'C' || (1 + ${r("fk", 28, 3)})
              WHEN 'FSC' THEN 'Fondo per lo sviluppo e la coesione 2021-2027'
              WHEN 'STATE' THEN 'Contributi statali agli investimenti dei comuni'
              WHEN 'REGION' THEN 'Bando regionale ' || year WHEN 'METRO_CITY' THEN 'Fondi della città metropolitana'
              WHEN 'COMUNE' THEN 'Bilancio comunale ' || year WHEN 'PRIVATE' THEN 'Contributo privato'
              WHEN 'PPP' THEN 'Partenariato pubblico-privato' WHEN 'SPONSORSHIP' THEN 'Sponsorizzazione'
              ELSE 'Altre risorse' END,
            CASE WHEN source = 'PNRR' THEN least(2026, greatest(2021, year)) ELSE year END,
            (planned::numeric / 100)::numeric(14, 2),
            (committed::numeric / 100)::numeric(14, 2),
            (committed * ppct / 100 / 100.0)::numeric(14, 2),
            1, created_at, greatest(created_at, least(${lastUpdate}, created_at + make_interval(days => ${r("fk", 29, 400)})))
     FROM (
       SELECT l2.*, planned * cpct / 100 AS committed,
              CASE status WHEN 'NOT_STARTED' THEN 0 WHEN 'DESIGN_STARTING' THEN ${r("fk", 25, 11)}
                          WHEN 'DESIGN' THEN ${r("fk", 25, 31)} WHEN 'PROCUREMENT' THEN 5 + ${r("fk", 25, 26)}
                          WHEN 'EXECUTION' THEN 20 + ${r("fk", 25, 61)} WHEN 'COMPLETED' THEN 90 + ${r("fk", 25, 11)}
                          ELSE ${r("fk", 25, 41)} END AS ppct
       FROM (
         SELECT l1.*,
                CASE WHEN j < 2 THEN funded * wj / wsum ELSE funded - funded * w0 / wsum - funded * w1 / wsum END AS planned,
                CASE WHEN sx < 18 THEN 'COMUNE' WHEN sx < 33 THEN 'REGION' WHEN sx < 48 THEN 'PNRR'
                     WHEN sx < 58 THEN 'STATE' WHEN sx < 67 THEN 'EU_FESR' WHEN sx < 73 THEN 'FSC'
                     WHEN sx < 79 THEN 'METRO_CITY' WHEN sx < 84 THEN 'EU_FSE' WHEN sx < 89 THEN 'PRIVATE'
                     WHEN sx < 93 THEN 'PPP' WHEN sx < 96 THEN 'SPONSORSHIP' ELSE 'OTHER' END AS source,
                least(2030, greatest(2019, extract(year FROM planned_start)::int
                  + j * (extract(year FROM planned_end)::int - extract(year FROM planned_start)::int + 1) / 3)) AS year,
                CASE WHEN status <> 'NOT_STARTED' AND ${r("fk", 26, 100)} < 4 THEN 101 + ${r("fk", 26, 8)} -- over-commitment
                     ELSE CASE status WHEN 'NOT_STARTED' THEN 0 WHEN 'DESIGN_STARTING' THEN ${r("fk", 24, 16)}
                            WHEN 'DESIGN' THEN 5 + ${r("fk", 24, 31)} WHEN 'PROCUREMENT' THEN 25 + ${r("fk", 24, 46)}
                            WHEN 'EXECUTION' THEN 70 + ${r("fk", 24, 31)} WHEN 'COMPLETED' THEN 95 + ${r("fk", 24, 6)}
                            ELSE ${r("fk", 24, 31)} END END AS cpct
         FROM (
           SELECT p.*, p.pk * 10 + j AS fk, p.w0 + p.w1 + p.w2 AS wsum,
                  CASE j WHEN 0 THEN p.w0 WHEN 1 THEN p.w1 ELSE p.w2 END AS wj,
                  p.total_cents * p.funded_pct / 100 AS funded,
                  ${r("p.pk * 10 + j", 30, 100)} AS sx
           FROM (SELECT bp.*, 1 + ${r("bp.pk", 21, 10)} AS w0, 1 + ${r("bp.pk", 22, 10)} AS w1,
                        1 + ${r("bp.pk", 23, 10)} AS w2, generate_series(0, 2) AS j -- (created_at, fk) order
                 FROM bp ORDER BY created_at, pk) p
           ORDER BY created_at
         ) l1
         ORDER BY created_at
       ) l2
       ORDER BY created_at
     ) l3
     ORDER BY created_at, fk`,
  );

  // Actions: the 10 steps of the procedure; done before the project's phase, under way at it, to do
  // after. Open actions whose date has passed are mostly rescheduled, less so in troubled projects.
  const kinds = arr(STEPS.map((s) => s[0]));
  const phases = `(ARRAY[${STEPS.map((s) => s[1]).join(",")}])`;
  const firstOfPhase = `(ARRAY[${STEPS.map((s) => STEPS.findIndex((t) => t[1] === s[1])).join(",")}])`;
  const titles = arr(STEPS.map((s) => s[2]));
  const owners = arr(STEPS.map((s) => s[3]));
  await step(
    "Action",
    `INSERT INTO "Action" (id, "projectId", "comuneIstat", title, kind, owner, "dueDate", "doneDate", status, cig,
       version, "createdAt", "updatedAt")
     SELECT md5('bench:action:' || ak)::uuid, id, istat, ${titles}[j + 1], ${kinds}[j + 1]::"ActionKind",
            ${owners}[j + 1], due_date, done_date, astatus::"ActionStatus",
            CASE WHEN ${kinds}[j + 1] = 'PROCUREMENT' AND astatus IN ('DONE', 'IN_PROGRESS')
                 THEN serial::text || lpad(upper(to_hex((serial * 211) % 4091)), 3, '0') END,
            1, created_at + make_interval(mins => j * 7),
            CASE WHEN done_date IS NOT NULL THEN greatest(created_at + make_interval(mins => j * 7), done_date::timestamp + interval '12 hours')
                 ELSE created_at + make_interval(mins => j * 7) END
     FROM (
       SELECT a2.*,
              CASE WHEN astatus = 'DONE'
                     THEN least(greatest(natural_due + (${r("ak", 32, 66)} - 25), coalesce(actual_start, planned_start)),
                                CASE WHEN status = 'COMPLETED' AND step_phase < 4 THEN actual_end ELSE ${REF} - 1 END)
                   END AS done_date,
              CASE WHEN astatus = 'DONE' THEN natural_due
                   WHEN status = 'CANCELLED' THEN CASE WHEN j = first_blocked THEN natural_due END
                   WHEN natural_due >= ${REF} THEN natural_due
                   WHEN ${r("ak", 33, 100)} < CASE health WHEN 'OFF_TRACK' THEN 90 WHEN 'AT_RISK' THEN 70 ELSE 26 END
                     THEN natural_due                                   -- stays overdue
                   ELSE ${REF} + 14 + j * 45 + ${r("ak", 34, 120)} END AS due_date                -- rescheduled, in order
       FROM (
         SELECT a1.*,
                CASE WHEN status = 'COMPLETED' THEN 'DONE'
                     WHEN status = 'NOT_STARTED' THEN 'TODO'
                     WHEN status = 'CANCELLED' THEN CASE WHEN step_phase < phase THEN 'DONE' ELSE 'BLOCKED' END
                     WHEN step_phase < phase THEN 'DONE'
                     WHEN step_phase = phase AND ${firstOfPhase}[j + 1] = j
                       THEN CASE WHEN health = 'OFF_TRACK' AND ${r("ak", 31, 100)} < 50 THEN 'BLOCKED' ELSE 'IN_PROGRESS' END
                     ELSE 'TODO' END AS astatus,
                least(DATE '2030-12-31',
                      CASE WHEN step_phase = 4 THEN planned_end + 90
                           ELSE planned_start + (planned_end - planned_start) * (j + 1) / 10 END) AS natural_due,
                ${firstOfPhase}[CASE phase WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 4 END] AS first_blocked
         FROM (
           SELECT bp.*, bp.pk * 10 + j AS ak, ${phases}[j + 1] AS step_phase,
                  1000000::bigint + ${r("bp.pk", 35, 9000000)} AS serial
           FROM (SELECT bp.*, generate_series(0, 9) AS j FROM bp ORDER BY created_at, pk) bp -- (created_at, ak) order
           ORDER BY created_at
         ) a1
         ORDER BY created_at
       ) a2
       ORDER BY created_at
     ) a3
     ORDER BY created_at, ak`,
  );

  const indicatorNames = arr(STREAM_CATALOGUE.map((s) => s.indicator[0]));
  const indicatorUnits = arr(STREAM_CATALOGUE.map((s) => s.indicator[1]));
  const indicatorThemes = arr(STREAM_CATALOGUE.map((s) => s.indicator[2]));
  await step(
    "Indicator",
    `INSERT INTO "Indicator" (id, "projectId", "comuneIstat", name, theme, unit, baseline, target, actual, period,
       version, "createdAt", "updatedAt")
     SELECT md5('bench:indicator:' || pk)::uuid, id, istat, ${indicatorNames}[stream_idx + 1],
            ${indicatorThemes}[stream_idx + 1]::"IndicatorTheme", ${indicatorUnits}[stream_idx + 1],
            baseline, target,
            CASE status WHEN 'NOT_STARTED' THEN NULL
                        WHEN 'COMPLETED' THEN baseline + (target - baseline) * (85 + ${r("pk", 42, 26)}) / 100
                        WHEN 'EXECUTION' THEN baseline + (target - baseline) * progress * (40 + ${r("pk", 42, 51)}) / 10000
                        ELSE baseline END,
            CASE WHEN status = 'NOT_STARTED' THEN extract(year FROM planned_end)::int::text
                 ELSE least(2025, extract(year FROM coalesce(actual_end, ${REF})))::int::text END,
            1, created_at, created_at
     FROM (SELECT bp.*, ${r("pk", 41, 50)}::numeric AS baseline,
                  (${r("pk", 41, 50)} + 10 + ${r("pk", 43, 200)})::numeric AS target FROM bp OFFSET 0) x
     ORDER BY created_at, pk`,
  );

  if (triggers.length) {
    const t1 = performance.now();
    for (const t of triggers) await client.query(`ALTER TABLE ${t.tbl} ENABLE ${t.mode}TRIGGER ${t.name}`);
    const fired = (tbl, fn) => triggers.some((t) => t.tbl === `"${tbl}"` && t.fn === fn);
    if (fired("ProjectPartner", "project_partner_is_member")) {
      const bad =
        await one(`SELECT count(*)::int AS n FROM "ProjectPartner" pp JOIN bp ON bp.id = pp."projectId"
        WHERE NOT EXISTS (SELECT 1 FROM "Comune" c WHERE c.istat = pp."partnerIstat" AND c.member)`);
      if (bad.n) throw new Error(`${bad.n} generated partners are not members of the programme`);
    }
    // What the per-row bumps would have added: 1 per row of the comune, and 1 per partner row for the
    // partner comune as well.
    const perProject =
      ["Project", "Indicator"].filter((t) => fired(t, "bump_comune_revision")).length +
      (fired("FundingLine", "bump_comune_revision") ? 3 : 0) +
      (fired("Action", "bump_comune_revision") ? STEPS.length : 0);
    const partners = fired("ProjectPartner", "bump_comune_revision")
      ? `UNION ALL SELECT pp."comuneIstat", count(*) FROM "ProjectPartner" pp JOIN bp ON bp.id = pp."projectId" GROUP BY 1
         UNION ALL SELECT pp."partnerIstat", count(*) FROM "ProjectPartner" pp JOIN bp ON bp.id = pp."projectId" GROUP BY 1`
      : "";
    if (perProject || partners)
      await client.query(`INSERT INTO "ComuneRevision" ("comuneIstat", rev)
        SELECT istat, sum(n)::bigint FROM (SELECT istat, count(*) * ${perProject} AS n FROM bp GROUP BY 1 ${partners}) x
        GROUP BY istat HAVING sum(n) > 0
        ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + EXCLUDED.rev`);
    log(`re-enabled the triggers, checked partners, bumped the comuni's revisions (${seconds(t1)} s)`);
  }

  if (deferred.length) {
    const t1 = performance.now();
    const took = [];
    const timed = async (name, sql) => {
      const t = performance.now();
      await client.query(sql);
      took.push([name, seconds(t)]);
    };
    for (const d of ofKind("key"))
      await timed(d.name, `ALTER TABLE ${d.tbl} ADD CONSTRAINT ${d.name} ${d.def}`);
    for (const d of ofKind("index")) await timed(d.name, d.def);
    log(
      `rebuilt ${ofKind("key").length} keys and ${ofKind("index").length} indexes (${seconds(t1)} s; slowest: ${took
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([n, s]) => `${n} ${s} s`)
        .join(", ")})`,
    );
    const t2 = performance.now();
    for (const d of ofKind("fk"))
      await client.query(`ALTER TABLE ${d.tbl} ADD CONSTRAINT ${d.name} ${d.def}`);
    log(`re-added and validated ${ofKind("fk").length} foreign keys (${seconds(t2)} s)`);
  }
  await client.query("COMMIT");
  loadSeconds = seconds(loadStarted);
  log(`load committed in ${loadSeconds} s`);
} catch (error) {
  await client.query("ROLLBACK").catch(() => {});
  await client.end();
  throw error;
}

// bench-data:end
// 5. The roll-up's facts (their triggers were off for the load, unless --with-triggers), then statistics
// and visibility maps.
const refreshStarted = performance.now();
await setRollupTriggers(true);
if (!opts.withTriggers) {
  await client.query(`SELECT rollup_rebuild()`);
  log(`${"rollup_rebuild()".padEnd(28)} in ${seconds(refreshStarted).toFixed(2)} s`);
}
const refreshSeconds = seconds(refreshStarted);

const vacuumStarted = performance.now();
await client.query(`VACUUM (ANALYZE)`);
const vacuumSeconds = seconds(vacuumStarted);
log(`VACUUM (ANALYZE) in ${vacuumSeconds} s`);

// 6. Counts and the distribution, as a sanity check of the generator.
const finalCounts = await tableCounts();
const distribution = await checkDistribution();
const totalSeconds = seconds(started);
const secondsReport = {
  load: loadSeconds,
  refresh: refreshSeconds,
  vacuumAnalyze: vacuumSeconds,
  total: totalSeconds,
};
const finalMarker = {
  ...wanted,
  loadedAt: new Date().toISOString(),
  seconds: secondsReport,
  counts: finalCounts,
  distribution,
};
await client.query(
  `COMMENT ON DATABASE "${target}" IS ${q(`smartland-bench ${JSON.stringify(finalMarker)}`)}`,
);

log(
  `rows: ${Object.entries(finalCounts)
    .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
    .join(", ")}`,
);
log(`WAL written by this connection (the seed's apart): ${((await ownWal()) - walStarted).toFixed(0)} MB`);
log(
  `time: load ${secondsReport.load} s, rollup_rebuild() ${refreshSeconds} s, VACUUM ANALYZE ${vacuumSeconds} s, total ${totalSeconds} s (seed runs included)`,
);
if (opts.checksum) await printChecksums();
writeReport({ db: target, skipped: false, ...finalMarker });
await client.end();

// ---------------------------------------------------------------------------------------------------

async function checkDistribution() {
  const pct = (n, total) => `${((100 * n) / total).toFixed(1)} %`;
  const byKey = async (sql) => Object.fromEntries((await client.query(sql)).rows.map((x) => [x.k, x.n]));
  const status = await byKey(
    `SELECT status::text AS k, count(*)::int AS n FROM "Project" GROUP BY 1 ORDER BY 1`,
  );
  const health = await byKey(
    `SELECT health::text AS k, count(*)::int AS n FROM "Project" GROUP BY 1 ORDER BY 1`,
  );
  const source = await byKey(
    `SELECT source::text AS k, count(*)::int AS n FROM "FundingLine" GROUP BY 1 ORDER BY 2 DESC`,
  );
  const stream = await byKey(
    `SELECT s.code AS k, count(*)::int AS n FROM "Project" p JOIN "Stream" s ON s.id = p."streamId" GROUP BY 1 ORDER BY 1`,
  );
  const actionStatus = await byKey(
    `SELECT status::text AS k, count(*)::int AS n FROM "Action" GROUP BY 1 ORDER BY 1`,
  );
  const perComune = await one(`SELECT min(n)::int AS min, max(n)::int AS max, round(avg(n), 1)::float AS avg,
      count(*)::int AS comuni FROM (SELECT "comuneIstat", count(*) AS n FROM "Project" GROUP BY 1) x`);
  const money = await one(`SELECT count(*)::int AS lines,
      count(*) FILTER (WHERE "amountPlanned" >= "amountCommitted" AND "amountCommitted" >= "amountPaid")::int AS ordered,
      min(year)::int AS year_min, max(year)::int AS year_max,
      sum("amountPlanned")::text AS planned, sum("amountCommitted")::text AS committed, sum("amountPaid")::text AS paid
    FROM "FundingLine"`);
  const actions = await one(`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < DATE '${REF_DATE}')::int AS overdue,
      min("dueDate")::text AS due_min, max("dueDate")::text AS due_max,
      count(*) FILTER (WHERE "dueDate" IS NULL)::int AS no_due
    FROM "Action"`);
  const projects =
    await one(`SELECT min("plannedStart")::text AS start_min, max("plannedEnd")::text AS end_max,
      count(*) FILTER (WHERE "smartLandId" IS NOT NULL)::int AS in_smart_land,
      (SELECT count(*) FROM "Project" p JOIN "SmartLandMember" m ON m."comuneIstat" = p."comuneIstat"
        WHERE p."smartLandId" IS DISTINCT FROM m."smartLandId")::int AS smart_land_mismatch
    FROM "Project"`);
  const total = Object.values(status).reduce((a, b) => a + b, 0) || 1;
  const lines = Object.values(source).reduce((a, b) => a + b, 0) || 1;
  const show = (label, map, n) =>
    log(
      `${label}: ${Object.entries(map)
        .map(([k, v]) => `${k} ${pct(v, n)}`)
        .join(", ")}`,
    );
  show("projects by status", status, total);
  show("projects by health", health, total);
  show("projects by stream", stream, total);
  show("funding lines by source", source, lines);
  show("actions by status", actionStatus, actions.n || 1);
  log(
    `projects per comune: min ${perComune.min}, max ${perComune.max}, avg ${perComune.avg} over ${perComune.comuni} comuni`,
  );
  log(
    `funding: planned ≥ committed ≥ paid on ${pct(money.ordered, money.lines || 1)} of lines; years ${money.year_min}–${money.year_max}; planned ${money.planned} €, committed ${money.committed} €, paid ${money.paid} €`,
  );
  log(
    `actions: overdue at ${REF_DATE} ${pct(actions.overdue, actions.n || 1)}; due dates ${actions.due_min} … ${actions.due_max}; without due date ${actions.no_due}`,
  );
  log(
    `projects: planned ${projects.start_min} … ${projects.end_max}; in a Smart Land ${projects.in_smart_land}; Smart Land mismatches ${projects.smart_land_mismatch}`,
  );
  return { status, health, stream, source, actionStatus, perComune, money, actions, projects };
}

async function printChecksums() {
  // Generated rows only (the demo seed's rows carry creation timestamps of the day they were seeded).
  const generated = `SELECT id FROM "Project" WHERE "localCode" LIKE 'BN-%'`;
  const queries = {
    Comune: `SELECT istat, name, "provinceIstat", "cadastralCode", population, member, "memberSince" FROM "Comune" ORDER BY istat`,
    Project: `SELECT * FROM "Project" WHERE "localCode" LIKE 'BN-%' ORDER BY id`,
    ProjectPartner: `SELECT * FROM "ProjectPartner" WHERE "projectId" IN (${generated}) ORDER BY "projectId", "partnerIstat"`,
    FundingLine: `SELECT * FROM "FundingLine" WHERE "projectId" IN (${generated}) ORDER BY id`,
    Action: `SELECT * FROM "Action" WHERE "projectId" IN (${generated}) ORDER BY id`,
    Indicator: `SELECT * FROM "Indicator" WHERE "projectId" IN (${generated}) ORDER BY id`,
  };
  for (const [table, sql] of Object.entries(queries)) {
    const t0 = performance.now();
    let kind = "";
    let res;
    try {
      res = await one(`SELECT md5(string_agg(t::text, '|')) AS md5, count(*)::int AS n FROM (${sql}) t`);
    } catch (error) {
      if (error.code !== "54000") throw error; // the rows' text exceeds 1 GB (Action at Italy scale)
      kind = " (md5 of the rows' md5s)";
      res = await one(`SELECT md5(string_agg(md5(t::text), '')) AS md5, count(*)::int AS n FROM (${sql}) t`);
    }
    log(`checksum ${table.padEnd(15)} ${res.md5}${kind} over ${res.n} rows (${seconds(t0)} s)`);
  }
}
