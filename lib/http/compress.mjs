// Response compression for the production launcher (scripts/serve.mjs), in place of Next.js's own
// (next.config.ts: `compress: false`).
//
// Next.js streams a page or a route handler's body in many small chunks and flushes the compressor after
// each one (next/dist/server/pipe-readable.js calls `res.flush()`), so zlib compressed one small,
// sync-flushed block after another, each a trip to the thread pool. Measured on the Lombardy bench data
// (one worker, 30 requests each, median): /regione 179 ms with gzip against 87 ms without, the roll-up API
// 58 against 18 ms, the static /accessibilita 19 against 11.5 ms (docs/benchmarks.md).
//
// Here the same `compression` middleware (gzip level 3, brotli quality 4 when the client accepts it) gets
// the chunks written within one turn of the event loop as one (up to 64 KiB), and one flush per turn:
// a streamed page still reaches the browser as it renders, in fewer and larger blocks. Uncompressed
// answers (small ones, clients that accept no encoding) are batched alike: fewer writes to the socket.
import zlib from "node:zlib";
import compression from "compression";

const BATCH_BYTES = 64 * 1024;

/** The compression middleware with this portal's settings: call it as `(req, res)` before the app. */
export function compressResponses({ level = 3 } = {}) {
  const compress = compression({
    level,
    threshold: 1024,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  return (req, res) => {
    compress(req, res, () => {});
    batchWrites(res);
  };
}

const toBuffer = (chunk, encoding) =>
  Buffer.isBuffer(chunk)
    ? chunk
    : typeof chunk === "string"
      ? Buffer.from(chunk, encoding)
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * `res.write` chunks joined until the end of the current event-loop turn (or BATCH_BYTES), `res.flush`
 * calls merged into one at that point; `res.end` sends what is left with the end. Backpressure: a write
 * that reaches the underlying stream returns its answer; a buffered one (< BATCH_BYTES held) returns true.
 */
export function batchWrites(res, limit = BATCH_BYTES) {
  const write = res.write;
  const end = res.end;
  const flush = typeof res.flush === "function" ? res.flush : null;
  let parts = [];
  let size = 0;
  let scheduled = null;
  let flushWanted = false;

  const take = () => {
    const chunk = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return chunk;
  };
  const drain = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (res.destroyed) {
      parts = [];
      size = 0;
      return false;
    }
    const ok = size ? write.call(res, take()) : true;
    if (flushWanted && flush) flush.call(res);
    flushWanted = false;
    return ok;
  };

  res.write = function (chunk, encoding, callback) {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (chunk != null && chunk.length !== 0) {
      const buffer = toBuffer(chunk, encoding);
      parts.push(buffer);
      size += buffer.length;
    }
    if (callback) process.nextTick(callback);
    if (size >= limit) return drain();
    scheduled ??= setImmediate(drain);
    return true;
  };
  if (flush) {
    res.flush = function () {
      flushWanted = true;
      scheduled ??= setImmediate(drain);
    };
  }
  res.end = function (chunk, encoding, callback) {
    if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
    else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    flushWanted = false;
    if (chunk != null && chunk.length !== 0) {
      const buffer = toBuffer(chunk, encoding);
      parts.push(buffer);
      size += buffer.length;
    }
    return size ? end.call(res, take(), callback) : end.call(res, callback);
  };
}
