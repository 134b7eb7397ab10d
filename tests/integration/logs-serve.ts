// Runs the real production launcher (scripts/serve.mjs on the built .next) against this test file's
// database, captures its stdout, and speaks HTTP to it like a browser or an API client would.
// Used by logs.test.ts (structured logs) and instances.test.ts (two instances, one database).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** `npm test` builds before running vitest; a bare `vitest run` without a build skips these files (CI fails). */
export const BUILT = existsSync(path.join(root, ".next/BUILD_ID"));
export const REQUIRE_BUILD = Boolean(process.env.CI);

export type Served = {
  url: string;
  pid: number;
  startupMs: number;
  /** Everything the server printed on stdout so far. */
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `node scripts/serve.mjs` (one worker) and resolves when it answers /api/health. */
export async function startServer(env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ["scripts/serve.mjs", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: root,
      detached: true, // its own process group: stop() ends the primary and its worker together
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        WEB_CONCURRENCY: "1",
        NEXTAUTH_URL: url,
        // DATABASE_URL / APP_DATABASE_URL: this test file's own database (per-file-database.ts).
        ...env,
      },
    },
  );
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve.mjs exited early:\n${out}\n${err}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`serve.mjs did not answer within 60 s:\n${out}\n${err}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    startupMs: Math.round(performance.now() - t0),
    stdout: () => out,
    stderr: () => err,
    stop,
  };
}

/** A minimal cookie jar: name → value, from Set-Cookie headers. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get session() {
    return this.cookies.get("next-auth.session-token") ?? null;
  }
}

export type LoginResult = { ok: boolean; location: string; requestId: string | null; jar: Jar };

/** next-auth's credentials sign-in as the login form does it (CSRF token, then the callback POST). */
export async function login(
  base: string,
  email: string,
  password: string,
  opts: { jar?: Jar; requestId?: string } = {},
): Promise<LoginResult> {
  const jar = opts.jar ?? new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      ...(opts.requestId ? { "x-request-id": opts.requestId } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  await res.arrayBuffer();
  jar.take(res);
  const location = res.headers.get("location") ?? "";
  return {
    ok: Boolean(jar.session) && !location.includes("error="),
    location,
    requestId: res.headers.get("x-request-id"),
    jar,
  };
}

/** The JSON lines of a captured stdout; throws on the first line that is not a JSON object. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const parsed: unknown = JSON.parse(l);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new Error(`not an object: ${l}`);
      return parsed as Record<string, unknown>;
    });
}
