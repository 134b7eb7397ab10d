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
 * The fast path of sumMoney for canonical strings (what numeric::text and Prisma's Decimal print): a BigInt
 * parse of each costs far more when thousands are summed. Integer cents in a double are exact while
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
