import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses } from "@/lib/http/compress.mjs";

// The launcher's compression (lib/http/compress.mjs), on a real HTTP server: a handler that writes like
// Next.js does — many small chunks, each followed by res.flush() — and, on /stream, a pause in the middle.
const CHUNKS = 400;
const piece = (i: number) => `<tr><td>Comune ${i}</td><td>${(i * 1234.56).toFixed(2)} €</td></tr>\n`;
const whole = Array.from({ length: CHUNKS }, (_, i) => piece(i)).join("");

let server: Server;
let base: { host: string; port: number };
const compress = compressResponses();

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse & { flush?: () => void }) => {
    compress(req, res);
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (req.url === "/small") {
      res.end("<p>ok</p>");
      return;
    }
    if (req.url === "/stream") {
      res.write("<p>prima parte</p>");
      res.flush?.();
      setTimeout(() => res.end("<p>seconda parte</p>"), 300);
      return;
    }
    for (let i = 0; i < CHUNKS; i++) {
      res.write(piece(i));
      res.flush?.();
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = { host: "127.0.0.1", port: (server.address() as AddressInfo).port };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The raw answer: status, headers, body bytes as received, and when each block arrived. */
function get(path: string, acceptEncoding?: string) {
  return new Promise<{ res: IncomingMessage; body: Buffer; arrivals: number[] }>((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      { ...base, path, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} },
      (res) => {
        const parts: Buffer[] = [];
        const arrivals: number[] = [];
        res.on("data", (d: Buffer) => {
          parts.push(d);
          arrivals.push(performance.now() - t0);
        });
        res.on("end", () => resolve({ res, body: Buffer.concat(parts), arrivals }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("response compression (lib/http/compress.mjs)", () => {
  it("gzip and brotli bodies decompress to exactly what was written, in far fewer blocks", async () => {
    const gz = await get("/", "gzip, deflate");
    expect(gz.res.headers["content-encoding"]).toBe("gzip");
    expect(gz.res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(whole);
    // 400 writes and 400 flushes in one turn of the event loop: one compressed block, not 400.
    expect(gz.arrivals.length).toBeLessThan(10);
    expect(gz.body.length).toBeLessThan(whole.length / 3);

    const br = await get("/", "br");
    expect(br.res.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(whole);
  });

  it("answers as is a client that accepts no encoding, and a body under 1 KiB", async () => {
    const plain = await get("/");
    expect(plain.res.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(whole);
    const small = await get("/small", "gzip");
    expect(small.res.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe("<p>ok</p>");
  });

  it("still streams: what was written before a pause reaches the client before the pause ends", async () => {
    for (const encoding of ["gzip", undefined]) {
      const { body, arrivals, res } = await get("/stream", encoding);
      const text = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(body) : body;
      expect(text.toString()).toBe("<p>prima parte</p><p>seconda parte</p>");
      expect(arrivals[0]).toBeLessThan(200);
      expect(arrivals.at(-1)).toBeGreaterThanOrEqual(290);
    }
  });
});
