import { describe, expect, it } from "vitest";

import {
  cigCheckDigits,
  cupProblem,
  isValidCig,
  isValidCodiceFiscaleEnte,
  isValidCup,
  isValidIstatComune,
  makeOrdinaryCig,
  normalizeCig,
  normalizeCup,
} from "@/lib/validation/identifiers";

const JUNE_2026 = new Date(Date.UTC(2026, 5, 1));

describe("CUP", () => {
  it("accepts a well-formed CUP with a past year", () => {
    expect(isValidCup("J71B19000120004", JUNE_2026)).toBe(true);
    expect(isValidCup("J71B19000120004")).toBe(true);
    expect(cupProblem("J71B19000120004", JUNE_2026)).toBeNull();
  });

  it("accepts the current year and the 1990s, rejects future years", () => {
    expect(isValidCup("J71B26000120004", JUNE_2026)).toBe(true);
    expect(isValidCup("J71B99000120004", JUNE_2026)).toBe(true);
    expect(isValidCup("J71B90000120004", JUNE_2026)).toBe(true);
    expect(isValidCup("J71B27000120004", JUNE_2026)).toBe(false);
    expect(isValidCup("J71B89000120004", JUNE_2026)).toBe(false);
    expect(cupProblem("J71B27000120004", JUNE_2026)).toBe("future-year");
    // The same code becomes valid once its year has come.
    expect(isValidCup("J71B27000120004", new Date(Date.UTC(2027, 0, 1)))).toBe(true);
  });

  it("rejects wrong length, lower case and invalid characters", () => {
    expect(isValidCup("J71B1900012000", JUNE_2026)).toBe(false); // 14
    expect(isValidCup("J71B190001200045", JUNE_2026)).toBe(false); // 16
    expect(isValidCup("j71b19000120004", JUNE_2026)).toBe(false);
    expect(isValidCup("J71B19000-20004", JUNE_2026)).toBe(false);
    expect(isValidCup("171B19000120004", JUNE_2026)).toBe(false); // 1st must be a letter
    expect(isValidCup("J71119000120004", JUNE_2026)).toBe(false); // 4th must be a letter
    expect(isValidCup("J71BA9000120004", JUNE_2026)).toBe(false); // year must be digits
    expect(isValidCup("", JUNE_2026)).toBe(false);
    expect(cupProblem("J71B1900012000", JUNE_2026)).toBe("format");
  });

  it("normalizes user input", () => {
    expect(normalizeCup("  j71b19000120004 ")).toBe("J71B19000120004");
    expect(isValidCup(normalizeCup(" j71b19000120004"), JUNE_2026)).toBe(true);
  });
});

describe("CIG", () => {
  it("computes the check characters of ordinary CIGs", () => {
    expect(cigCheckDigits(8874674)).toBe("CA7");
    expect(cigCheckDigits(9515695)).toBe("7EC");
    expect(cigCheckDigits(1)).toBe("0D3"); // 211 = 0xD3, padded
    expect(makeOrdinaryCig(8874674)).toBe("8874674CA7");
    expect(makeOrdinaryCig(1)).toBe("00000010D3");
    expect(() => cigCheckDigits(10_000_000)).toThrow(RangeError);
    expect(() => cigCheckDigits(1.5)).toThrow(RangeError);
  });

  it("accepts valid ordinary CIGs and rejects a changed check character", () => {
    expect(isValidCig("8874674CA7")).toBe(true);
    expect(isValidCig("95156957EC")).toBe(true);
    expect(isValidCig("00000010D3")).toBe(true);
    expect(isValidCig("8874674CA8")).toBe(false);
    expect(isValidCig("8874674CB7")).toBe(false);
    expect(isValidCig("95156957ED")).toBe(false);
    expect(isValidCig("8874675CA7")).toBe(false); // changed number, same check
  });

  it("accepts SmartCIG and new-CIG forms", () => {
    expect(isValidCig("Z0A1B2C3D4")).toBe(true);
    expect(isValidCig("V123456789")).toBe(true);
    expect(isValidCig("B123456789")).toBe(true);
    expect(isValidCig("A0F0F0F0F0")).toBe(true);
    expect(isValidCig("ZG12345678")).toBe(false); // G is not hex
    expect(isValidCig("Z12345678")).toBe(false); // 9 characters
    expect(isValidCig("B1234567890")).toBe(false); // 11 characters
  });

  it("is strict about case; normalizeCig fixes user input", () => {
    expect(isValidCig("8874674ca7")).toBe(false);
    expect(normalizeCig(" 8874674ca7 ")).toBe("8874674CA7");
    expect(isValidCig(normalizeCig(" 8874674ca7 "))).toBe(true);
  });

  it("generates valid CIGs for the seed", () => {
    for (const n of [0, 42, 1234567, 9999999]) {
      const cig = makeOrdinaryCig(n);
      expect(cig).toHaveLength(10);
      expect(isValidCig(cig)).toBe(true);
    }
  });
});

describe("ISTAT comune code", () => {
  it("accepts 6 digits with a real province part", () => {
    expect(isValidIstatComune("015192")).toBe(true);
    expect(isValidIstatComune("108001")).toBe(true);
  });

  it("rejects other shapes", () => {
    expect(isValidIstatComune("15192")).toBe(false);
    expect(isValidIstatComune("000123")).toBe(false);
    expect(isValidIstatComune("0151920")).toBe(false);
    expect(isValidIstatComune("01519A")).toBe(false);
    expect(isValidIstatComune(" 015192")).toBe(false);
  });
});

describe("codice fiscale of an ente", () => {
  it("accepts numbers with the right check digit", () => {
    // Odd positions 8+0+2+0+8 = 18, even positions doubled 0+2+0+0+4 = 6: sum 24 → check (10 - 4) % 10 = 6.
    expect(isValidCodiceFiscaleEnte("80012000826")).toBe(true);
    expect(isValidCodiceFiscaleEnte("00514490010")).toBe(true);
    expect(isValidCodiceFiscaleEnte("01199250158")).toBe(true);
  });

  it("rejects a wrong check digit, wrong length, letters and all zeros", () => {
    expect(isValidCodiceFiscaleEnte("80012000827")).toBe(false);
    expect(isValidCodiceFiscaleEnte("80012000820")).toBe(false);
    expect(isValidCodiceFiscaleEnte("8001200082")).toBe(false);
    expect(isValidCodiceFiscaleEnte("800120008266")).toBe(false);
    expect(isValidCodiceFiscaleEnte("8001200082A")).toBe(false);
    expect(isValidCodiceFiscaleEnte("00000000000")).toBe(false);
  });
});
