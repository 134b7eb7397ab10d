import { readFileSync } from "node:fs";
import path from "node:path";
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
  // Smart Lands are regional objects, like streams: coordinators only (the product brief's rule).
  "smartlands.write": { officer: false, coordinator: true, admin: false },
  "comuni.manage": { officer: false, coordinator: false, admin: true },
  "users.manage": { officer: false, coordinator: false, admin: true },
  "audit.read": { officer: false, coordinator: false, admin: true },
  // Adherence and local plans (issue #18): the comune writes its own, the coordinator reviews, the
  // administrator reads everything and changes nothing of it.
  "adherence.read": { officer: true, coordinator: true, admin: true },
  "adherence.write": { officer: true, coordinator: false, admin: false },
  "adherence.review": { officer: false, coordinator: true, admin: false },
  // Documents (issue #18): the comune's officers upload, delete and mark public; the others read.
  "documents.read": { officer: true, coordinator: true, admin: true },
  "documents.write": { officer: true, coordinator: false, admin: false },
  // The programme plan (issue #18, item 2): the coordinator writes it; member officers (their own Smart
  // Land, checked in lib/programme) and administrators read it.
  "programme.read": { officer: true, coordinator: true, admin: true },
  "programme.write": { officer: false, coordinator: true, admin: false },
  // Monitoring rounds (issue #18): the coordinator opens, validates, returns and closes; the comune's
  // officers bring their projects up to date and submit; the administrator reads.
  "rounds.read": { officer: true, coordinator: true, admin: true },
  "rounds.submit": { officer: true, coordinator: false, admin: false },
  "rounds.manage": { officer: false, coordinator: true, admin: false },
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
    expect(can(officer, "documents.write", OTHER)).toBe(false);
    expect(can(officer, "documents.read", OTHER)).toBe(false);
    expect(can({ role: "OFFICER", comuneIstat: null }, "projects.write", OWN)).toBe(false);
    expect(can(officer, "adherence.write", OWN)).toBe(true);
    expect(can(officer, "adherence.write", OTHER)).toBe(false);
    expect(can(officer, "adherence.read", OTHER)).toBe(false);
  });

  it("refuses everything without an actor or with an unknown role (fail-closed)", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can({ role: "GUEST" as never, comuneIstat: null }, permission)).toBe(false);
    }
  });
});

describe("ARCHITECTURE.md states the same matrix", () => {
  // The table between the permissions markers is the one written statement of who may do what; the UI
  // shows or hides its buttons with can(), so code, document and UI agree by construction.
  const doc = readFileSync(path.resolve(__dirname, "../../ARCHITECTURE.md"), "utf8");
  const table = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(doc)?.[1] ?? "";
  const rows = new Map(
    table
      .split("\n")
      .map((line) => /^\|\s*`([a-z.]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m.slice(2, 5).map((cell) => cell.trim() !== "—")] as const),
  );

  it("has one row per permission", () => {
    expect([...rows.keys()].sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const permission of PERMISSIONS) {
    it(`${permission}: officer, coordinator, admin as in can()`, () => {
      expect(rows.get(permission)).toEqual([
        can(officer, permission),
        can(coordinator, permission),
        can(admin, permission),
      ]);
    });
  }
});
