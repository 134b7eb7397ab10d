// Structured logs: one JSON object per line on stdout (pino), for the production launcher
// (scripts/serve.mjs) and, through the console, for everything the app prints while it runs there.
//
// What never reaches a log: request bodies, cookies, Authorization headers, API tokens, session tokens,
// one-time link tokens (/attiva/…, /reimposta/…), query-string values, passwords, e-mail addresses.
// Three layers: the request line carries only chosen fields (method, cleaned path, status, duration,
// request id, worker pid); pino's redact removes the known secret-bearing keys of logged objects; and a
// last scrub over every serialized line masks anything that still looks like a secret or an address.
import { hostname } from "node:os";
import { format } from "node:util";
import pino from "pino";
import { isUuid } from "../ids.mjs";
import { currentRequestId } from "./request-context.mjs";

const ISTAT = /^\d{6}$/;
// Opaque secrets travel as long base64url/hex strings (activation links, API tokens).
const TOKEN_LIKE = /^[A-Za-z0-9_~.=%-]{20,}$/;
// Path segments after which the next segment is a credential, whatever it looks like.
const SECRET_PARENTS = new Set(["attiva", "reimposta"]);
const MAX_PATH = 200;
const MAX_QUERY_KEYS = 10;

/**
 * The path of a request as the log keeps it: no query values (only their names), the segment after
 * /attiva/ and /reimposta/ and every segment that looks like a secret replaced by "…". Build assets
 * (/_next/…) keep their hashed names.
 */
export function logPath(rawUrl) {
  const url = typeof rawUrl === "string" ? rawUrl : "/";
  const q = url.indexOf("?");
  const pathname = (q >= 0 ? url.slice(0, q) : url).split("#")[0] || "/";
  let path;
  if (pathname.startsWith("/_next/")) path = pathname;
  else {
    const segments = pathname.split("/");
    path = segments
      .map((s, i) => {
        if (i > 0 && SECRET_PARENTS.has(segments[i - 1]) && s) return "…";
        if (isUuid(s) || ISTAT.test(s)) return s;
        return TOKEN_LIKE.test(s) && /\d/.test(s) ? "…" : s;
      })
      .join("/");
  }
  if (path.length > MAX_PATH) path = `${path.slice(0, MAX_PATH)}…`;
  if (q < 0) return { path };
  const keys = [];
  for (const pair of url.slice(q + 1).split("&")) {
    const key = pair.split("=")[0];
    if (key && /^[A-Za-z0-9_.[\]-]{1,40}$/.test(key) && !keys.includes(key)) keys.push(key);
    if (keys.length >= MAX_QUERY_KEYS) break;
  }
  return keys.length ? { path, query: keys } : { path };
}

// The last layer: applied to every serialized line before it is written. Each rule has a cheap hint
// (a lower-case substring the match must contain), so an ordinary request line costs a few lookups.
const SCRUBS = [
  // API tokens (slt_<prefix>_<secret>), before the generic rules eat parts of them.
  ["slt_", /slt_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}/g, "slt_[redacted]"],
  // Authorization: Bearer …
  ["bearer", /(Bearer\s+)[^\s",;\\]+/gi, "$1[redacted]"],
  // JWT / JWE (next-auth session cookies are JWE: five base64url parts, the first a JSON header).
  ["eyj", /eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){1,4}/g, "[jwt]"],
  // Cookie pairs of next-auth (session, CSRF, callback URL).
  ["next-auth.", /((?:__Secure-|__Host-)?next-auth\.[a-z.-]+)=[^;\s",\\]+/gi, "$1=[redacted]"],
  // One-time links.
  ["/attiva/", /\/(attiva)\/[^\s"?#/\\]+/g, "/$1/…"],
  ["/reimposta/", /\/(reimposta)\/[^\s"?#/\\]+/g, "/$1/…"],
  // form-encoded or key=value passwords and tokens.
  ["=", /\b(password|passwd|token|secret|csrfToken)=[^&\s",\\]+/gi, "$1=[redacted]"],
  // E-mail addresses.
  ["@", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, "[e-mail]"],
  ["%40", /[A-Za-z0-9._%+-]+%40[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi, "[e-mail]"],
];

/** Masks secrets and e-mail addresses in an already serialized log line. */
export function scrubLine(line) {
  const lower = line.toLowerCase();
  let out = line;
  for (const [hint, pattern, replacement] of SCRUBS) {
    if (lower.includes(hint)) out = out.replace(pattern, replacement);
  }
  return out;
}

const REDACT = [
  "password",
  "email",
  "token",
  "cookie",
  "authorization",
  "*.password",
  "*.email",
  "*.token",
  "*.cookie",
  "*.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  '*.headers["set-cookie"]',
  "req.headers",
  "err.config",
  "err.request",
  "err.response",
];

/**
 * A logger writing JSON lines to stdout: ISO time, level name, pid, host name, the current request id (when the
 * line is written while serving a request) and `bindings`.
 */
export function createLogger(bindings = {}, destination = pino.destination({ dest: 1, sync: true })) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { pid: process.pid, hostname: hostname(), ...bindings },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: "msg",
      redact: { paths: REDACT, censor: "[redacted]" },
      serializers: { err: pino.stdSerializers.errWithCause },
      mixin() {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      hooks: { streamWrite: scrubLine },
    },
    destination,
  );
}

/**
 * Sends console.* through the logger, so what Next.js, Prisma and the app print (server errors with
 * their stack included) becomes JSON lines with the request id. An Error among the arguments is logged
 * as `err` (message, type, stack); the rest is formatted into `msg`.
 */
export function routeConsole(logger) {
  const route =
    (level) =>
    (...args) => {
      const err = args.find((a) => a instanceof Error);
      const rest = err ? args.filter((a) => a !== err) : args;
      const msg = rest.length ? format(...rest) : (err?.message ?? "");
      if (err) logger[level]({ err }, msg);
      else logger[level](msg);
    };
  console.log = route("info");
  console.info = route("info");
  console.debug = route("debug");
  console.trace = route("debug");
  console.warn = route("warn");
  console.error = route("error");
}
