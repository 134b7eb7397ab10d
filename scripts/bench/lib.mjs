// Shared helpers of the benchmark scripts (scripts/bench/generate.mjs, scripts/bench/run.mjs).
import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** What each scale loads (docs/benchmarks.md, "The data generator"). */
export const SCALES = {
  lombardy: { comuni: 1503, projectsPerComune: 100, fundingPerProject: 3, actionsPerProject: 10 },
  italy: { comuni: 7896, projectsPerComune: 100, fundingPerProject: 3, actionsPerProject: 10 },
};

export const defaultDbName = (scale) => `smartland_bench_${scale}`;

/** The database DATABASE_URL names (this process runs under with-db), or null without one. */
export const currentDbName = () =>
  process.env.DATABASE_URL ? decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1)) : null;

/** On SIGINT or SIGTERM: say so, run `cleanup` (stop the server…) and exit with 130. */
export function stopOnSignals(log, cleanup) {
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, async () => {
      log(`${sig}: stopping`);
      await cleanup();
      process.exit(130);
    });
  }
}

/** The benchmark only ever writes to its own databases: never smartland, smartland_test or t_*. */
export function assertBenchDb(name) {
  if (!/^smartland_bench_[a-z0-9_]+$/.test(name ?? "")) {
    throw new Error(`refusing to use database "${name}": benchmark databases are named smartland_bench_*`);
  }
}

/** --flag value / --flag=value / --switch; unknown flags are an error. */
export function parseArgs(argv, spec) {
  const out = {};
  for (const [name, def] of Object.entries(spec)) out[name] = def.default;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    let value;
    const eq = arg.indexOf("=");
    if (eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const def = spec[name];
    if (!def) throw new Error(`unknown option ${arg}`);
    if (def.type === "boolean") {
      out[name] = value === undefined ? true : value !== "false";
    } else {
      value ??= argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      out[name] = def.type === "number" ? Number(value) : value;
      if (def.type === "number" && !Number.isFinite(out[name])) throw new Error(`${arg}: not a number`);
      if (def.choices && !def.choices.includes(out[name])) {
        throw new Error(`${arg} must be one of ${def.choices.join(", ")}`);
      }
    }
  }
  return out;
}

/** Spawns argv with inherited stdio in its own process group; resolves with the exit code. */
export function runCommand(argv, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: "inherit", env, cwd, detached: true });
    const forward = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    };
    const onInt = () => forward("SIGINT");
    const onTerm = () => forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  // nearest-rank
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    n: sorted.length,
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0] ?? null),
    max: round(sorted.at(-1) ?? null),
  };
}

export const fmtInt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
export const fmtMs = (n) => (n === null || n === undefined ? "–" : `${Number(n).toFixed(n < 10 ? 2 : 1)} ms`);
