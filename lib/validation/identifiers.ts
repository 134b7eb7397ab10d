// Italian public-administration identifiers (docs/identifiers.md).
// Pure functions (their one import is pure too, and relative for the seed): shared by the server, the client
// forms and the seed.
//
// The validators are strict about the canonical form (upper case, no spaces); call `normalizeCup` /
// `normalizeCig` on user input first.

import { romeYear } from "../format/time";

export const CUP_PATTERN = /^[A-Z][0-9A-Z]{2}[A-Z][0-9]{2}[0-9A-Z]{9}$/;

/** Trims and upper-cases a CUP typed by a user. */
export function normalizeCup(cup: string): string {
  return cup.trim().toUpperCase();
}

/** Trims and upper-cases a CIG typed by a user. */
export function normalizeCig(cig: string): string {
  return cig.trim().toUpperCase();
}

/**
 * The year encoded in a CUP (characters 5-6) is not in the future: `yy <= current yy` (Rome's year), or
 * `yy >= 90` (199x).
 */
function cupYearIsPlausible(yy: number, today: Date): boolean {
  const currentYy = romeYear(today) % 100;
  return yy <= currentYy || yy >= 90;
}

/**
 * CUP (Codice Unico di Progetto): 15 characters, no public check digit. Characters 5-6 (0-based 4..5)
 * are the two-digit year of the decision, which cannot be in the future relative to `today`.
 */
export function isValidCup(cup: string, today: Date = new Date()): boolean {
  if (!CUP_PATTERN.test(cup)) return false;
  return cupYearIsPlausible(Number(cup.slice(4, 6)), today);
}

/** Why a (normalized) CUP is invalid, or null when it is valid: lets forms say what to fix. */
export function cupProblem(cup: string, today: Date = new Date()): "format" | "future-year" | null {
  if (!CUP_PATTERN.test(cup)) return "format";
  return cupYearIsPlausible(Number(cup.slice(4, 6)), today) ? null : "future-year";
}

const ORDINARY_CIG = /^[0-9]{7}[0-9A-F]{3}$/;
const SMART_CIG = /^[V-Z][0-9A-F]{9}$/;
const NEW_CIG = /^[A-U][0-9A-F]{9}$/;

/** The 3 upper-case hex check characters of an ordinary CIG whose first 7 digits are `n`. */
export function cigCheckDigits(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9_999_999) {
    throw new RangeError(`CIG number must be an integer between 0 and 9999999, got ${n}`);
  }
  // n * 211 < 2^31, so plain number arithmetic is exact.
  return ((n * 211) % 4091).toString(16).toUpperCase().padStart(3, "0");
}

/** A valid ordinary CIG (7 digits + 3 check characters) for the number `n` (0..9999999). */
export function makeOrdinaryCig(n: number): string {
  return String(n).padStart(7, "0") + cigCheckDigits(n);
}

/**
 * CIG (Codice Identificativo Gara), 10 characters in one of three forms:
 * ordinary (7 digits + 3 hex check characters), SmartCIG (`V`-`Z` + 9 hex), new CIG (`A`-`U` + 9 hex).
 */
export function isValidCig(cig: string): boolean {
  if (ORDINARY_CIG.test(cig)) return cig.slice(7) === cigCheckDigits(Number(cig.slice(0, 7)));
  return SMART_CIG.test(cig) || NEW_CIG.test(cig);
}

/** ISTAT code of a comune: 6 digits, province (3, never "000") + serial (3). */
export function isValidIstatComune(code: string): boolean {
  return /^[0-9]{6}$/.test(code) && code.slice(0, 3) !== "000";
}

/**
 * Codice fiscale of an ente (numeric, 11 digits) with the check digit of the partita IVA: digits in odd
 * positions (1st, 3rd, …) are summed, digits in even positions are doubled (minus 9 when > 9) and summed;
 * the check digit is (10 - sum mod 10) mod 10. All zeros is rejected.
 */
export function isValidCodiceFiscaleEnte(cf: string): boolean {
  if (!/^[0-9]{11}$/.test(cf) || /^0+$/.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = cf.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === cf.charCodeAt(10) - 48;
}
