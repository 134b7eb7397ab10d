// Two roll-up measurements of issue #17 that a repeated-URL benchmark cannot give (run by run.mjs):
//
// - first views: a coordinator exploring asks many DIFFERENT filter combinations, each once. The
//   combinations are built from the database's own provinces, streams, Smart Lands and years, so every
//   request is a cold question (no cache entry can answer it), and are asked in a fixed order;
// - write visibility: an officer adds a funding line through the API (cookie session, as the browser
//   does), then the coordinator polls the roll-up API until the comune's planned resources include it.
//   The time from the write's answer (the transaction has committed) to the first poll that shows it is
//   the delay of the regional figures. The same for deleting the line again (the demo stays as it was).
import { summarize } from "./lib.mjs";

/** At least 24 distinct filter combinations (query strings), deterministic for one database. */
export async function filterCombinations(owner, min = 24) {
  const q = async (sql) => (await owner.query(sql)).rows;
  const provinces = (await q(`SELECT istat FROM "Province" ORDER BY istat`)).map((r) => r.istat);
  const streams = (await q(`SELECT id::text AS id FROM "Stream" ORDER BY code`)).map((r) => r.id);
  const smartLands = (await q(`SELECT slug FROM "SmartLand" ORDER BY slug`)).map((r) => r.slug);
  const statuses = ["NOT_STARTED", "DESIGN", "PROCUREMENT", "EXECUTION", "COMPLETED", "DESIGN_STARTING"];
  const sources = ["PNRR", "REGION", "COMUNE", "EU_FESR", "STATE", "PRIVATE"];
  const healths = ["ON_TRACK", "AT_RISK", "OFF_TRACK"];
  const themes = [
    "TRANSPORT_MOBILITY",
    "ENERGY",
    "ENVIRONMENT",
    "DIGITAL_NETWORKS",
    "SOCIAL_INCLUSION_HEALTH",
  ];
  const combos = new Set(["anno_da=2025", "anno_a=2024"]);
  provinces.forEach((p, i) => {
    combos.add(`provincia=${p}`);
    combos.add(`provincia=${p}&stato=${statuses[i % statuses.length]}`);
    combos.add(`provincia=${p}&fonte=${sources[i % sources.length]}&anno_da=${2022 + (i % 4)}`);
  });
  streams.forEach((s, i) => {
    combos.add(`filone=${s}`);
    combos.add(`filone=${s}&andamento=${healths[i % healths.length]}`);
  });
  for (const sl of smartLands) {
    combos.add(`smart_land=${sl}`);
    combos.add(`smart_land=${sl}&fonte=PNRR`);
  }
  themes.forEach((t, i) => combos.add(`tema=${t}&anno_da=${2021 + i}&anno_a=${2026 + i}`));
  const list = [...combos];
  if (list.length < min) throw new Error(`only ${list.length} filter combinations (need ${min})`);
  return list;
}

async function get(url, cookie) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** Each combination asked once, in order. */
/**
 * Warm-up requests for a server just started: filter combinations NOT among `combos`, twice each (the
 * server runs one worker per core, requests alternate), through the roll-up's code paths (years only,
 * status and health on the facts, a source, a province with years). Without them the first measured
 * combination paid the worker's cold start (module loading, JIT, the pool's first connections): 510 ms
 * for the first of 71 on 06/12 16:14, a first request's cost, not a first view's.
 */
export async function warmUp(base, cookie, combos) {
  const [province] = combos.filter((c) => c.startsWith("provincia=")).map((c) => c.split(/[=&]/)[1]);
  const warm = ["anno_da=2031", "stato=COMPLETED", "andamento=AT_RISK", "fonte=EU_FESR"];
  if (province) warm.push(`provincia=${province}&anno_a=2019`);
  for (const c of warm.filter((w) => !combos.includes(w)))
    for (let i = 0; i < 2; i++) await get(`${base}/api/v1/rollup?${c}`, cookie);
}

