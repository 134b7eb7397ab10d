import { describe, expect, it } from "vitest";
import { USER_MESSAGES, userCreateSchema } from "@/lib/validation/users";
import { fieldErrorsOf, overFundingWarning } from "@/lib/validation/schemas";
import { fundingGap } from "@/lib/money";
import { formatEuro } from "@/lib/format";
import { plural } from "@/lib/format/plural";

describe("the users' e-mail", () => {
  it("requires a dotted domain, with the Italian message", () => {
    for (const email of ["mario@localhost", "mario@", "mario@comune"]) {
      const result = userCreateSchema.safeParse({ name: "Mario Rossi", email, role: "COORDINATOR" });
      expect(result.success, email).toBe(false);
      expect(fieldErrorsOf(result.error!).email).toEqual([USER_MESSAGES.email]);
    }
    expect(userCreateSchema.safeParse({ name: "Mario Rossi", email: "mario@comune.it", role: "ADMIN" }).success).toBe(
      true,
    );
  });
});

describe("over-financing", () => {
  it("shows a zero gap and warns by how much the resources exceed the cost", () => {
    expect(fundingGap("1000.00", "1250.50")).toEqual({ gap: "0.00", excess: "250.50" });
    expect(fundingGap("1000.00", "400")).toEqual({ gap: "600.00", excess: "0.00" });
    expect(overFundingWarning("1000.00", "1250.50")).toBe(
      `Le risorse previste superano il costo totale di ${formatEuro("250.50")}.`,
    );
    expect(overFundingWarning("1000.00", "1000.00")).toBeNull();
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
