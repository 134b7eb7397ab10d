// Bytes of a text file → text, the way Excel writes text files on Windows:
// - "CSV UTF-8 (delimitato da virgole)": UTF-8 with a BOM (other programs: UTF-8 without one);
// - "CSV (delimitato dal separatore di elenco)": Windows-1252 (the ANSI code page of Western Europe), where
//   "€" is 0x80, "–" 0x96 and "’" 0x92;
// - "Testo Unicode": UTF-16 little endian with a BOM (big endian with a BOM is read too).
// Detection: a BOM first; else valid UTF-8 is UTF-8; else Windows-1252 (never latin1, which would turn
// 0x80–0x9F into invisible control characters). Windows-1252 and UTF-16 are decoded by iconv-lite: Node's
// TextDecoder("windows-1252") decodes latin1 without full ICU (Node 20's default build). Pure: no I/O.

import iconv from "iconv-lite";

export type TextEncodingName = "UTF-8" | "UTF-16" | "Windows-1252";

export type DecodedText = {
  /** The text, without its byte order mark. */
  text: string;
  encoding: TextEncodingName;
  /** The file started with a byte order mark. */
  bom: boolean;
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** True when `bytes` is well-formed UTF-8 (ASCII included). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a text file: BOM (UTF-8, UTF-16 LE/BE) first, else UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252. Bytes a BOM's encoding cannot read become U+FFFD, as do the five bytes Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8", bom: true };
  }
  if (startsWith(bytes, UTF16LE_BOM)) {
    return { text: iconv.decode(buffer(bytes.subarray(2)), "utf-16le"), encoding: "UTF-16", bom: true };
  }
  if (startsWith(bytes, UTF16BE_BOM)) {
    return { text: iconv.decode(buffer(bytes.subarray(2)), "utf-16be"), encoding: "UTF-16", bom: true };
  }
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "UTF-8", bom: false };
  return { text: iconv.decode(buffer(bytes), "windows-1252"), encoding: "Windows-1252", bom: false };
}
