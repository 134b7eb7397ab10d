import { AppError } from "@/lib/errors";
import type { BodySpec } from "@/lib/http/request-guards";
import { readBody } from "@/lib/http/request-guards";
import type { ImportFile } from "./import-projects";
import { FILE_MESSAGES, MAX_FILE_BYTES } from "./read-file";

const MULTIPART_OVERHEAD = 64 * 1024;

/** The import's body (apiRoute's `body` option): the file's types, 5 MB (+ a form's envelope). */
export const UPLOAD_BODY: BodySpec = {
  kind: "upload",
  limit: MAX_FILE_BYTES + MULTIPART_OVERHEAD,
  tooLarge: FILE_MESSAGES.tooBig,
};

function decodeName(raw: string | null): string {
  if (!raw) return "file";
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

const tooBig = () => new AppError("PAYLOAD_TOO_LARGE", FILE_MESSAGES.tooBig);

/**
 * The uploaded file of an import request: the raw body (name in `x-file-name`) or a multipart `file` field.
 * The body is read through readBody (lib/http): refused with 413 from its declared length, or as soon as
 * more bytes than the limit have arrived; a form is parsed only once it is known to be small.
 */
export async function readUpload(request: Request): Promise<ImportFile> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const bytes = await readBody(request, UPLOAD_BODY.limit, FILE_MESSAGES.tooBig);
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { "content-type": type },
      }).formData();
    } catch {
      throw new AppError("INVALID", "La richiesta non contiene un file leggibile.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new AppError("INVALID", "Scegli un file CSV o XLSX da caricare.");
    if (file.size > MAX_FILE_BYTES) throw tooBig();
    const name = "name" in file && typeof file.name === "string" ? file.name : "file";
    return { name: name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  return {
    name: decodeName(request.headers.get("x-file-name")),
    bytes: await readBody(request, MAX_FILE_BYTES, FILE_MESSAGES.tooBig),
  };
}
