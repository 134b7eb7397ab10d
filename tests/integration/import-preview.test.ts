// Issue 16 item 2: the preview says what will change — per row create / update / unchanged, every changed
// field old → new in Italian, and each error with the offending cell's value.

import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { importReportSchema } from "@/lib/api/schemas";
import { commitImport, previewImport } from "@/lib/import/import-projects";
import { HEADERS } from "@/lib/import/layout";
import { actorFor, OFFICER_SAN_DONATO, SAN_DONATO } from "./helpers";

type Row = Partial<Record<(typeof HEADERS)[number], string>>;

const csv = (rows: Row[]) =>
  [HEADERS as string[], ...rows.map((r) => HEADERS.map((h) => r[h] ?? ""))]
    .map((cells) => cells.join(";"))
    .join("\r\n") + "\r\n";
const file = (text: string) => ({ name: "anteprima.csv", bytes: new TextEncoder().encode(text) });

const projectRow = (localCode: string, overrides: Row = {}): Row => ({
  "Tipo riga": "INTERVENTO",
  "Codice locale": localCode,
  Titolo: `Intervento ${localCode}`,
  Descrizione: "Da file.",
  "Codice filone": "SL-01",
  "Stato procedurale": "In corso di progettazione",
  Andamento: "In linea",
  "Avanzamento (%)": "10",
  "Costo totale": "1.234,56",
  "Inizio previsto": "01/03/2026",
  "Fine prevista": "31/12/2027",
  ...overrides,
});

let officer: Actor;
const tag = `PRV-${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  officer = await actorFor(OFFICER_SAN_DONATO);
  const stored = await commitImport(
    officer,
    SAN_DONATO,
    file(csv([projectRow(`${tag}-A`), projectRow(`${tag}-B`)])),
  );
  expect(stored.projects.create).toBe(2);
});

describe("import preview: what will change", () => {
  it("lists each row as update (with old → new), create or unchanged, and quotes the cell of each error", async () => {
    const report = await previewImport(
      officer,
      SAN_DONATO,
      file(
        csv([
          projectRow(`${tag}-A`, {
            Titolo: "Titolo nuovo",
            "Costo totale": "380.500,00",
            "Stato procedurale": "In esecuzione",
            "Fine prevista": "30/06/2028",
          }),
          projectRow(`${tag}-B`),
          projectRow(`${tag}-C`),
          projectRow(`${tag}-D`, { "Costo totale": "mille euro" }),
        ]),
      ),
    );
    expect(report.projects).toEqual({ create: 1, update: 1, unchanged: 1 });
    expect(report.changesOmitted).toBe(0);
    expect(report.changes).toEqual([
      {
        row: 2,
        kind: "project",
        outcome: "update",
        record: `${tag}-A · Titolo nuovo`,
        // In the order of the table's columns (stored.ts).
        changes: [
          { field: "Titolo", before: `Intervento ${tag}-A`, after: "Titolo nuovo" },
          { field: "Costo totale", before: "1.234,56\u00a0€", after: "380.500,00\u00a0€" },
          { field: "Fine prevista", before: "31/12/2027", after: "30/06/2028" },
          { field: "Stato procedurale", before: "In corso di progettazione", after: "In esecuzione" },
        ],
      },
      {
        row: 3,
        kind: "project",
        outcome: "unchanged",
        record: `${tag}-B · Intervento ${tag}-B`,
        changes: [],
      },
      { row: 4, kind: "project", outcome: "create", record: `${tag}-C · Intervento ${tag}-C`, changes: [] },
    ]);
    expect(report.errors).toEqual([
      { row: 5, column: "Costo totale", message: expect.any(String), value: "mille euro" },
    ]);
    // The API's schema describes the report.
    expect(importReportSchema.parse(report)).toEqual(report);
  });

  it("cuts a long cell value to about 80 characters", async () => {
    const report = await previewImport(
      officer,
      SAN_DONATO,
      file(csv([projectRow(`${tag}-E`, { "Codice filone": "X".repeat(200) })])),
    );
    const [issue] = report.errors;
    expect(issue).toMatchObject({ row: 2, column: "Codice filone" });
    expect(issue!.value).toBe(`${"X".repeat(79)}…`);
  });
});
