// Production server: the built app (`next build`) served by one Node.js worker per core.
//
// Usage: node scripts/serve.mjs [-p PORT] [-H HOST]   (env: PORT, HOSTNAME, WEB_CONCURRENCY)
//
// `next start` runs one process, so it renders on one core however many the machine has. This launcher
// is the same Next.js server (its documented custom-server API) in a Node cluster: the primary process
// accepts connections and hands them to WEB_CONCURRENCY workers (default: one per available core), and
// restarts a worker that dies. Workers share nothing in memory that matters for correctness: sessions are
// signed cookies, throttling lives in PostgreSQL, and the in-process caches are keyed by database
// revisions, so every worker answers the same (see ARCHITECTURE.md).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const flag = (short, long) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = flag("-H", "--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
// Server rendering allocates many short-lived objects; a larger young generation halves the time spent
// in scavenges (measured: +17 % requests/s on the comune dashboard; docs/benchmarks.md).
const heapFlags = ["--max-semi-space-size=64"];

/**
 * A page whose render failed because the database is unreachable answers 503 with Retry-After (a load
 * balancer's and a browser's cue to try again) instead of Next.js's 500. lib/errors notes the outage in
 * this process (`smartlandDatabaseUnavailableAt`); API routes already answer 503 problem+json themselves.
 */
function answerOutagesWith503(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const at = globalThis.smartlandDatabaseUnavailableAt ?? 0;
    if (status === 500 && Date.now() - at < 10_000) {
      res.statusCode = 503;
      res.setHeader("retry-after", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
  return res;
}

if (cluster.isPrimary) {
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...heapFlags] });
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[serve] worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGTERM"));
  console.log(`[serve] http://${hostname}:${port} with ${workers} worker(s)`);
} else {
  process.env.NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => handle(req, answerOutagesWith503(res)));
  server.keepAliveTimeout = 65_000; // longer than a typical load balancer's idle timeout
  server.listen(port, hostname);
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
