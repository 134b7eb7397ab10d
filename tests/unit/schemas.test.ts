import { describe, expect, it } from "vitest";

import {
  actionSchema,
  actionUpdateSchema,
  fieldErrorsOf,
  formDataToObject,
  fundingLineSchema,
  fundingLineUpdateSchema,
  fundingWarnings,
  indicatorSchema,
  MESSAGES,
  parseFormData,
  projectCreateSchema,
  projectSchema,
  projectUpdateSchema,
} from "@/lib/validation/schemas";

const STREAM_ID = "3f2b8c1e-5d4a-4b6e-9c7d-0a1b2c3d4e5f";
const SMART_LAND_ID = "0b9e7d6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f";

/** Errors by field, or {} when the parse succeeded. */
function errorsOf(result: { success: boolean; error?: unknown }) {
  return result.success ? {} : fieldErrorsOf(result.error as Parameters<typeof fieldErrorsOf>[0]);
}

const baseProject = { streamId: STREAM_ID, title: "Pista ciclabile Paullo–Melegnano", totalCost: "1.234,56" };

describe("projectSchema", () => {
  it("parses a minimal form and fills the defaults", () => {
    const result = projectSchema.safeParse(baseProject);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      streamId: STREAM_ID,
      title: "Pista ciclabile Paullo–Melegnano",
      summary: "",
      cup: null,
      localCode: null,
      totalCost: "1234.56",
      plannedStart: null,
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
      status: "NOT_STARTED",
      health: "ON_TRACK",
      progress: 0,
      smartLandId: null,
      partnerIstat: [],
    });
  });

  it("treats empty strings as missing for optional fields", () => {
    const result = projectSchema.safeParse({
      ...baseProject,
      summary: "  ",
      cup: "",
      localCode: "",
      plannedStart: "",
      status: "",
      progress: "",
      smartLandId: "",
      partnerIstat: "",
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      summary: "",
      cup: null,
      plannedStart: null,
      status: "NOT_STARTED",
      progress: 0,
    });
  });

  it("accepts typed values (JSON bodies, server actions)", () => {
    const result = projectSchema.safeParse({
      ...baseProject,
      totalCost: 1234.5,
      plannedStart: new Date(Date.UTC(2026, 2, 1)),
      plannedEnd: "2026-12-31",
      progress: 40,
      status: "EXECUTION",
      smartLandId: SMART_LAND_ID.toUpperCase(),
      partnerIstat: ["015192", "015146"],
    });
    expect(result.success).toBe(true);
    expect(result.data?.totalCost).toBe("1234.50");
    expect(result.data?.plannedStart?.getTime()).toBe(Date.UTC(2026, 2, 1));
    expect(result.data?.plannedEnd?.getTime()).toBe(Date.UTC(2026, 11, 31));
    expect(result.data?.progress).toBe(40);
    expect(result.data?.status).toBe("EXECUTION");
    expect(result.data?.smartLandId).toBe(SMART_LAND_ID);
    expect(result.data?.partnerIstat).toEqual(["015192", "015146"]);
  });

  it("reports missing required fields in Italian", () => {
    const errors = errorsOf(projectSchema.safeParse({}));
    expect(errors.streamId).toEqual(["Scegli un filone di intervento."]);
    expect(errors.title).toEqual(["Campo obbligatorio."]);
    expect(errors.totalCost).toEqual(["Campo obbligatorio."]);
    expect(Object.keys(errors).sort()).toEqual(["streamId", "title", "totalCost"]);
  });

  it("checks lengths, enums and ranges", () => {
    const errors = errorsOf(
      projectSchema.safeParse({
        ...baseProject,
        streamId: "not-a-uuid",
        title: "ab",
        localCode: "x".repeat(41),
        status: "FINISHED",
        progress: "101",
      }),
    );
    expect(errors.streamId).toEqual(["Scegli un filone di intervento."]);
    expect(errors.title).toEqual(["Inserisci almeno 3 caratteri."]);
    expect(errors.localCode).toEqual(["Al massimo 40 caratteri."]);
    expect(errors.status).toEqual([MESSAGES.status]);
    expect(errors.progress).toEqual(["Inserisci un numero intero tra 0 e 100."]);
    expect(errorsOf(projectSchema.safeParse({ ...baseProject, progress: "12.5" })).progress).toEqual([
      MESSAGES.progress,
    ]);
  });

  it("puts end-before-start on the end field, for both date pairs", () => {
    const errors = errorsOf(
      projectSchema.safeParse({
        ...baseProject,
        plannedStart: "10/05/2026",
        plannedEnd: "01/05/2026",
        actualStart: "2026-06-02",
        actualEnd: "2026-06-01",
      }),
    );
    expect(errors).toEqual({
      plannedEnd: ["La data di fine non può precedere la data di inizio."],
      actualEnd: ["La data di fine non può precedere la data di inizio."],
    });
    // The same day is fine.
    expect(
      projectSchema.safeParse({ ...baseProject, plannedStart: "1/5/2026", plannedEnd: "2026-05-01" }).success,
    ).toBe(true);
  });

  it("reports end-before-start together with other errors", () => {
    const errors = errorsOf(
      projectSchema.safeParse({
        ...baseProject,
        title: "",
        plannedStart: "10/05/2026",
        plannedEnd: "01/05/2026",
      }),
    );
    expect(errors.title).toEqual(["Campo obbligatorio."]);
    expect(errors.plannedEnd).toEqual([MESSAGES.endBeforeStart]);
  });

  it("rejects impossible dates", () => {
    const errors = errorsOf(
      projectSchema.safeParse({ ...baseProject, plannedStart: "31/02/2026", plannedEnd: "1/1/1850" }),
    );
    expect(errors.plannedStart).toEqual([MESSAGES.date]);
    expect(errors.plannedEnd).toEqual(["Inserisci una data tra il 1900 e il 2100."]);
  });

  it("validates and normalizes the CUP", () => {
    expect(projectSchema.safeParse({ ...baseProject, cup: " j71b19000120004 " }).data?.cup).toBe(
      "J71B19000120004",
    );
    expect(errorsOf(projectSchema.safeParse({ ...baseProject, cup: "J71B1900012" })).cup).toEqual([
      "CUP non valido: deve avere 15 caratteri (lettere maiuscole e cifre), ad esempio J71B19000120004.",
    ]);
    // Year 89 is neither past (20xx, up to this year) nor in the 1990s.
    expect(errorsOf(projectSchema.safeParse({ ...baseProject, cup: "J71B89000120004" })).cup).toEqual([
      MESSAGES.cupFutureYear,
    ]);
  });

  it("keeps money exact and rejects more than two decimals", () => {
    const cost = (totalCost: unknown) => projectSchema.safeParse({ ...baseProject, totalCost });
    expect(cost("1234.56").data?.totalCost).toBe("1234.56");
    expect(cost("1.234").data?.totalCost).toBe("1234.00");
    expect(cost("€ 999.999.999.999,99").data?.totalCost).toBe("999999999999.99");
    expect(cost(0.1 + 0.2).success).toBe(false); // 0.30000000000000004
    expect(cost("0,10").data?.totalCost).toBe("0.10");
    expect(cost(0).data?.totalCost).toBe("0.00");
    expect(errorsOf(cost("1234,567")).totalCost).toEqual(["Al massimo due decimali."]);
    expect(errorsOf(cost(1.005)).totalCost).toEqual(["Al massimo due decimali."]);
    expect(errorsOf(cost("-5")).totalCost).toEqual(["L'importo non può essere negativo."]);
    expect(errorsOf(cost("abc")).totalCost).toEqual([MESSAGES.money]);
    expect(errorsOf(cost("1.000.000.000.000")).totalCost).toEqual(["Importo troppo grande."]);
  });

  it("reads partner comuni from a comma-separated string and rejects bad codes", () => {
    expect(
      projectSchema.safeParse({ ...baseProject, partnerIstat: "015192, 015146;015192" }).data?.partnerIstat,
    ).toEqual(["015192", "015146"]);
    expect(
      errorsOf(projectSchema.safeParse({ ...baseProject, partnerIstat: ["015192", "15146"] })).partnerIstat,
    ).toEqual([`${MESSAGES.istat} (15146)`]);
  });

  it("drops unknown keys (no mass assignment)", () => {
    const result = projectSchema.safeParse({
      ...baseProject,
      comuneIstat: "015192",
      id: STREAM_ID,
      version: 3,
    });
    expect(result.success).toBe(true);
    expect(result.data).not.toHaveProperty("comuneIstat");
    expect(result.data).not.toHaveProperty("version");
  });

  it("files errors that belong to no field under _form", () => {
    expect(errorsOf(projectSchema.safeParse(null))).toEqual({ _form: ["Dati non validi."] });
  });
});

