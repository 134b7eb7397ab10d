import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_FIELD_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_NOT_VISIBLE,
  AUDIT_VALUE_LABELS,
  auditChanges,
  auditCountLabel,
  auditFieldLabel,
  auditValue,
  type AuditEntity,
  type AuditNames,
} from "@/lib/format/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  ActionKind,
  ActionStatus,
  ApiTokenRevokedReason,
  DocumentOwnerKind,
  FundingSource,
  Health,
  IndicatorTheme,
  PnrrMission,
  ProgrammeValue,
  ProjectStatus,
  Role,
  Theme,
  UserTokenKind,
  AdherenceActKind,
  PlanStatus,
  RoundState,
  SubmissionStatus,
  PhaseKind,
} from "@/lib/generated/prisma/enums";

/** The audited Prisma models and their scalar fields, as Prisma generates them from the schema. */
const AUDITED_MODELS: Record<Exclude<AuditEntity, "Session" | "Request">, Record<string, string>> = {
  Project: Prisma.ProjectScalarFieldEnum,
  FundingLine: Prisma.FundingLineScalarFieldEnum,
  Action: Prisma.ActionScalarFieldEnum,
  Indicator: Prisma.IndicatorScalarFieldEnum,
  User: Prisma.UserScalarFieldEnum,
  Comune: Prisma.ComuneScalarFieldEnum,
  Stream: Prisma.StreamScalarFieldEnum,
  SmartLand: Prisma.SmartLandScalarFieldEnum,
  ApiToken: Prisma.ApiTokenScalarFieldEnum,
  UserToken: Prisma.UserTokenScalarFieldEnum,
  ImportColumnMapping: Prisma.ImportColumnMappingScalarFieldEnum,
  Adherence: Prisma.AdherenceScalarFieldEnum,
  LocalPlan: Prisma.LocalPlanScalarFieldEnum,
  Document: Prisma.DocumentScalarFieldEnum,
  ProgrammePlan: Prisma.ProgrammePlanScalarFieldEnum,
  MonitoringRound: Prisma.MonitoringRoundScalarFieldEnum,
  RoundSubmission: Prisma.RoundSubmissionScalarFieldEnum,
  ProjectPhase: Prisma.ProjectPhaseScalarFieldEnum,
};

