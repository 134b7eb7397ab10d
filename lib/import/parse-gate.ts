// At most one heavy parse (reading an uploaded spreadsheet) per server process at a time. Reading is
// bounded (lib/import/read-file.ts: sizes, rows, cells), but each bound is per file: two hostile files read
// at once would add up, and a worker renders pages for everybody else meanwhile. A second upload waits
// briefly for the slot (imports are rare; a normal file is read in milliseconds), then is answered 503 with
// Retry-After (lib/http/problem.ts) so that the client tries again rather than piling up.

import { AppError } from "@/lib/errors";

const DEFAULT_WAIT_MS = 3_000;

const PARSE_BUSY_MESSAGE = "Il server sta già leggendo un altro file: riprova tra qualche secondo.";

type Waiter = { resolve: () => void; timer: ReturnType<typeof setTimeout> };
type Gate = { busy: boolean; queue: Waiter[] };

// One gate per process, even if the bundler loads this module more than once.
const store = globalThis as unknown as { smartLandParseGate?: Gate };
const gate: Gate = (store.smartLandParseGate ??= { busy: false, queue: [] });

function acquire(waitMs: number): Promise<void> {
  if (!gate.busy) {
    gate.busy = true;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const waiter: Waiter = {
      resolve,
      timer: setTimeout(() => {
        gate.queue.splice(gate.queue.indexOf(waiter), 1);
        reject(new AppError("UNAVAILABLE", PARSE_BUSY_MESSAGE));
      }, waitMs),
    };
    gate.queue.push(waiter);
  });
}

function release(): void {
  const next = gate.queue.shift();
  if (!next) {
    gate.busy = false;
    return;
  }
  clearTimeout(next.timer);
  next.resolve(); // the slot passes straight to the next waiter: `busy` stays true
}

/** Runs `parse` when the process's parse slot is free; after `waitMs` of waiting, AppError("UNAVAILABLE"). */
export async function withHeavyParse<T>(parse: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
  await acquire(opts.waitMs ?? DEFAULT_WAIT_MS);
  try {
    return await parse();
  } finally {
    release();
  }
}