describe("projectUpdateSchema", () => {
  it("requires the version", () => {
    expect(projectCreateSchema.safeParse(baseProject).success).toBe(true);
    expect(errorsOf(projectUpdateSchema.safeParse(baseProject)).version).toEqual(["Campo obbligatorio."]);
    expect(errorsOf(projectUpdateSchema.safeParse({ ...baseProject, version: "0" })).version).toEqual([
      MESSAGES.version,
    ]);
    expect(projectUpdateSchema.safeParse({ ...baseProject, version: "3" }).data?.version).toBe(3);
  });

  it("keeps the date rules", () => {
    const errors = errorsOf(
      projectUpdateSchema.safeParse({
        ...baseProject,
        version: 1,
        plannedStart: "2026-05-10",
        plannedEnd: "2026-05-01",
      }),
    );
    expect(errors.plannedEnd).toEqual([MESSAGES.endBeforeStart]);
  });
});

describe("parseFormData", () => {
  function projectForm() {
    const fd = new FormData();
    fd.set("$ACTION_ID_abc123", "");
    fd.set("streamId", STREAM_ID);
    fd.set("title", "  Casa delle associazioni  ");
    fd.set("totalCost", "1.234,56");
    fd.set("plannedStart", "2026-03-01");
    fd.set("plannedEnd", "31/12/2027");
    fd.set("progress", "40");
    fd.set("cup", "");
    fd.append("partnerIstat", "015192");
    fd.append("partnerIstat", "015146");
    fd.set("version", "2");
    return fd;
  }

  it("turns FormData into typed values", () => {
    const result = parseFormData(projectUpdateSchema, projectForm());
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.title).toBe("Casa delle associazioni");
    expect(result.data.totalCost).toBe("1234.56");
    expect(result.data.plannedStart).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(result.data.plannedEnd).toEqual(new Date(Date.UTC(2027, 11, 31)));
    expect(result.data.progress).toBe(40);
    expect(result.data.cup).toBeNull();
    expect(result.data.partnerIstat).toEqual(["015192", "015146"]);
    expect(result.data.version).toBe(2);
    expect(result.data).not.toHaveProperty("$ACTION_ID_abc123");
  });

  it("keeps only the last value of other repeated keys, and all values of listed array fields", () => {
    const fd = new FormData();
    fd.append("title", "first");
    fd.append("title", "second");
    fd.append("tags", "a");
    fd.append("tags", "b");
    fd.append("partnerIstat", "015192");
    expect(formDataToObject(fd, ["tags", "partnerIstat"])).toEqual({
      title: "second",
      tags: ["a", "b"],
      partnerIstat: ["015192"],
    });
  });

  it("returns Italian field errors", () => {
    const fd = projectForm();
    fd.set("totalCost", "12,345");
    fd.set("plannedEnd", "01/01/2026");
    const result = parseFormData(projectUpdateSchema, fd);
    expect(result.success).toBe(false);
    expect(errorsOf(result)).toEqual({
      totalCost: ["Al massimo due decimali."],
      plannedEnd: ["La data di fine non può precedere la data di inizio."],
    });
  });
});

