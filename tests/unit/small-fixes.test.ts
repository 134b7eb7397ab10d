import { describe, expect, it } from "vitest";
import { USER_MESSAGES, userCreateSchema } from "@/lib/validation/users";
import { fieldErrorsOf } from "@/lib/validation/schemas";

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
