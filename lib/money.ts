// Exact arithmetic on money and other decimals as strings ("1234.56", what Prisma's Decimal and PostgreSQL's
// numeric::text print), so a stored amount never goes through floating point. Pure: lib/, pages and
// components use the same functions. Parsing what people type ("1.234,56") is lib/format's.
import type { DecimalLike } from "@/lib/format";

/** A canonical decimal string ("-1234.5") split into its sign, integer digits and fraction digits. */
export function splitDecimal(decimal: string) {
  const negative = decimal.startsWith("-");
  const [int, frac = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  return { negative, int, frac };
}

/** a < b → negative, a = b → 0, a > b → positive; exact on canonical decimal strings. */
export function compareDecimals(a: string, b: string): number {
  const scale = (d: string, digits: number) => {
    const { negative, int, frac } = splitDecimal(d);
    const n = BigInt(int + frac.padEnd(digits, "0"));
    return negative ? -n : n;
  };
  const digits = Math.max(splitDecimal(a).frac.length, splitDecimal(b).frac.length);
  const diff = scale(a, digits) - scale(b, digits);
  return diff < BigInt(0) ? -1 : diff > BigInt(0) ? 1 : 0;
}

/** Exact sum of money values (decimal strings or Decimal-likes with ≤ 2 decimals) as a "1234.56" string. */
export function sumMoney(values: readonly (DecimalLike | string | number)[]): string {
  return sumCentsFast(values) ?? sumMoneyBig(values);
}

// "-1234.56": two decimals, at most 15 digits — its cents are an exact safe integer (< 2^53).
const CANONICAL_CENTS = /^-?\d{1,13}\.\d\d$/;

/**
 * The fast path of sumMoney: the roll-up sums thousands of canonical strings per view (numeric::text of
 * cents × 0.01), and the BigInt parse of each took tens of ms. Integer cents in a double are exact while
 * every partial sum is a safe integer (±9.0e15 cents = ±90 trillion euros); null when any value or sum
 * is outside that, and sumMoney takes the exact BigInt path.
 */
function sumCentsFast(values: readonly (DecimalLike | string | number)[]): string | null {
  let cents = 0;
  for (const v of values) {
    const c = canonicalCents(v);
    if (c === null) return null;
    cents += c;
    if (!Number.isSafeInteger(cents)) return null;
  }
  return centsText(cents);
}

/** The cents of a canonical money string ("-1234.56", ≤ 15 digits) as an exact integer, else null. */
function canonicalCents(v: unknown): number | null {
  if (typeof v !== "string" || !CANONICAL_CENTS.test(v)) return null;
  const dot = v.length - 3;
  return Number(v.slice(0, dot) + v.slice(dot + 1));
}

/** Integer cents as a canonical decimal string: -123456 → "-1234.56". */
export function centsText(cents: number): string {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * sumMoney of several columns of the same rows in one pass: `{ k: sumMoney(rows.map((r) => r[k])) }` for
 * each key, exact (a column with a value off the fast path is summed by sumMoney). The roll-up sums the
 * money columns of up to 7,896 comuni per grouping at every view.
 */
export function sumMoneyColumns<K extends string>(
  rows: readonly Readonly<Record<K, DecimalLike | string | number>>[],
  keys: readonly K[],
): Record<K, string> {
  const cents = keys.map(() => 0);
  const exact = keys.map(() => true);
  for (const r of rows) {
    for (let i = 0; i < keys.length; i++) {
      if (!exact[i]) continue;
      const c = canonicalCents(r[keys[i]!]);
      if (c === null) exact[i] = false;
      else if (!Number.isSafeInteger((cents[i]! += c))) exact[i] = false;
    }
  }
  const out = {} as Record<K, string>;
  keys.forEach((k, i) => {
    out[k] = exact[i] ? centsText(cents[i]!) : sumMoney(rows.map((r) => r[k]));
  });
  return out;
}

/**
 * A row's money columns as exact integer cents, parsed once (null: a value off the fast path), for sums
 * over many overlapping subsets of the same rows: the roll-up sums the comuni of every Smart Land, and an
 * every-comune Smart Land would parse the same 1,503 × 6 strings again for each (`sumRowCents`).
 */
export function rowCents<K extends string>(
  row: Readonly<Record<K, DecimalLike | string | number>>,
  keys: readonly K[],
): number[] | null {
  const out: number[] = [];
  for (const k of keys) {
    const c = canonicalCents(row[k]);
    if (c === null) return null;
    out.push(c);
  }
  return out;
}

/** sumMoneyColumns of `rows`, given each row's `rowCents` (same keys, same order); exact in every case. */
export function sumRowCents<K extends string>(
  rows: readonly Readonly<Record<K, DecimalLike | string | number>>[],
  cents: readonly (number[] | null)[],
  keys: readonly K[],
): Record<K, string> {
  const sums = keys.map(() => 0);
  for (const c of cents) {
    if (c === null) return sumMoneyColumns(rows, keys);
    for (let i = 0; i < keys.length; i++) sums[i]! += c[i]!;
  }
  if (!sums.every(Number.isSafeInteger)) return sumMoneyColumns(rows, keys);
  const out = {} as Record<K, string>;
  keys.forEach((k, i) => {
    out[k] = centsText(sums[i]!);
  });
  return out;
}

/** Whether a decimal string is zero ("0", "0.00", "-0.0"…). */
export function isZeroDecimal(v: string): boolean {
  return v === "0.00" || (/^[-+]?0*\.?0*$/.test(v) && /\d/.test(v));
}

function sumMoneyBig(values: readonly (DecimalLike | string | number)[]): string {
  let cents = BigInt(0);
  for (const v of values) {
    const text = (typeof v === "number" ? v.toFixed(2) : v.toString()).trim();
    const { negative, int, frac } = splitDecimal(text.replace(/^\+/, ""));
    const c = BigInt(int || "0") * BigInt(100) + BigInt((frac + "00").slice(0, 2));
    cents += negative ? -c : c;
  }
  const negative = cents < BigInt(0);
  const abs = negative ? -cents : cents;
  const frac = (abs % BigInt(100)).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${abs / BigInt(100)}.${frac}`;
}

/**
 * The funding gap of a cost against the resources planned for it: never negative. `excess` is how much the
 * planned resources exceed the cost ("0.00" when they do not).
 */
export function fundingGap(totalCost: DecimalLike | string, planned: DecimalLike | string) {
  // The fast path for canonical strings (the roll-up computes a gap per comune at every view).
  const [costCents, plannedCents] = [canonicalCents(totalCost), canonicalCents(planned)];
  if (costCents !== null && plannedCents !== null) {
    const d = costCents - plannedCents;
    return d >= 0 ? { gap: centsText(d), excess: "0.00" } : { gap: "0.00", excess: centsText(-d) };
  }
  const p = planned.toString().trim();
  const difference = sumMoney([totalCost, p.startsWith("-") ? p.slice(1) : `-${p}`]);
  const over = difference.startsWith("-");
  return { gap: over ? "0.00" : difference, excess: over ? difference.slice(1) : "0.00" };
}

/** One money value in the API's and the exports' form: "1234.50". */
export function moneyString(value: DecimalLike | string | number): string {
  return sumMoney([value]);
}