export async function measureFirstViews(base, cookie, combos) {
  await warmUp(base, cookie, combos);
  const times = [];
  const failures = [];
  for (const c of combos) {
    const r = await get(`${base}/api/v1/rollup?${c}`, cookie);
    if (r.status === 200) times.push(r.ms);
    else failures.push({ query: c, status: r.status });
  }
  const slowest = [...combos]
    .map((c, i) => ({ query: c, ms: Math.round(times[i] ?? -1) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  return { combinations: combos.length, ...summarize(times), failures, slowest };
}

const cents = (s) => {
  const [i, f = ""] = String(s ?? "0").split(".");
  const n = BigInt(i.replace("-", "") || "0") * 100n + BigInt((f + "00").slice(0, 2));
  return i.startsWith("-") ? -n : n;
};

/**
 * `rounds` times: add a funding line as the officer, poll as the coordinator until the comune's planned
 * total moved by its amount; then delete it and poll until the total is back. Polls every `pollMs`.
 */
export async function measureWriteVisibility({
  owner,
  base,
  officerCookie,
  coordinatorCookie,
  projectId,
  comune,
  province,
  rounds = 10,
  pollMs = 50,
  timeoutMs = 30_000,
}) {
  // The truth before each write, from the base tables (as the owner): a roll-up answer may come from a
  // worker's cache up to a second old, so it cannot tell what the figure was before the write.
  const truth = async () => {
    const { rows } = await owner.query(
      `SELECT COALESCE(sum(fl."amountPlanned"), 0)::text AS planned FROM "FundingLine" fl
       JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL WHERE fl."comuneIstat" = $1`,
      [comune],
    );
    return cents(rows[0].planned);
  };
  const rollupUrl = `${base}/api/v1/rollup?provincia=${province}`;
  const planned = async () => {
    const r = await get(rollupUrl, coordinatorCookie);
    if (r.status !== 200) throw new Error(`GET ${rollupUrl} answered ${r.status}`);
    const row = JSON.parse(r.body).data.byComune.find((c) => c.key === comune);
    return cents(row?.planned ?? "0");
  };
  const waitFor = async (expected, since) => {
    let polls = 0;
    while (performance.now() - since < timeoutMs) {
      polls++;
      if ((await planned()) === expected) return { ms: performance.now() - since, polls };
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return { ms: null, polls };
  };
  const headers = { cookie: officerCookie, "content-type": "application/json" };
  const created = [];
  const deleted = [];
  for (let i = 0; i < rounds; i++) {
    const before = await truth();
    const amount = 1000 + i + 0.17;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/projects/${projectId}/funding-lines`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        source: "COMUNE",
        programme: "Bench freschezza",
        year: 2026,
        amountPlanned: amount,
      }),
    });
    const text = await res.text();
    if (res.status !== 201)
      throw new Error(`creating a funding line answered ${res.status}: ${text.slice(0, 300)}`);
    const line = JSON.parse(text).data;
    const committed = performance.now();
    const seen = await waitFor(before + cents(amount.toFixed(2)), committed);
    created.push({ writeMs: committed - t0, ...seen });

    const t1 = performance.now();
    const del = await fetch(`${base}/api/v1/projects/${projectId}/funding-lines/${line.id}`, {
      method: "DELETE",
      headers: { cookie: officerCookie },
    });
    if (del.status !== 204) throw new Error(`deleting the funding line answered ${del.status}`);
    const gone = performance.now();
    const back = await waitFor(before, gone);
    deleted.push({ writeMs: gone - t1, ...back });
  }
  const visible = (xs) => xs.map((x) => x.ms).filter((v) => v !== null);
  return {
    rounds,
    pollMs,
    create: { ...summarize(visible(created)), missed: created.filter((x) => x.ms === null).length },
    delete: { ...summarize(visible(deleted)), missed: deleted.filter((x) => x.ms === null).length },
    writeMs: summarize([...created, ...deleted].map((x) => x.writeMs)),
  };
}
