// What a document is, from its bytes (never its name or the declared Content-Type). Issue #18, item 4.
//
// Accepted (DOCUMENT_KINDS): PDF, PNG, JPEG, GIF, WebP, TIFF, OOXML (docx/xlsx/pptx), ODF (odt/ods/odp/odg),
// legacy Office (OLE compound files: doc/xls/ppt) and CAdES-signed envelopes (.p7m, DER PKCS#7 signedData).
// Refused: everything else, plain text and CSV included (a text can be HTML or a script to a browser that
// sniffs; the portal's data come in through the import), plain zips, executables, SVG (a script container).
//
// The head (the first chunk, ≥ 1 MB or the whole file) answers for every kind but OOXML, whose proof is in
// the zip's central directory at the END of the file: yauzl reads it from the tail the upload keeps (the
// last ≥ 1 MB) through a random-access reader that serves only those bytes. Nothing is ever inflated.

import { Readable } from "node:stream";
import yauzl from "yauzl";

export type DocumentKind = {
  mediaType: string;
  /** Extensions that agree with the type, the first the one given to a name that has none of them. */
  extensions: readonly string[];
  label: string;
};

const kind = (mediaType: string, extensions: string[], label: string): DocumentKind => ({
  mediaType,
  extensions,
  label,
});

export const DOCUMENT_KINDS = {
  pdf: kind("application/pdf", ["pdf"], "PDF"),
  png: kind("image/png", ["png"], "Immagine PNG"),
  jpeg: kind("image/jpeg", ["jpg", "jpeg"], "Immagine JPEG"),
  gif: kind("image/gif", ["gif"], "Immagine GIF"),
  webp: kind("image/webp", ["webp"], "Immagine WebP"),
  tiff: kind("image/tiff", ["tif", "tiff"], "Immagine TIFF"),
  docx: kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ["docx"],
    "Documento Word",
  ),
  xlsx: kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"], "Foglio Excel"),
  pptx: kind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ["pptx"],
    "Presentazione PowerPoint",
  ),
  odt: kind("application/vnd.oasis.opendocument.text", ["odt"], "Documento OpenDocument"),
  ods: kind("application/vnd.oasis.opendocument.spreadsheet", ["ods"], "Foglio OpenDocument"),
  odp: kind("application/vnd.oasis.opendocument.presentation", ["odp"], "Presentazione OpenDocument"),
  odg: kind("application/vnd.oasis.opendocument.graphics", ["odg"], "Disegno OpenDocument"),
  doc: kind("application/msword", ["doc"], "Documento Word (formato precedente)"),
  xls: kind("application/vnd.ms-excel", ["xls"], "Foglio Excel (formato precedente)"),
  ppt: kind("application/vnd.ms-powerpoint", ["ppt"], "Presentazione PowerPoint (formato precedente)"),
  p7m: kind("application/pkcs7-mime", ["p7m"], "Documento firmato (CAdES)"),
} as const satisfies Record<string, DocumentKind>;

/** The largest document: 20 MB. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export const DOCUMENT_MESSAGES = {
  refused:
    "Tipo di file non accettato: carica un PDF, un'immagine (PNG, JPEG, GIF, WebP, TIFF), un documento Office o OpenDocument, o un file firmato .p7m. Il tipo è riconosciuto dal contenuto del file, non dal nome.",
  tooLarge: "Il file è troppo grande: il limite è di 20 MB.",
  empty: "Il file è vuoto.",
  oleName:
    "Documento Office in formato precedente: il nome deve finire con .doc, .xls o .ppt per sapere quale programma lo apre.",
  zipBroken: "Il file compresso (documento Office o OpenDocument) è danneggiato o non è un documento.",
} as const;

export class DocumentRefused extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);

// PKCS#7 signedData: OID 1.2.840.113549.1.7.2, DER-encoded.
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

function indexOf(bytes: Uint8Array, needle: readonly number[], limit: number): number {
  const end = Math.min(bytes.length, limit) - needle.length;
  for (let i = 0; i <= end; i++) if (startsWith(bytes, needle, i)) return i;
  return -1;
}

/**
 * The kind a document's head shows, "zip" when only the central directory can tell (OOXML), or null when
 * it is nothing the portal accepts. `head` is the first bytes of the file (at least 64 KB when there are).
 */
