import { describe, expect, it } from "vitest";
import { USER_MESSAGES, userCreateSchema } from "@/lib/validation/users";
import { fieldErrorsOf, overFundingWarning } from "@/lib/validation/schemas";
import { fundingGap } from "@/lib/money";
import { formatEuro } from "@/lib/format";

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