/** Every enum-typed field of the audited models, with the enum's values. */
const ENUM_FIELDS: [AuditEntity, string, Record<string, string>][] = [
  ["Document", "ownerKind", DocumentOwnerKind],
  ["ProjectPhase", "kind", PhaseKind],
  ["Project", "status", ProjectStatus],
  ["Project", "health", Health],
  ["FundingLine", "source", FundingSource],
  ["Action", "kind", ActionKind],
  ["Action", "status", ActionStatus],
  ["Indicator", "theme", IndicatorTheme],
  ["User", "role", Role],
  ["Stream", "theme", Theme],
  ["Stream", "pnrrMission", PnrrMission],
  ["Stream", "values", ProgrammeValue],
  ["ApiToken", "revokedReason", ApiTokenRevokedReason],
  ["UserToken", "kind", UserTokenKind],
  ["Adherence", "actKind", AdherenceActKind],
  ["LocalPlan", "status", PlanStatus],
  ["MonitoringRound", "state", RoundState],
  ["RoundSubmission", "status", SubmissionStatus],
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ENUM_CASE = /\b[A-Z]{2,}_[A-Z_]+\b|\b(?:ON_TRACK|EXECUTION|COMPLETED|ENERGY|ARCHIVE)\b/;
const ISO = /\d{4}-\d{2}-\d{2}/;

describe("audit labels cover the schema", () => {
  it("every scalar field of every audited model has an Italian label", () => {
    const missing: string[] = [];
    for (const [model, fields] of Object.entries(AUDITED_MODELS)) {
      expect(Object.keys(fields).length, model).toBeGreaterThan(0);
      const table = AUDIT_ENTITY_FIELD_LABELS[model as AuditEntity];
      for (const field of Object.values(fields))
        if (!Object.hasOwn(table, field)) missing.push(`${model}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it("every audited model is a labelled entity", () => {
    for (const model of Object.keys(AUDITED_MODELS))
      expect(Object.hasOwn(AUDIT_ENTITY_LABELS, model)).toBe(true);
  });

  it("every value of every enum field reads as its Italian label, never as the stored name", () => {
    for (const [entity, field, values] of ENUM_FIELDS) {
      for (const value of Object.values(values)) {
        const read = auditValue(value, field, { entity });
        const table = AUDIT_VALUE_LABELS[entity]?.[field] ?? {};
        expect(Object.hasOwn(table, value), `${entity}.${field}=${value}`).toBe(true);
        expect(read, `${entity}.${field}=${value}`).toBe(table[value]);
        expect(read, `${entity}.${field}=${value}`).not.toMatch(/^[A-Z]+_[A-Z_]+$/);
      }
    }
  });

  it("every action the code writes has a label", () => {
    // The verbs passed to recordAudit / recordRepeated / the import's events, read from the sources.
    const written = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(ts|tsx)$/.test(name)) {
          const text = readFileSync(file, "utf8");
          for (const m of text.matchAll(/action:[^,\n]*/g))
            for (const verb of m[0].matchAll(/(?<!=== )"([A-Z][A-Z_]+)"/g)) written.add(verb[1]);
          for (const m of text.matchAll(/event\([^)]*?"([A-Z][A-Z_]+)"/g)) written.add(m[1]);
        }
      }
    };
    walk(path.resolve("lib"));
    walk(path.resolve("app"));
    // Comune membership actions are written as action.toUpperCase() (lib/comuni/manage-comune.ts).
    for (const verb of ["ONBOARD", "SUSPEND", "REINSTATE"]) written.add(verb);
    for (const verb of ["ARCHIVE", "UNARCHIVE", "REACTIVATE", "DEACTIVATE"]) expect(written).toContain(verb);
    const missing = [...written].filter((verb) => !Object.hasOwn(AUDIT_ACTION_LABELS, verb));
    expect(missing).toEqual([]);
  });

  it("a field is labelled by its entity (a filone's code, a user's comune)", () => {
    expect(auditFieldLabel("Project", "partnerIstat")).toBe("Comuni partner");
    expect(auditFieldLabel("Stream", "pnrrMission")).toBe("Missione PNRR");
    expect(auditFieldLabel("Project", "streamId")).toBe("Filone");
    expect(auditFieldLabel("User", "comuneIstat")).toBe("Comune");
    expect(auditFieldLabel("Unknown", "title")).toBe("Titolo");
  });
});

describe("a repeated event's count", () => {
  it("is written with Italian thousands separators", () => {
    expect(auditCountLabel(37)).toBe("37 volte nello stesso minuto");
    expect(auditCountLabel(1234)).toBe("1.234 volte nello stesso minuto");
  });
});

describe("audit values read as an Italian administrator wants them", () => {
  const STREAM_A = "7b1e5a40-0000-4000-8000-000000000001";
  const STREAM_B = "7b1e5a40-0000-4000-8000-000000000002";
  const HIDDEN_USER = "7b1e5a40-0000-4000-8000-000000000003";
  const names: AuditNames = {
    stream: new Map([
      [STREAM_A, "SL-01 · Energia di comunità"],
      [STREAM_B, "SL-02 · Mobilità dolce"],
    ]),
    comune: new Map([
      ["015192", "San Donato Milanese"],
      ["015166", "Paullo"],
    ]),
    user: new Map(),
  };

  it("an update of status, health, filone, amount, dates and partners", () => {
    const changes = auditChanges(
      {
        status: "EXECUTION",
        health: "ON_TRACK",
        streamId: STREAM_A,
        totalCost: "1234.56",
        plannedStart: "2026-03-01",
        partnerIstat: ["015166"],
        progress: 40,
        deletedAt: null,
      },
      {
        status: "COMPLETED",
        health: "AT_RISK",
        streamId: STREAM_B,
        totalCost: "2000",
        plannedStart: "2026-04-15",
        partnerIstat: ["015166", "015192"],
        progress: 100,
        deletedAt: "2026-12-05T23:25:33.851Z",
      },
      { entity: "Project", names },
    );
    const read = Object.fromEntries(changes.map((c) => [c.label, `${c.before} → ${c.after}`]));
    expect(read).toEqual({
      Stato: "In esecuzione → Concluso",
      Andamento: "In linea → A rischio",
      Filone: "SL-01 · Energia di comunità → SL-02 · Mobilità dolce",
      "Costo totale": "1.234,56\u00a0€ → 2.000,00\u00a0€",
      "Inizio previsto": "01/03/2026 → 15/04/2026",
      "Comuni partner": "Paullo → Paullo, San Donato Milanese",
      Avanzamento: "40% → 100%",
      "Eliminato il": "— → 06/12/2026 00:25",
    });
    for (const c of changes) {
      expect(`${c.before} ${c.after}`).not.toMatch(UUID);
      expect(`${c.before} ${c.after}`).not.toMatch(ENUM_CASE);
      expect(`${c.before} ${c.after}`).not.toMatch(ISO);
    }
  });

  it("a filone's theme, mission, values and archiving; booleans Sì/No", () => {
    const changes = auditChanges(
      { theme: "ENERGY", pnrrMission: "M2", values: ["INNOVATION"], archived: false },
      { theme: "TRANSPORT_MOBILITY", pnrrMission: null, values: ["INNOVATION", "COHESION"], archived: true },
      { entity: "Stream", names },
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Tema", "Energia", "Trasporti e mobilità"],
      ["Missione PNRR", "Rivoluzione verde e transizione ecologica", "—"],
      ["Valori del programma", "Innovazione", "Innovazione, Coesione"],
      ["Archiviato", "No", "Sì"],
    ]);
  });

  it("a creation lists the fields it filled, not the empty ones", () => {
    expect(
      auditChanges(
        null,
        { title: "Nuovo", cup: null, summary: "", status: "NOT_STARTED" },
        { entity: "Project" },
      ),
    ).toEqual([
      { field: "title", label: "Titolo", before: "—", after: "Nuovo" },
      { field: "status", label: "Stato", before: "—", after: "Non avviato" },
    ]);
  });

  it("an identifier the reader may not see is '(non visibile)', never the raw id", () => {
    expect(auditValue(HIDDEN_USER, "createdById", { entity: "UserToken", names })).toBe(AUDIT_NOT_VISIBLE);
    expect(auditValue("7b1e5a40-0000-4000-8000-000000000009", "streamId", { entity: "Project", names })).toBe(
      AUDIT_NOT_VISIBLE,
    );
    // A user's comune is a change (not the tenant key), by name.
    expect(
      auditChanges({ comuneIstat: "015166" }, { comuneIstat: "015192" }, { entity: "User", names }),
    ).toEqual([{ field: "comuneIstat", label: "Comune", before: "Paullo", after: "San Donato Milanese" }]);
  });
});