export function detectFromHead(head: Uint8Array): DocumentKind | "zip" | "ole" | null {
  if (ascii(head, 0, 5) === "%PDF-") return DOCUMENT_KINDS.pdf;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return DOCUMENT_KINDS.png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return DOCUMENT_KINDS.jpeg;
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return DOCUMENT_KINDS.gif;
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return DOCUMENT_KINDS.webp;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return DOCUMENT_KINDS.tiff;
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  // A DER SEQUENCE (indefinite or 1–3 length bytes) holding the signedData OID near its start.
  if (
    head[0] === 0x30 &&
    [0x80, 0x81, 0x82, 0x83].includes(head[1] ?? 0) &&
    indexOf(head, SIGNED_DATA_OID, 32) >= 0
  )
    return DOCUMENT_KINDS.p7m;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // ODF: the first entry is "mimetype", stored (method 0), its content the document's media type.
    const nameLength = u16(head, 26);
    const extraLength = u16(head, 28);
    if (u16(head, 8) === 0 && nameLength === 8 && ascii(head, 30, 38) === "mimetype") {
      const at = 38 + extraLength;
      const size = head[18]! | (head[19]! << 8) | (head[20]! << 16);
      const type = ascii(head, at, at + Math.min(size, 100));
      const odf = Object.values(DOCUMENT_KINDS).find(
        (k) => k.mediaType === type && k.extensions[0]!.startsWith("od"),
      );
      return odf ?? null;
    }
    return "zip";
  }
  return null;
}

/** Serves yauzl only the bytes of the file's tail; a read before it fails (the directory is not there). */
class TailReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly tail: Uint8Array,
    private readonly tailStart: number,
  ) {
    super();
  }
  _readStreamForRange(start: number, end: number) {
    if (start < this.tailStart) {
      const stream = new Readable({ read() {} });
      process.nextTick(() => stream.destroy(new Error("outside the tail")));
      return stream;
    }
    return Readable.from([Buffer.from(this.tail.subarray(start - this.tailStart, end - this.tailStart))]);
  }
}

const OOXML_MAIN_PARTS: readonly [string, DocumentKind][] = [
  ["word/document.xml", DOCUMENT_KINDS.docx],
  ["xl/workbook.xml", DOCUMENT_KINDS.xlsx],
  ["ppt/presentation.xml", DOCUMENT_KINDS.pptx],
];

/**
 * OOXML from the zip's central directory alone: a [Content_Types].xml and the main part of Word, Excel or
 * PowerPoint. At most 2,000 entries are listed; nothing is inflated.
 */
export async function detectZip(tail: Uint8Array, totalSize: number): Promise<DocumentKind> {
  const names = new Set<string>();
  try {
    const zip = await yauzl.fromRandomAccessReaderPromise(
      new TailReader(tail, totalSize - tail.length),
      totalSize,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
        strictFileNames: false,
      },
    );
    if (zip.entryCount > 2_000) throw new DocumentRefused(DOCUMENT_MESSAGES.zipBroken);
    for await (const entry of zip.eachEntry()) names.add(entry.fileName);
    zip.close();
  } catch (e) {
    if (e instanceof DocumentRefused) throw e;
    throw new DocumentRefused(DOCUMENT_MESSAGES.zipBroken);
  }
  if (!names.has("[Content_Types].xml")) throw new DocumentRefused(DOCUMENT_MESSAGES.refused);
  const found = OOXML_MAIN_PARTS.find(([part]) => names.has(part));
  if (!found) throw new DocumentRefused(DOCUMENT_MESSAGES.refused);
  return found[1];
}

/** The extension of a name ("atto.PDF" → "pdf"), or "". */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** The OLE kind by the name (the compound file alone does not say which program wrote it cheaply). */
export function oleKind(fileName: string): DocumentKind {
  const ext = extensionOf(fileName);
  if (ext === "doc") return DOCUMENT_KINDS.doc;
  if (ext === "xls") return DOCUMENT_KINDS.xls;
  if (ext === "ppt") return DOCUMENT_KINDS.ppt;
  throw new DocumentRefused(DOCUMENT_MESSAGES.oleName);
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A file name fit to show and to send back: no folders (the last segment of a path with / or \), no control
 * characters, no leading dots, at most 200 characters; then the extension made to agree with the content:
 * kept when it is one of the kind's, replaced when it is another known document's extension or an
 * executable's ("foto.pdf" holding a PNG → "foto.png"), added otherwise ("verbale" → "verbale.pdf"). A
 * signed envelope keeps the signed file's own extension before ".p7m" ("delibera.pdf" → "delibera.pdf.p7m").
 */
export function documentFileName(given: string, detected: DocumentKind): string {
  let name = given.replace(CONTROL, "").split(/[\\/]/).pop()!.normalize("NFC").trim();
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (name.length > 200) {
    const ext = extensionOf(name);
    name = name.slice(0, 200 - ext.length - 1) + (ext ? `.${ext}` : "");
  }
  if (!name) name = "documento";
  const ext = extensionOf(name);
  if (detected.extensions.includes(ext)) return name;
  if (detected === DOCUMENT_KINDS.p7m) return `${name}.p7m`;
  const replaceable = ext !== "" && /^[a-z0-9]{1,5}$/.test(ext);
  const base = replaceable ? name.slice(0, -(ext.length + 1)) : name;
  return `${base}.${detected.extensions[0]}`;
}

/** Content-Disposition with an ASCII fallback and the exact name in RFC 5987's `filename*`. */
export function contentDisposition(
  fileName: string,
  disposition: "attachment" | "inline" = "attachment",
): string {
  const fallback =
    fileName
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "_") || "documento";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
