import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fundingGap, isZeroDecimal, rowCents, sumMoney, sumMoneyColumns, sumRowCents } from "@/lib/money";

/** The reference: BigInt cents, whatever the size. */
function reference(values: string[]): string {
  let cents = BigInt(0);
  for (const v of values) {
    const negative = v.startsWith("-");
    const [int, frac = ""] = (negative ? v.slice(1) : v).split(".");
    const c = BigInt(int || "0") * BigInt(100) + BigInt((frac + "00").slice(0, 2));
    cents += negative ? -c : c;
  }
  const negative = cents < BigInt(0);
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / BigInt(100)}.${(abs % BigInt(100)).toString().padStart(2, "0")}`;
}

const money = (max: bigint) =>
  fc.bigInt({ min: -max, max }).map((c) => {
    const abs = c < BigInt(0) ? -c : c;
    return `${c < BigInt(0) ? "-" : ""}${abs / BigInt(100)}.${(abs % BigInt(100)).toString().padStart(2, "0")}`;
  });

describe("sumMoney (fast integer-cents path and BigInt path)", () => {
  it("equals BigInt cents for everyday amounts, huge ones and sums past 2^53 cents", () => {
    for (const max of [BigInt(100_000_000), BigInt(2) ** BigInt(52), BigInt(10) ** BigInt(20)]) {
      fc.assert(fc.property(fc.array(money(max), { maxLength: 40 }), (xs) => sumMoney(xs) === reference(xs)));
    }
  });
  it("keeps the canonical form at the edges", () => {
    expect(sumMoney([])).toBe("0.00");
    expect(sumMoney(["-0.00"])).toBe("0.00");
    expect(sumMoney(["-0.05", "0.04"])).toBe("-0.01");
    expect(sumMoney(["90071992547409.91", "0.01"])).toBe("90071992547409.92");
    expect(sumMoney(["9999999999999.99", "9999999999999.99"])).toBe("19999999999999.98");
    expect(sumMoney(["12.5", "0.5"])).toBe("13.00");
    expect(sumMoney([3, "1.10"])).toBe("4.10");
  });
});

describe("sumMoneyColumns, fundingGap, isZeroDecimal (the roll-up's one-pass sums)", () => {
  it("sumMoneyColumns equals sumMoney of each column, fast path or not", () => {
    for (const max of [BigInt(100_000_000), BigInt(10) ** BigInt(20)]) {
      fc.assert(
        fc.property(fc.array(fc.record({ a: money(max), b: money(max) }), { maxLength: 30 }), (rows) => {
          const sums = sumMoneyColumns(rows, ["a", "b"]);
          return sums.a === reference(rows.map((r) => r.a)) && sums.b === reference(rows.map((r) => r.b));
        }),
      );
    }
    // One column off the fast path ("12.5", a number) does not change the other's.
    expect(
      sumMoneyColumns(
        [
          { a: "12.5", b: "1.00" },
          { a: "0.5", b: "2.00" },
        ],
        ["a", "b"],
      ),
    ).toEqual({
      a: "13.00",
      b: "3.00",
    });
  });

  it("fundingGap: never negative, the excess on the other side, exact", () => {
    fc.assert(
      fc.property(money(BigInt(10) ** BigInt(15)), money(BigInt(10) ** BigInt(15)), (cost, planned) => {
        const { gap, excess } = fundingGap(cost, planned);
        const difference = reference([cost, planned.startsWith("-") ? planned.slice(1) : `-${planned}`]);
        return difference.startsWith("-")
          ? gap === "0.00" && excess === difference.slice(1)
          : gap === difference && excess === "0.00";
      }),
    );
    expect(fundingGap("100.00", "100.00")).toEqual({ gap: "0.00", excess: "0.00" });
    expect(fundingGap("100", "30.5")).toEqual({ gap: "69.50", excess: "0.00" });
  });

  it("isZeroDecimal", () => {
    for (const z of ["0", "0.00", "-0.00", "000.0", "+0"]) expect(isZeroDecimal(z), z).toBe(true);
    for (const n of ["0.01", "-0.01", "10", "", ".", "-"]) expect(isZeroDecimal(n), n).toBe(false);
  });
});

describe("rowCents and sumRowCents (money parsed once, summed over overlapping subsets)", () => {
  // Everyday amounts, huge ones (past 2^53 cents in a sum) and values off the fast path.
  const value = fc.oneof(
    money(BigInt(100_000_000)),
    money(BigInt(10) ** BigInt(20)),
    fc.constantFrom("12.5", "0", "-0.00", "7", "-0.5"),
  );
  it("equals sumMoneyColumns on every subset of the rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: value, b: value }), { maxLength: 25 }),
        fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        (rows, picks) => {
          const cents = rows.map((r) => rowCents(r, ["a", "b"]));
          const subset = rows.flatMap((r, i) => (picks[i] ? [r] : []));
          const subsetCents = cents.filter((_, i) => picks[i]);
          const mine = sumRowCents(subset, subsetCents, ["a", "b"]);
          const reference = sumMoneyColumns(subset, ["a", "b"]);
          return mine.a === reference.a && mine.b === reference.b;
        },
      ),
      { numRuns: 500 },
    );
  });
  it("parses a canonical row and refuses one off the fast path", () => {
    expect(rowCents({ a: "-12.34", b: "0.05" }, ["a", "b"])).toEqual([-1234, 5]);
    expect(rowCents({ a: "12.5", b: "0.05" }, ["a", "b"])).toBeNull();
  });
});
