import { AppError } from "@/lib/errors";
import type { ImportFile } from "./import-projects";
import { FILE_MESSAGES, MAX_FILE_BYTES } from "./read-file";

const MULTIPART_OVERHEAD = 64 * 1024;

/** Reads at most `limit` bytes of a body; more → INVALID "too big" (the rest is never buffered). */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("INVALID", FILE_MESSAGES.tooBig);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function decodeName(raw: string | null): string {
  if (!raw) return "file";
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

/** The uploaded file of an import request: the raw body (name in `x-file-name`) or a multipart `file` field. */
export async function readUpload(request: Request): Promise<ImportFile> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    if (declared > MAX_FILE_BYTES + MULTIPART_OVERHEAD) throw new AppError("INVALID", FILE_MESSAGES.tooBig);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("INVALID", "La richiesta non contiene un file leggibile.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new AppError("INVALID", "Scegli un file CSV o XLSX da caricare.");
    if (file.size > MAX_FILE_BYTES) throw new AppError("INVALID", FILE_MESSAGES.tooBig);
    const name = "name" in file && typeof file.name === "string" ? file.name : "file";
    return { name: name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  if (declared > MAX_FILE_BYTES) throw new AppError("INVALID", FILE_MESSAGES.tooBig);
  return {
    name: decodeName(request.headers.get("x-file-name")),
    bytes: await readLimited(request.body, MAX_FILE_BYTES),
  };
}
