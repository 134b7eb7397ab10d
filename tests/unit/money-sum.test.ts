import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumMoney } from "@/lib/money";

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
