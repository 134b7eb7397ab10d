import { describe, expect, it } from "vitest";

import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  FUNDING_SOURCES,
  formatDate,
  formatEuro,
  formatNumber,
  formatPercent,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  PNRR_MISSION_LABELS,
  PROJECT_STATUSES,
  parseItalianDate,
  parseItalianDecimal,
  parseItalianNumber,
  ROLE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
  THEMES,
  toDecimalString,
  toIsoDate,
  VALUE_LABELS,
} from "@/lib/format";

/** Intl separates with non-breaking (U+00A0) or narrow non-breaking (U+202F) spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatEuro", () => {
  it("formats numbers, decimal strings and Decimal-likes the Italian way", () => {
    expect(plain(formatEuro(1234.56))).toBe("1.234,56 €");
    expect(plain(formatEuro("1234.56"))).toBe("1.234,56 €");
    expect(plain(formatEuro({ toString: () => "1234.5" }))).toBe("1.234,50 €");
    expect(plain(formatEuro(0))).toBe("0,00 €");
    expect(plain(formatEuro(-5))).toBe("-5,00 €");
    expect(plain(formatEuro(12.5))).toBe("12,50 €");
  });

  it("formats large decimal strings exactly", () => {
    expect(plain(formatEuro("999999999999.99"))).toBe("999.999.999.999,99 €");
    expect(plain(formatEuro("1234567890123456.78"))).toBe("1.234.567.890.123.456,78 €");
  });

  it("shows a dash for missing or unreadable values", () => {
    expect(formatEuro(null)).toBe("—");
    expect(formatEuro(undefined)).toBe("—");
    expect(formatEuro(Number.NaN)).toBe("—");
    expect(formatEuro("abc")).toBe("—");
  });
});

describe("formatNumber / formatPercent", () => {
  it("formats numbers", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(-12345678)).toBe("-12.345.678");
    expect(formatNumber("0.1234")).toBe("0,1234");
    expect(formatNumber(2, { minimumFractionDigits: 2 })).toBe("2,00");
    expect(formatNumber(null)).toBe("—");
  });

  it("formats ratios as percentages", () => {
    expect(plain(formatPercent(0.125))).toBe("12,5%");
    expect(plain(formatPercent(1))).toBe("100%");
    expect(plain(formatPercent(0))).toBe("0%");
    expect(plain(formatPercent(0.33333))).toBe("33,3%");
    expect(plain(formatPercent(0.33333, 0))).toBe("33%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe("—");
  });
});

describe("formatDate / toIsoDate", () => {
  it("formats from UTC date parts", () => {
    expect(formatDate(new Date(Date.UTC(2026, 10, 25)))).toBe("25/11/2026");
    expect(formatDate(new Date("2026-11-25T23:30:00Z"))).toBe("25/11/2026");
    expect(formatDate(new Date(Date.UTC(2026, 0, 5)))).toBe("05/01/2026");
  });

  it("accepts date strings and shows a dash for missing or invalid dates", () => {
    expect(formatDate("2026-11-25")).toBe("25/11/2026");
    expect(formatDate("2026-11-25T00:00:00.000Z")).toBe("25/11/2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("garbage")).toBe("—");
    expect(formatDate(new Date(Number.NaN))).toBe("—");
  });

  it("writes ISO dates", () => {
    expect(toIsoDate(new Date(Date.UTC(2026, 10, 25)))).toBe("2026-11-25");
    expect(toIsoDate(new Date(Date.UTC(2026, 0, 5, 23, 59)))).toBe("2026-01-05");
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("parseItalianNumber", () => {
  it.each([
    ["1.234,56", 1234.56],
    ["1234,56", 1234.56],
    ["1234.56", 1234.56],
    ["1 234,56", 1234.56],
    ["1\u00a0234,56", 1234.56],
    ["€ 1.234,56", 1234.56],
    ["1.234,56 €", 1234.56],
    ["-5", -5],
    ["€ -5", -5],
    ["-1.234,5", -1234.5],
    ["1.234", 1234], // a single dot + 3 digits is a thousands separator
    ["12.345", 12345],
    ["12.345.678", 12345678],
    ["12.345.678,9", 12345678.9],
    ["1,234.56", 1234.56],
    ["0.125", 0.125],
    ["1234.567", 1234.567],
    ["1.5", 1.5],
    ["1,5", 1.5],
    [",5", 0.5],
    ["0", 0],
    ["-0", 0],
    ["  42  ", 42],
  ])("%j → %j", (text, expected) => {
    expect(parseItalianNumber(text)).toBe(expected);
  });

  it.each([
    "abc",
    "",
    "   ",
    "-",
    "€",
    "12abc",
    "1e5",
    "1.23.456",
    "1,2,3",
    "1.234,5.6",
    "1,234,567",
    "1 23",
    "5,",
    "1.234.",
    "NaN",
    "Infinity",
    "1  234",
  ])("%j → null", (text) => {
    expect(parseItalianNumber(text)).toBeNull();
  });

  it("reads back what formatEuro writes", () => {
    expect(parseItalianNumber(formatEuro(1234.56))).toBe(1234.56);
    expect(parseItalianNumber(formatEuro(-98765.4))).toBe(-98765.4);
  });
});

describe("parseItalianDecimal / toDecimalString", () => {
  it("gives canonical decimal strings without float arithmetic", () => {
    expect(parseItalianDecimal("0012,3400")).toBe("12.34");
    expect(parseItalianDecimal("1.234.567.890.123,45")).toBe("1234567890123.45");
    expect(parseItalianDecimal("-0,00")).toBe("0");
    expect(parseItalianDecimal("0,1")).toBe("0.1");
  });

  it("reads numbers, bigints and Decimal-likes in machine form", () => {
    expect(toDecimalString(1234.56)).toBe("1234.56");
    expect(toDecimalString(1e21)).toBe("1000000000000000000000");
    expect(toDecimalString(1.5e-7)).toBe("0.00000015");
    expect(toDecimalString(BigInt(12))).toBe("12");
    expect(toDecimalString({ toString: () => "1.234" })).toBe("1.234"); // machine form: not thousands
    expect(toDecimalString("1.234")).toBe("1234"); // typed text: Italian form
    expect(toDecimalString(Number.NaN)).toBeNull();
    expect(toDecimalString(new Date())).toBeNull();
    expect(toDecimalString({})).toBeNull();
  });
});

describe("parseItalianDate", () => {
  it("reads dd/mm/yyyy, d/m/yyyy and ISO dates at UTC midnight", () => {
    expect(parseItalianDate("25/11/2026")?.getTime()).toBe(Date.UTC(2026, 10, 25));
    expect(parseItalianDate("5/1/2026")?.getTime()).toBe(Date.UTC(2026, 0, 5));
    expect(parseItalianDate("05-01-2026")?.getTime()).toBe(Date.UTC(2026, 0, 5));
    expect(parseItalianDate("2026-11-25")?.getTime()).toBe(Date.UTC(2026, 10, 25));
    expect(parseItalianDate(" 2026-11-25T00:00:00.000Z ")?.getTime()).toBe(Date.UTC(2026, 10, 25));
    expect(parseItalianDate("29/02/2024")?.getTime()).toBe(Date.UTC(2024, 1, 29));
  });

  it.each([
    "31/02/2026",
    "29/02/2025",
    "31/04/2026",
    "2026-13-01",
    "00/01/2026",
    "25/11/26",
    "25/11-2026",
    "abc",
    "",
    "2026-11-25Tgarbage",
  ])("%j → null", (text) => {
    expect(parseItalianDate(text)).toBeNull();
  });
});

describe("enum labels", () => {
  it("uses the glossary's words", () => {
    expect(STATUS_LABELS.NOT_STARTED).toBe("Non avviato");
    expect(STATUS_LABELS.CANCELLED).toBe("Annullato / revocato");
    expect(HEALTH_LABELS.OFF_TRACK).toBe("Critico");
    expect(SOURCE_LABELS.EU_FSE).toBe("UE – FSE+");
    expect(SOURCE_LABELS.COMUNE).toBe("Comune (fondi propri)");
    expect(ACTION_KIND_LABELS.PROCUREMENT).toBe("Affidamento (gara)");
    expect(ACTION_STATUS_LABELS.DONE).toBe("Completata");
    expect(VALUE_LABELS.SUSTAINABILITY).toBe("Sostenibilità");
    expect(INDICATOR_THEME_LABELS.PROSPERITY).toBe("Prosperità");
    expect(ROLE_LABELS.OFFICER).toBe("Referente comunale");
    expect(THEME_LABELS.PA_CAPACITY).toBe("Rafforzamento capacità della PA");
    expect(PNRR_MISSION_LABELS.M7).toBe("REPowerEU");
  });

  it("lists enum values in order", () => {
    expect(PROJECT_STATUSES).toEqual([
      "NOT_STARTED",
      "DESIGN_STARTING",
      "DESIGN",
      "PROCUREMENT",
      "EXECUTION",
      "COMPLETED",
      "CANCELLED",
    ]);
    expect(THEMES).toHaveLength(13);
    expect(FUNDING_SOURCES).toHaveLength(12);
    expect(FUNDING_SOURCES[0]).toBe("EU_FESR");
  });
});
