import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";

const OWN = "015169";
const OTHER = "015192";
const officer = { role: "OFFICER" as const, comuneIstat: OWN };
const coordinator = { role: "COORDINATOR" as const, comuneIstat: null };
const admin = { role: "ADMIN" as const, comuneIstat: null };

// Every role × every permission, written out: a change to the matrix must change this table.
const EXPECTED: Record<Permission, { officer: boolean; coordinator: boolean; admin: boolean }> = {
  "projects.read": { officer: true, coordinator: true, admin: true },
  "projects.write": { officer: true, coordinator: false, admin: false },
  "rollup.read": { officer: false, coordinator: true, admin: true },
  "streams.write": { officer: false, coordinator: true, admin: false },
  "smartlands.write": { officer: false, coordinator: true, admin: true },
  "comuni.manage": { officer: false, coordinator: false, admin: true },
  "users.manage": { officer: false, coordinator: false, admin: true },
  "audit.read": { officer: false, coordinator: false, admin: true },
};

describe("permission matrix", () => {
  it("lists every permission in the expectation table", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const permission of PERMISSIONS) {
    it(`${permission}`, () => {
      expect(can(officer, permission)).toBe(EXPECTED[permission].officer);
      expect(can(coordinator, permission)).toBe(EXPECTED[permission].coordinator);
      expect(can(admin, permission)).toBe(EXPECTED[permission].admin);
    });
  }

  it("narrows an officer's project permissions to their own comune", () => {
    expect(can(officer, "projects.write", OWN)).toBe(true);
    expect(can(officer, "projects.write", OTHER)).toBe(false);
    expect(can(officer, "projects.read", OTHER)).toBe(false);
    expect(can({ role: "OFFICER", comuneIstat: null }, "projects.write", OWN)).toBe(false);
  });

  it("refuses everything without an actor or with an unknown role (fail-closed)", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can({ role: "GUEST" as never, comuneIstat: null }, permission)).toBe(false);
    }
  });
});
