// Production server: the built app (`next build`) served by one Node.js worker per core.
//
// Usage: node scripts/serve.mjs [-p PORT] [-H HOST]   (env: PORT, HOSTNAME, WEB_CONCURRENCY, LOG_LEVEL)
//
// `next start` runs one process, so it renders on one core however many the machine has. This launcher
// is the same Next.js server (its documented custom-server API) in a Node cluster: the primary process
// accepts connections and hands them to WEB_CONCURRENCY workers (default: one per available core), and
// restarts a worker that dies. Workers share nothing in memory that matters for correctness: sessions are
// signed cookies, throttling lives in PostgreSQL, and the in-process caches are keyed by database
// revisions, so every worker answers the same (see ARCHITECTURE.md). Several instances of this launcher
// (other machines, other ports) sharing one database answer the same for the same reasons.
//
// Logs (docs/reliability.md, "Log"): JSON lines on stdout, one per request (method, cleaned path, status,
// duration, request id, worker pid), server errors with their stack, startup and shutdown. Every request
// gets an id: the incoming `x-request-id` when it is a safe short token, else a new UUID. It is returned
// in the `x-request-id` response header, set on the request's own headers (so `headers()` in pages,
// server actions and route handlers reads it) and kept for the request's async context (lib/log), from
// which lib/db stores it on every audit event written while serving it.
//
// Client address (login throttling): the socket's peer, or with TRUSTED_PROXY_HOPS=n the address the n-th
// proxy saw in X-Forwarded-For (lib/http/client-address.mjs). It reaches the app as `x-smartland-client-ip`,
// set here after any incoming header of that name is deleted: the app reads only that header.
import cluster from "node:cluster";
import { createServer, ServerResponse } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pinnedByCookie, readPinCookie, replicaConfigured } from "../lib/db/read-pin.mjs";
import { databaseOutageIsFresh } from "../lib/errors/outage.mjs";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom, trustedProxyHops } from "../lib/http/client-address.mjs";
import { compressResponses } from "../lib/http/compress.mjs";
import { createLogger, logPath, routeConsole } from "../lib/log/logger.mjs";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from "../lib/log/request-context.mjs";

const startedAt = performance.now();
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
// Process warnings become log lines (below) instead of free text on stderr.
// WEB_HEAP_MIB caps each worker's old generation (V8 otherwise lets it grow towards ~4 GiB on this machine
// before collecting hard): the stated memory bound of a worker is this plus ~200 MiB of code and buffers.
const heapMiB = Number(process.env.WEB_HEAP_MIB) || 1024;
const workerFlags = ["--max-semi-space-size=64", `--max-old-space-size=${heapMiB}`, "--no-warnings"];
// WEB_CPU_PROF_DIR (diagnostics): each worker writes a V8 CPU profile there when it stops (--cpu-prof is
// refused in NODE_OPTIONS, and the workers are started here).
if (process.env.WEB_CPU_PROF_DIR)
  workerFlags.push("--cpu-prof", `--cpu-prof-dir=${process.env.WEB_CPU_PROF_DIR}`);
const ms = (t0) => Math.round(performance.now() - t0);
const proxyHops = trustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
const withReplica = replicaConfigured();
const secureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const log = createLogger(
  cluster.isPrimary ? { role: "primary" } : { role: "worker", worker: cluster.worker?.id },
);
routeConsole(log);
process.on("warning", (w) => log.warn({ err: w }, w.message));

/**
 * The server's responses (Node's documented `ServerResponse` option of createServer). A page whose render
 * failed because the database is unreachable answers 503 with Retry-After (a load balancer's and a browser's
 * cue to try again) instead of Next.js's 500: lib/errors notes the outage in this process
 * (lib/errors/outage.mjs). API routes already answer 503 problem+json themselves.
 */
class PortalResponse extends ServerResponse {
  /** Set-Cookie of the read-your-writes pin, when this request writes (see the request handler). */
  readPin = null;

  writeHead(status, ...rest) {
    if (this.readPin) this.appendHeader("set-cookie", this.readPin);
    if (status === 500 && databaseOutageIsFresh()) {
      this.setHeader("retry-after", "5");
      return super.writeHead(503, ...rest);
    }
    return super.writeHead(status, ...rest);
  }
}

