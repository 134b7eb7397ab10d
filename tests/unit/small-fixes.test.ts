import { describe, expect, it } from "vitest";
import { USER_MESSAGES, userCreateSchema } from "@/lib/validation/users";
import {
  actionSchema,
  actionUpdateSchema,
  fieldErrorsOf,
  MESSAGES,
  overFundingWarning,
} from "@/lib/validation/schemas";
import { fundingGap } from "@/lib/money";
import { formatEuro } from "@/lib/format";
import { plural } from "@/lib/format/plural";
import { formatCompactEuro } from "@/lib/format/compact";
import { parseRollupFilters, YEAR_FILTER_MESSAGES, yearFilterProblem } from "@/lib/rollup/filters";

describe("the users' e-mail", () => {
  it("requires a dotted domain, with the Italian message", () => {
    for (const email of ["mario@localhost", "mario@", "mario@comune"]) {
      const result = userCreateSchema.safeParse({ name: "Mario Rossi", email, role: "COORDINATOR" });
      expect(result.success, email).toBe(false);
      expect(fieldErrorsOf(result.error!).email).toEqual([USER_MESSAGES.email]);
    }
    expect(
      userCreateSchema.safeParse({ name: "Mario Rossi", email: "mario@comune.it", role: "ADMIN" }).success,
    ).toBe(true);
  });
});

describe("over-financing", () => {
  it("shows a zero gap and warns by how much the resources exceed the cost", () => {
    expect(fundingGap("1000.00", "1250.50")).toEqual({ gap: "0.00", excess: "250.50" });
    expect(fundingGap("1000.00", "400")).toEqual({ gap: "600.00", excess: "0.00" });
    const lines = [{ amountPlanned: "1000.50" }, { amountPlanned: 250 }];
    expect(overFundingWarning("1000.00", lines)).toBe(
      `Le risorse previste superano il costo totale di ${formatEuro("250.50")}.`,
    );
    expect(overFundingWarning("1000.00", [{ amountPlanned: "1000.00" }])).toBeNull();
  });
});

describe("plural", () => {
  it("prints a count Italian-style with the singular for one and the plural otherwise", () => {
    expect(plural(1, "intervento trovato", "interventi trovati")).toBe("1 intervento trovato");
    expect(plural(0, "intervento", "interventi")).toBe("0 interventi");
    expect(plural(2, "utente", "utenti")).toBe("2 utenti");
    expect(plural(1234, "comune", "comuni")).toBe("1.234 comuni");
  });
});

describe("the roll-up's year filters", () => {
  it("ignores an invalid year and says so", () => {
    const params = { anno_da: "20x5", anno_a: "2026" };
    expect(yearFilterProblem(params)).toBe(YEAR_FILTER_MESSAGES.invalid);
    expect(parseRollupFilters(params)).toMatchObject({ yearFrom: undefined, yearTo: 2026 });
  });

  it("ignores a reversed range (da > a) with «L'anno iniziale è successivo a quello finale»", () => {
    const params = { anno_da: "2027", anno_a: "2025" };
    expect(yearFilterProblem(params)).toMatch(/^L'anno iniziale è successivo a quello finale/);
    const filters = parseRollupFilters(params);
    expect(filters.yearFrom).toBeUndefined();
    expect(filters.yearTo).toBeUndefined();
  });

  it("keeps a valid range without a message", () => {
    const params = { anno_da: "2025", anno_a: "2025" };
    expect(yearFilterProblem(params)).toBeUndefined();
    expect(parseRollupFilters(params)).toMatchObject({ yearFrom: 2025, yearTo: 2025 });
    expect(yearFilterProblem({})).toBeUndefined();
  });
});

describe("an action's CIG", () => {
  const action = { title: "Piano della comunicazione", status: "TODO", cig: "8874674CA7" };
  it("is refused on an action that concerns no public contract, with a message on cig", () => {
    for (const kind of ["PLANNING", "COMMUNICATION", "MONITORING"]) {
      const result = actionSchema.safeParse({ ...action, kind });
      expect(result.success, kind).toBe(false);
      expect(fieldErrorsOf(result.error!), kind).toEqual({ cig: [MESSAGES.cigKind] });
      expect(actionUpdateSchema.safeParse({ ...action, kind, version: "1" }).success, kind).toBe(false);
    }
  });
  it("is accepted on procurement, design, works and service; any kind may have none", () => {
    for (const kind of ["PROCUREMENT", "DESIGN", "WORKS", "SERVICE"])
      expect(actionSchema.safeParse({ ...action, kind }).success, kind).toBe(true);
    expect(actionSchema.safeParse({ ...action, kind: "PLANNING", cig: "" }).success).toBe(true);
  });
});

describe("formatCompactEuro (chart axes)", () => {
  it("uses one Italian scale: mila, Mln, Mld, never «K»", () => {
    expect(formatCompactEuro(0)).toBe("0 €");
    expect(formatCompactEuro(500)).toBe("500 €");
    expect(formatCompactEuro(650_000)).toBe("650 mila €");
    expect(formatCompactEuro(1_500)).toBe("1,5 mila €");
    expect(formatCompactEuro(1_200_000)).toBe("1,2 Mln €");
    expect(formatCompactEuro(12_000_000)).toBe("12 Mln €");
    expect(formatCompactEuro(3_000_000_000)).toBe("3 Mld €");
    expect(formatCompactEuro(-650_000)).toBe("-650 mila €");
  });
});
