import { Prisma } from "@/lib/generated/prisma/client";
import { noteDatabaseOutage } from "./outage.mjs";

export type ErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  // The request itself, before any business rule: a body over its limit, a content type the operation
  // does not document, a cookie-authenticated write from another site (lib/http/request-guards.ts).
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "FORBIDDEN_ORIGIN";

export type FieldErrors = Record<string, string[]>;

/** An expected failure: shown to the user in Italian, never with a stack trace. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const MESSAGES: Record<ErrorCode, string> = {
  NOT_FOUND: "Non trovato.",
  CONFLICT: "Il dato è stato modificato nel frattempo o è già presente.",
  INVALID: "Alcuni campi non sono validi: controlla i messaggi accanto ai campi.",
  FORBIDDEN: "Non trovato.",
  UNAUTHENTICATED: "Accedi per continuare.",
  RATE_LIMITED: "Troppi tentativi. Riprova tra qualche minuto.",
  UNAVAILABLE: "Il servizio è momentaneamente non disponibile. Riprova tra qualche istante.",
  PAYLOAD_TOO_LARGE: "La richiesta è troppo grande.",
  UNSUPPORTED_MEDIA_TYPE: "Tipo di contenuto non accettato.",
  FORBIDDEN_ORIGIN: "Richiesta rifiutata: proviene da un altro sito.",
};

export const notFound = () => new AppError("NOT_FOUND", MESSAGES.NOT_FOUND);

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // cannot connect now (starting up / shutting down)
  "53300", // too many connections
  "08000",
  "08003",
  "08006",
  "08001",
]);

// invalid byte sequence / untranslatable character / numeric out of range / string too long / bad syntax
const UNFIT_VALUE_CODES = new Set(["22021", "22P05", "22003", "22001", "22P02"]);

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; cause?: unknown; originalCode?: unknown };
    if (typeof c.originalCode === "string") return c.originalCode;
    if (typeof c.code === "string" && !c.code.startsWith("P")) return c.code;
    cur = c.cause;
  }
  return undefined;
}

/** Prisma's codes for "the database cannot be reached / stopped answering / no connection in time". */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** The driver adapter's error kinds for the same situations (meta.driverAdapterError.cause.kind). */
const ADAPTER_UNAVAILABLE = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const PG_CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** True when `e` says the database is down or unreachable (not that the query was wrong). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as {
    code?: unknown;
    meta?: {
      code?: unknown;
      driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } };
    };
    message?: unknown;
  };
  if (typeof err?.code === "string" && PRISMA_UNAVAILABLE.has(err.code)) return true;
  const cause = err?.meta?.driverAdapterError?.cause;
  if (typeof cause?.kind === "string" && ADAPTER_UNAVAILABLE.has(cause.kind)) return true;
  // A raw query (P2010) failed with a server code: "the database system is shutting down" (57P03)…
  for (const c of [cause?.originalCode, cause?.code, err?.meta?.code])
    if (typeof c === "string" && CONNECTION_CODES.has(c)) return true;
  if (e instanceof Prisma.PrismaClientInitializationError) return true;
  const code = causeCode(e);
  if (code && CONNECTION_CODES.has(code)) return true;
  return typeof err?.message === "string" && PG_CONNECTION_MESSAGES.test(err.message);
}

/**
 * Remembers (per process) that the database just failed to answer, when `e` says so (./outage.mjs: the
 * production launcher then answers a failed page render 503 with Retry-After instead of 500).
 */
export function noteDatabaseUnavailable(e: unknown): void {
  if (isDatabaseUnavailable(e)) noteDatabaseOutage();
}

/** Maps any thrown value to an AppError; unknown errors stay unknown (the caller logs and answers 500). */
export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (e.code === "P2002") return new AppError("CONFLICT", "Esiste già un elemento con questo codice.");
    if (e.code === "P2025") return notFound();
    if (e.code === "P2003") return new AppError("INVALID", "Un riferimento indicato non esiste.");
  }
  if (isDatabaseUnavailable(e)) {
    noteDatabaseUnavailable(e);
    return new AppError("UNAVAILABLE", MESSAGES.UNAVAILABLE);
  }
  const code = causeCode(e);
  if (code === "42501") return notFound(); // row-level security refused the row: outside the actor's scope
  if (code === "23505") return new AppError("CONFLICT", "Esiste già un elemento con questo codice.");
  if (code === "23514") return new AppError("INVALID", "Un valore non rispetta i vincoli ammessi.");
  // Input PostgreSQL cannot take (NUL bytes, numbers out of a column's range, over-long text): the input is
  // at fault, not the server. The validators refuse these first; this is the net behind them.
  if (code && UNFIT_VALUE_CODES.has(code))
    return new AppError("INVALID", "Un valore non rispetta i vincoli ammessi.");
  if (e instanceof Prisma.PrismaClientKnownRequestError && (e.code === "P2000" || e.code === "P2020"))
    return new AppError("INVALID", "Un valore non rispetta i vincoli ammessi.");
  return null;
}