/**
 * A path whose percent escapes do not decode (`/comuni/%E0%A4%A`) or that decodes to a control character
 * (`/comuni/%00`) names nothing the portal has; Next.js's router answers such a path with a 500. It is
 * refused here with a 400 before Next.js sees it (problem+json under /api, a short page elsewhere).
 * Query strings need no such check: they are parsed leniently and every reader validates its values.
 */
function badPath(url = "/") {
  const end = url.search(/[?#]/);
  const path = end >= 0 ? url.slice(0, end) : url;
  try {
    return /[\u0000-\u001f\u007f]/.test(decodeURIComponent(path));
  } catch {
    return true;
  }
}

function answerBadPath(req, res) {
  res.statusCode = 400;
  res.setHeader("cache-control", "no-store");
  res.setHeader("x-content-type-options", "nosniff");
  if (/^\/api(\/|$)/.test(req.url ?? "")) {
    res.setHeader("content-type", "application/problem+json");
    res.end(
      JSON.stringify({
        type: "/problems/bad-request",
        title: "Richiesta non valida.",
        status: 400,
        code: "BAD_REQUEST",
        detail: "L'indirizzo contiene caratteri non validi.",
      }),
    );
    return;
  }
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(
    '<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Indirizzo non valido</title></head>' +
      "<body><main><h1>Indirizzo non valido</h1><p>L'indirizzo contiene caratteri non validi.</p>" +
      '<p><a href="/">Torna alla pagina iniziale</a></p></main></body></html>',
  );
}

if (cluster.isPrimary) {
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...workerFlags] });
  let stopping = false;
  let ready = false;
  log.info({ port, hostname, workers, node: process.version }, "server starting");
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("listening", (worker) => {
    if (ready) return;
    ready = true;
    log.info(
      { port, hostname, workers, startupMs: ms(startedAt), firstWorkerPid: worker.process.pid },
      "server ready",
    );
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log.error({ workerPid: worker.process.pid, code, signal }, "worker ended; starting another");
    cluster.fork();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "server stopping");
    const done = () => {
      log.info({ uptimeMs: ms(startedAt) }, "server stopped");
      process.exit(0);
    };
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(done, 10_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) done();
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} else {
  process.env.NODE_ENV = "production";
  process.on("uncaughtException", (err) => {
    log.fatal({ err }, "uncaught exception; worker exits");
    process.exit(1);
  });
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Compression is done here, not by Next.js (next.config.ts): lib/http/compress.mjs says why.
  const compress = compressResponses();
  const server = createServer({ ServerResponse: PortalResponse }, (req, res) => {
    const t0 = performance.now();
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    delete req.headers[CLIENT_ADDRESS_HEADER];
    const address = clientAddressFrom(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxyHops);
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once("close", () => {
      const line = {
        reqId: requestId,
        method: req.method,
        ...logPath(req.url),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - t0) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) log.error(line, "request");
      else log.info(line, "request");
    });
    if (badPath(req.url)) {
      answerBadPath(req, res);
      return;
    }
    // Read-your-writes with a read replica (lib/db/read-pin.mjs): a writing request (a server action is a
    // POST) pins this browser's reads to the primary for a few seconds, whichever worker or server serves
    // them; a request carrying an unexpired pin reads from the primary.
    let readsOnPrimary = false;
    if (withReplica) {
      readsOnPrimary = pinnedByCookie(req.headers.cookie);
      if (!SAFE_METHODS.has(req.method)) res.readPin = readPinCookie(Date.now(), secureCookies);
    }
    compress(req, res);
    runWithRequestId(
      requestId,
      () =>
        Promise.resolve(handle(req, res)).catch((err) => {
          log.error({ err }, "request failed");
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        }),
      { readsOnPrimary },
    );
  });
  server.keepAliveTimeout = 65_000; // longer than a typical load balancer's idle timeout
  server.listen(port, hostname, () => log.info({ port, startupMs: ms(startedAt) }, "worker ready"));
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping");
    server.close(() => {
      log.info("worker stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  // `on`, not `once`: a worker gets SIGTERM twice when its whole process group is signalled (once
  // directly, once from the primary); with its listener gone the second would kill it mid-close.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
