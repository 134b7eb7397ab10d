// The production server as the measuring scripts drive it (bench, load, faults): started with
// scripts/serve.mjs in its own process group, its memory sampled over the group, stopped as a whole,
// and users signed in through next-auth's credentials flow over HTTP.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import os from "node:os";
import { ROOT } from "./lib.mjs";

export function portInUse(port) {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"].some((f) => {
    try {
      return readFileSync(f, "utf8")
        .split("\n")
        .some((l) => {
          const cols = l.trim().split(/\s+/);
          return cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A";
        });
    } catch {
      return false;
    }
  });
}

/** The inode of the socket listening on `port`, then the process holding it among `root`'s descendants. */
export function listenerPid(rootPid, port) {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set();
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(f, "utf8");
    } catch {
      continue;
    }
    for (const l of text.split("\n").slice(1)) {
      const cols = l.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  if (!inodes.size) return null;
  const queue = [rootPid];
  const seen = new Set();
  while (queue.length) {
    const pid = queue.shift();
    if (seen.has(pid)) continue;
    seen.add(pid);
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
          const m = /^socket:\[(\d+)\]$/.exec(link);
          if (m && inodes.has(m[1])) return pid;
        } catch {
          /* closed meanwhile */
        }
      }
    } catch {
      /* gone */
    }
    try {
      const children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
      queue.push(...children);
    } catch {
      /* no children */
    }
  }
  return null;
}

/** The resident memory of the whole server: every process of its group (cluster primary and workers). */
export function rssKb(pgid) {
  try {
    const kb = processes()
      .filter((p) => p.pgid === pgid)
      .reduce((sum, p) => sum + p.rss, 0);
    return kb || null;
  } catch {
    return null;
  }
}

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

/** CPU time (user + system, ms) a process has used; with `reaped`, also that of its children it has waited for. */
function cpuMsOf(pid, reaped = false) {
  try {
    // /proc/<pid>/stat: the fields after the command's closing parenthesis, utime being the 12th.
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
    return ticks * TICK_MS;
  } catch {
    return 0; // ended meanwhile
  }
}

/** Every process of this host: its id, parent, group, resident memory (KiB) and command name. */
function processes() {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,pgid=,rss=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n");
  return rows.map((row) => {
    const [pid, ppid, pgid, rss, comm] = row.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), rss: Number(rss), comm };
  });
}

/** The CPU time (ms) of the whole server: every process of its group (cluster primary and workers). */
export function groupCpuMs(pgid) {
  return processes()
    .filter((p) => p.pgid === pgid)
    .reduce((ms, p) => ms + cpuMsOf(p.pid), 0);
}

/**
 * The CPU time (ms) of the PostgreSQL server on this host (the embedded one: every `postgres` process, and
 * the backends that have exited, through the postmaster's reaped children). Null when none runs here.
 */
export function postgresCpuMs() {
  const all = processes();
  const postgres = all.filter((p) => p.comm === "postgres");
  if (!postgres.length) return null;
  const pids = new Set(postgres.map((p) => p.pid));
  // The postmaster: the postgres process whose parent is not one.
  return postgres.reduce((ms, p) => ms + cpuMsOf(p.pid, !pids.has(p.ppid)), 0);
}

/**
 * Starts `node scripts/serve.mjs` on 127.0.0.1:`port` (own process group) and waits until `readyPath`
 * answers 200. `env` is added to the environment; `log` receives one line when ready.
 */
export async function startServer({
  port,
  env: extraEnv = {},
  readyPath = "/accessibilita",
  log = () => {},
}) {
  const base = `http://127.0.0.1:${port}`;
  if (portInUse(port)) throw new Error(`port ${port} is already in use: stop that server or pass --port`);
  const env = { ...process.env, NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: base, ...extraEnv };
  // The production launcher (scripts/serve.mjs): one Next.js worker per core, as `npm start` runs it.
  const child = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  const keep = (d) => {
    output.push(d.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.on("exit", (code) => (exited = code ?? 1));
  const t0 = performance.now();
  for (;;) {
    if (exited !== null) throw new Error(`server exited (${exited}):\n${output.join("")}`);
    if (performance.now() - t0 > 90_000) {
      await stopServer({ child });
      throw new Error(`server did not answer within 90 s:\n${output.join("")}`);
    }
    try {
      const res = await fetch(`${base}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const pid = listenerPid(child.pid, port);
  log(
    `server (scripts/serve.mjs, ${process.env.WEB_CONCURRENCY || os.availableParallelism()} workers) ready in ${Math.round(performance.now() - t0)} ms on ${base} (group ${child.pid}, listening pid ${pid})`,
  );
  return { child, listenerPid: pid, output, base, readyMs: Math.round(performance.now() - t0) };
}

export async function stopServer({ child, listenerPid: pid }, log = () => {}) {
  const alive = (p) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* gone */
    }
  };
  killGroup("SIGTERM");
  const t0 = Date.now();
  while (Date.now() - t0 < 5000 && (alive(child.pid) || (pid && alive(pid))))
    await new Promise((r) => setTimeout(r, 100));
  if (alive(child.pid) || (pid && alive(pid))) {
    killGroup("SIGKILL");
    if (pid && alive(pid)) process.kill(pid, "SIGKILL");
  }
  log("server stopped");
}

/** next-auth v4 credentials flow: csrf → callback (form body, json=true) → session check; returns the Cookie header. */
export async function login(base, email, password) {
  const jar = new Map();
  const store = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      const i = pair.indexOf("=");
      const value = pair.slice(i + 1);
      if (value === "" || /max-age=0/i.test(c)) jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), value);
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  store(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  store(res);
  await res.arrayBuffer();
  const session = await fetch(`${base}/api/auth/session`, { headers: { cookie: header() } }).then((r) =>
    r.json(),
  );
  if (!session?.user) throw new Error(`sign-in as ${email} failed (callback answered ${res.status})`);
  return header();
}