describe("fundingLineSchema", () => {
  const base = { source: "PNRR", year: "2026", amountPlanned: "100.000,00" };

  it("parses amounts and fills defaults", () => {
    const result = fundingLineSchema.safeParse(base);
    expect(result.data).toEqual({
      source: "PNRR",
      programme: "",
      year: 2026,
      amountPlanned: "100000.00",
      amountCommitted: "0.00",
      amountPaid: "0.00",
    });
  });

  it("rejects negative amounts, bad years and unknown sources", () => {
    const errors = errorsOf(
      fundingLineSchema.safeParse({
        ...base,
        source: "BANK",
        year: 1989,
        amountCommitted: -1,
        amountPaid: "-0,01",
      }),
    );
    expect(errors).toEqual({
      source: [MESSAGES.source],
      year: ["Inserisci un anno tra il 1990 e il 2100."],
      amountCommitted: ["L'importo non può essere negativo."],
      amountPaid: ["L'importo non può essere negativo."],
    });
  });

  it("has an update variant with version", () => {
    expect(fundingLineUpdateSchema.safeParse({ ...base, version: 4 }).data?.version).toBe(4);
    expect(fundingLineUpdateSchema.safeParse(base).success).toBe(false);
  });
});

describe("fundingWarnings", () => {
  it("flags paid > committed and committed > planned", () => {
    expect(
      fundingWarnings({ amountPlanned: "100.00", amountCommitted: "100.00", amountPaid: "100.00" }),
    ).toEqual([]);
    expect(
      fundingWarnings({ amountPlanned: "100.00", amountCommitted: "50.00", amountPaid: "50.01" }),
    ).toEqual([MESSAGES.paidOverCommitted]);
    expect(fundingWarnings({ amountPlanned: 100, amountCommitted: "100.01", amountPaid: 0 })).toEqual([
      MESSAGES.committedOverPlanned,
    ]);
    expect(
      fundingWarnings({
        amountPlanned: { toString: () => "10" },
        amountCommitted: { toString: () => "20.5" },
        amountPaid: { toString: () => "20.51" },
      }),
    ).toEqual([MESSAGES.paidOverCommitted, MESSAGES.committedOverPlanned]);
  });

  it("compares exactly beyond float precision", () => {
    expect(
      fundingWarnings({
        amountPlanned: "999999999999.98",
        amountCommitted: "999999999999.99",
        amountPaid: "0.00",
      }),
    ).toEqual([MESSAGES.committedOverPlanned]);
  });
});

