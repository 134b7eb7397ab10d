// Hostile upload files for the import (issue #14, item 1), built at run time so that nothing large is kept
// in the repository. Shared by tests/integration/import-limits.test.ts and scripts/reliability/
// hostile-uploads.mjs. Each XLSX is a real zip (local headers, central directory, CRC-32) that a spreadsheet
// program would open: only the sizes are hostile.
import { crc32, createDeflateRaw } from "node:zlib";

/** Deflates `chunks()` (an iterable of Buffers) as a stream: the whole input is never in memory. */
async function deflateStream(chunks) {
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const out = [];
  deflate.on("data", (c) => out.push(c));
  const done = new Promise((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/**
 * A zip of `entries`: { name, text } (deflated), or { name, chunks } (a generator of Buffers, deflated as a
 * stream), optionally { declaredSize } to lie about the uncompressed size in both headers.
 */
export async function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const text = Buffer.from(entry.text ?? "", "utf8");
    // Small parts are stored as they are (method 0); large generated ones are deflated as a stream.
    const { data, crc, size } = entry.chunks
      ? await deflateStream(entry.chunks())
      : { data: text, crc: crc32(text), size: text.length };
    const method = entry.chunks ? 8 : 0;
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8); // 8 = deflate, 0 = stored
    local.writeUInt32LE(0, 10); // time/date
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Interventi" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;

const inline = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${inline("A1", "Tipo riga")}${inline("B1", "CUP")}${inline("C1", "Codice locale")}</row>`;

/** The parts of a one-sheet workbook around `sheetChunks` (a generator of the sheet XML's Buffers). */
const workbookEntries = (sheetChunks, sheetDeclaredSize) => [
  { name: "[Content_Types].xml", text: CONTENT_TYPES },
  { name: "_rels/.rels", text: ROOT_RELS },
  { name: "xl/workbook.xml", text: WORKBOOK },
  { name: "xl/_rels/workbook.xml.rels", text: WORKBOOK_RELS },
  { name: "xl/worksheets/sheet1.xml", chunks: sheetChunks, declaredSize: sheetDeclaredSize },
];

// No row or cell references (both optional in SpreadsheetML): identical rows compress ~1000:1.
const ROW = `<row><c t="inlineStr"><is><t>RISORSA</t></is></c></row>`;
const ROW_BYTES = ROW.length;

/** Sheet XML: the header row, then `rows` identical data rows of one text cell each, in 1 MB Buffers. */
function* sheetRows(rows) {
  yield Buffer.from(SHEET_HEAD + HEADER_ROW);
  const perChunk = Math.floor((1 << 20) / ROW_BYTES);
  const chunk = Buffer.from(ROW.repeat(perChunk));
  for (let done = 0; done < rows; done += perChunk) {
    yield rows - done >= perChunk ? chunk : Buffer.from(ROW.repeat(rows - done));
  }
  yield Buffer.from(SHEET_TAIL);
}

/**
 * A "zip bomb" workbook: its sheet inflates to `megabytes` MB of repeated rows (honest headers: the
 * declared size says so). ~400 KB on the wire for 400 MB.
 */
export function bombSheetXlsx(megabytes = 400) {
  return zip(workbookEntries(() => sheetRows(Math.ceil((megabytes * 1024 * 1024) / ROW_BYTES))));
}

/**
 * The same zip with lying headers: `name`'s uncompressed size declared as `declared` in both its local
 * header and its central directory record (e.g. a bomb's sheet that claims 2 KB).
 */
export function withDeclaredSize(zipBytes, name, declared) {
  const out = Buffer.from(zipBytes);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < out.readUInt16LE(end + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28);
    const extra = out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      out.writeUInt32LE(declared, at + 24);
      out.writeUInt32LE(declared, out.readUInt32LE(at + 42) + 22);
    }
    at += 46 + nameLength + extra;
  }
  return out;
}

/** A small valid workbook with a picture of `megabytes` MB of zeros in xl/media (~1 MB on the wire per GiB). */
export function mediaBombXlsx(megabytes = 1024) {
  function* zeros() {
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < megabytes; i++) yield chunk;
  }
  return zip([...workbookEntries(() => sheetRows(1)), { name: "xl/media/image1.png", chunks: zeros }]);
}

/** A valid workbook plus `count` tiny extra entries. */
export function manyEntriesXlsx(count = 20_000) {
  const extra = Array.from({ length: count }, (_, i) => ({ name: `xl/x/${i}.xml`, text: "" }));
  return zip([...workbookEntries(() => sheetRows(1)), ...extra]);
}

/** A workbook whose sheet has `rows` data rows (each a small text cell), within the size caps. */
export function manyRowsXlsx(rows = 1_000_000) {
  return zip(workbookEntries(() => sheetRows(rows)));
}

/** A workbook with one row holding a value in a very far column (XFD = 16,384). */
export function farColumnXlsx() {
  const sheet = `${SHEET_HEAD}${HEADER_ROW}<row r="2">${inline("A2", "RISORSA")}${inline("XFD2", "x")}</row>${SHEET_TAIL}`;
  return zip(workbookEntries(() => [Buffer.from(sheet)]));
}

const CSV_HEADER = "Tipo riga;CUP;Codice locale\r\n";

/** A CSV of ~`bytes` bytes made of `line` repeated after the header. */
function csvOf(line, bytes) {
  const count = Math.floor((bytes - CSV_HEADER.length) / line.length);
  return Buffer.from(CSV_HEADER + line.repeat(count), "utf8");
}

/** ~5 MB of empty records: 1.7 million rows. */
export const csvManyRows = () => csvOf(";\r\n", 5 * 1024 * 1024 - 16);
/** One header line of a million columns. */
export const csvManyColumns = () => Buffer.from(";".repeat(1_000_000) + "\r\n", "utf8");
/** One 4 MB line (a single field). */
export const csvLongLine = () => Buffer.from(CSV_HEADER + "RISORSA;" + "x".repeat(4 * 1024 * 1024), "utf8");
