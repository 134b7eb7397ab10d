import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centsText, fundingGap, sumMoney } from "@/lib/money";

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

describe("fundingGap and centsText (the roll-up's money in cents)", () => {
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

  it("centsText: integer cents as the canonical decimal string, equal to sumMoney's", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (c) => {
        const abs = BigInt(Math.abs(c));
        const expected = `${c < 0 ? "-" : ""}${abs / BigInt(100)}.${(abs % BigInt(100)).toString().padStart(2, "0")}`;
        return centsText(c) === expected && sumMoney([expected]) === expected;
      }),
    );
    expect([centsText(0), centsText(5), centsText(-123456)]).toEqual(["0.00", "0.05", "-1234.56"]);
  });
});
