// Issue #16, item 1: text files decoded as Excel writes them, amounts with "€", no control characters.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseItalianDecimal } from "@/lib/format";
import { decodeText } from "@/lib/format/text-encoding";
import { TEXT_MESSAGES, textProblem } from "@/lib/validation/text";
import { projectSchema } from "@/lib/validation/schemas";

const bytes = (...b: number[]) => Uint8Array.from(b);
const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(__dirname, "../fixtures/excel", name)));

describe("decodeText", () => {
  it("reads Windows-1252's 0x80–0x9F as Windows-1252, never as latin1 control characters", () => {
    // "€ – ’ à è ì ò ù" in Windows-1252: not valid UTF-8.
    const decoded = decodeText(bytes(0x80, 0x20, 0x96, 0x20, 0x92, 0x20, 0xe0, 0xe8, 0xec, 0xf2, 0xf9));
    expect(decoded).toEqual({ text: "€ – ’ àèìòù", encoding: "Windows-1252", bom: false });
  });

  it("reads UTF-8 with and without a BOM (the BOM is not part of the text)", () => {
    const text = "Costo totale (€) – città";
    const plain = new TextEncoder().encode(text);
    expect(decodeText(plain)).toEqual({ text, encoding: "UTF-8", bom: false });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...plain))).toEqual({ text, encoding: "UTF-8", bom: true });
  });

  it("reads UTF-16 little and big endian with a BOM", () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0xac, 0x20, 0x13, 0x20))).toEqual({
      text: "A€–",
      encoding: "UTF-16",
      bom: true,
    });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x20, 0xac, 0x20, 0x19))).toEqual({
      text: "A€’",
      encoding: "UTF-16",
      bom: true,
    });
  });

  it("reads the Excel fixtures to the same text", () => {
    const w1252 = decodeText(fixture("csv-windows-1252.csv"));
    const utf8 = decodeText(fixture("csv-utf8-bom.csv"));
    const utf16 = decodeText(fixture("testo-unicode-utf16le.txt"));
    expect([w1252.encoding, utf8.encoding, utf16.encoding]).toEqual(["Windows-1252", "UTF-8", "UTF-16"]);
    for (const { text } of [w1252, utf8, utf16]) {
      expect(text).toContain("Piazza della Città – riqualificazione dell’area mercato");
      expect(text).toContain("Costo totale (€)");
      expect(text).toContain("€ 380.500");
      expect(text).not.toMatch(/[\u0080-\u009F\uFFFD]/);
    }
    expect(utf16.text.replaceAll("\t", ";")).toBe(utf8.text.replaceAll("XLS-UTF8", "XLS-UTF16"));
  });
});

describe("amounts with the euro sign", () => {
  it.each([
    ["€ 380.500", "380500"],
    ["380.500 €", "380500"],
    ["€ 1.234,56", "1234.56"],
    ["€\u00a0380.500", "380500"],
    ["380.500\u00a0€", "380500"],
    ["1.234,56\u202f€", "1234.56"],
    ["€380.500", "380500"],
  ])("%j → %s", (text, expected) => {
    expect(parseItalianDecimal(text)).toBe(expected);
  });

  it("the project schema reads them as money", () => {
    const parsed = projectSchema.safeParse({
      streamId: "00000000-0000-4000-8000-000000000001",
      title: "Piazza",
      totalCost: "€ 380.500",
    });
    expect(parsed.success && parsed.data.totalCost).toBe("380500.00");
  });
});

describe("textProblem", () => {
  it("refuses C0 and C1 control characters, naming the code point", () => {
    expect(textProblem("Piazza \u0096 mercato")).toBe(TEXT_MESSAGES.control("U+0096"));
    expect(textProblem("campanello \u0007")).toBe(TEXT_MESSAGES.control("U+0007"));
    expect(textProblem("del \u007F")).toBe(TEXT_MESSAGES.control("U+007F"));
    expect(textProblem("NUL \u0000")).toBe(TEXT_MESSAGES.unstorable);
  });

  it("allows tab and line breaks only in multi-line fields", () => {
    expect(textProblem("Riga uno\nRiga due")).toBe(TEXT_MESSAGES.singleLine);
    expect(textProblem("a\tb")).toBe(TEXT_MESSAGES.singleLine);
    expect(textProblem("Riga uno\r\nRiga due\tb", { multiline: true })).toBeNull();
    expect(textProblem("Riga uno\u0085", { multiline: true })).toBe(TEXT_MESSAGES.control("U+0085"));
  });

  it("accepts printable text of any script", () => {
    expect(textProblem("Città – dell’area «più» € 1.234,56 👩‍👩‍👧 مشروع \u200B")).toBeNull();
  });
});