describe("actionSchema", () => {
  const base = { title: "Gara di progettazione", kind: "PROCUREMENT" };

  it("parses a minimal action", () => {
    expect(actionSchema.safeParse(base).data).toEqual({
      title: "Gara di progettazione",
      kind: "PROCUREMENT",
      owner: "",
      dueDate: null,
      doneDate: null,
      status: "TODO",
      cig: null,
    });
  });

  it("requires a done date when the action is done", () => {
    expect(errorsOf(actionSchema.safeParse({ ...base, status: "DONE" })).doneDate).toEqual([
      "Indica la data di completamento.",
    ]);
    expect(actionSchema.safeParse({ ...base, status: "DONE", doneDate: "3/3/2026" }).data?.doneDate).toEqual(
      new Date(Date.UTC(2026, 2, 3)),
    );
    // A done date without status DONE is fine, in any order with the due date.
    expect(actionSchema.safeParse({ ...base, dueDate: "2026-05-01", doneDate: "2026-04-01" }).success).toBe(
      true,
    );
  });

  it("validates and normalizes the CIG", () => {
    expect(actionSchema.safeParse({ ...base, cig: " 8874674ca7 " }).data?.cig).toBe("8874674CA7");
    expect(actionSchema.safeParse({ ...base, cig: "Z0A1B2C3D4" }).data?.cig).toBe("Z0A1B2C3D4");
    expect(errorsOf(actionSchema.safeParse({ ...base, cig: "8874674CA8" })).cig).toEqual([
      "CIG non valido: controlla le 10 cifre e lettere (il carattere di controllo non corrisponde).",
    ]);
  });

  it("rejects a missing kind and keeps the version rule on updates", () => {
    expect(errorsOf(actionSchema.safeParse({ title: "Ok" })).kind).toEqual([MESSAGES.actionKind]);
    expect(errorsOf(actionUpdateSchema.safeParse({ ...base, status: "DONE" }))).toEqual({
      doneDate: [MESSAGES.doneDateRequired],
      version: [MESSAGES.required],
    });
  });
});

describe("indicatorSchema", () => {
  const base = { name: "Utenti del servizio", theme: "PEOPLE", unit: "persone" };

  it("parses optional decimals of any sign as canonical strings", () => {
    const result = indicatorSchema.safeParse({
      ...base,
      baseline: "-12,5",
      target: 1000.25,
      actual: "1.234,5678",
    });
    expect(result.data).toEqual({
      ...base,
      baseline: "-12.5",
      target: "1000.25",
      actual: "1234.5678",
      period: "",
    });
    expect(indicatorSchema.safeParse({ ...base, baseline: "" }).data?.baseline).toBeNull();
  });

  it("rejects more than four decimals, garbage and a missing unit", () => {
    const errors = errorsOf(
      indicatorSchema.safeParse({ ...base, unit: "", baseline: "1,23456", target: "molti" }),
    );
    expect(errors).toEqual({
      unit: ["Campo obbligatorio."],
      baseline: ["Al massimo quattro decimali."],
      target: [MESSAGES.decimal],
    });
  });
});
