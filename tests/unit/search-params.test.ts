import { describe, expect, it } from "vitest";
import { cleanSearchParams, lookup, MAX_PAGE, oneOf, pageNumber, paramValue } from "@/lib/http/search-params";
import { auditActionLabel, auditEntityLabel, auditRoleLabel } from "@/lib/format/audit";

describe("page query parameters", () => {
  it("keep the first of repeated values and drop control characters and overlong values", () => {
    expect(paramValue(["a", "b"])).toBe("a");
    expect(paramValue("a\u0000b")).toBeUndefined();
    expect(paramValue("riga\nriga")).toBeUndefined();
    expect(paramValue("x".repeat(1_001))).toBeUndefined();
    expect(paramValue("Sant'Angelo 😀")).toBe("Sant'Angelo 😀");
    const params = cleanSearchParams({ q: "\u0000", esito: ["salvato", "x"], __proto__: "1" } as never);
    expect(params.q).toBeUndefined();
    expect(params.esito).toBe("salvato");
    expect(Object.getPrototypeOf(params)).toBeNull();
  });

  it("look up own keys only", () => {
    const notices = { salvato: "Salvato." };
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", undefined]) {
      expect(lookup(notices, key)).toBeUndefined();
    }
    expect(lookup(notices, "salvato")).toBe("Salvato.");
    expect(oneOf("constructor", ["a", "b"] as const)).toBeUndefined();
    expect(auditEntityLabel("constructor")).toBe("constructor");
    expect(auditActionLabel("__proto__")).toBe("__proto__");
    expect(auditRoleLabel("toString")).toBe("toString");
  });

  it("read page numbers as bounded whole numbers", () => {
    for (const bad of [
      "1e309",
      "-1",
      "NaN",
      "0",
      "1.5",
      "0x10",
      "9007199254740993",
      "",
      undefined,
      "\u00001",
    ]) {
      expect(pageNumber(bad), String(bad)).toBe(1);
    }
    expect(pageNumber("3")).toBe(3);
    expect(pageNumber(["4", "5"])).toBe(4);
    expect(pageNumber(String(MAX_PAGE))).toBe(MAX_PAGE);
    expect(pageNumber(String(MAX_PAGE + 1))).toBe(1);
  });
});

describe("audit label tables", () => {
  it("have no prototype: a name from the URL never finds a function", async () => {
    const { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS } =
      await import("@/lib/format/audit");
    for (const table of [AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS]) {
      for (const key of ["constructor", "__proto__", "toString"]) expect(table[key]).toBeUndefined();
    }
    expect(AUDIT_ACTION_LABELS.CREATE).toBeTruthy();
  });
});
