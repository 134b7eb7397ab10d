// Issue #16, item 1: the import reads what Excel writes, exactly. The files under tests/fixtures/excel/ are
// byte-exact as Excel on an Italian Windows saves them (scripts/fixtures/make-excel-fixtures.mjs): CSV in
// Windows-1252 ("–" is 0x96, "€" 0x80, "’" 0x92), CSV UTF-8 with a BOM, "Testo Unicode" (UTF-16LE with a
// BOM, tabs). Each is previewed and committed as San Donato's officer, then the stored records are read.
// No control character is ever stored: an import row, an API body and a form are refused with a field
// message.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { commitImport, previewImport } from "@/lib/import/import-projects";
import { INITIAL_FORM_STATE } from "@/lib/validation/form-state";
import { TEXT_MESSAGES } from "@/lib/validation/text";
import { call } from "./api-harness";
import { actorFor, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));

const { saveProjectAction } = await import("@/app/(portal)/comuni/[istat]/interventi/actions");

const FIXTURES = path.resolve(__dirname, "../fixtures/excel");
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))) });

let sanDonato: Actor;
let streamId: string;

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  session.actor = sanDonato;
  [{ id: streamId }] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" WHERE code = 'SL-01'`);
});

async function stored(localCode: string) {
  const [project] = await ownerQuery<Record<string, string>>(
    `SELECT p.title, p.summary, p."totalCost"::text AS cost, f.programme, f."amountPlanned"::text AS planned,
            f."amountCommitted"::text AS committed, a.title AS action, a.owner
       FROM "Project" p JOIN "FundingLine" f ON f."projectId" = p.id JOIN "Action" a ON a."projectId" = p.id
      WHERE p."comuneIstat" = $1 AND p."localCode" = $2 AND p."deletedAt" IS NULL`,
    [SAN_DONATO, localCode],
  );
  return project;
}

/** Any C0/C1 control character (the fixtures' texts have no tab or line break). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

describe("files as Excel writes them", () => {
  it.each([
    ["csv-windows-1252.csv", "XLS-1252", "Windows-1252", ";"],
    ["csv-utf8-bom.csv", "XLS-UTF8", "UTF-8", ";"],
    ["testo-unicode-utf16le.txt", "XLS-UTF16", "UTF-16", "\t"],
  ] as const)(
    "%s: €, –, ’ and accented letters stored exactly",
    async (name, localCode, encoding, separator) => {
      const preview = await previewImport(sanDonato, SAN_DONATO, fixture(name));
      expect(preview.errors).toEqual([]);
      expect(preview.encoding).toBe(encoding);
      expect(preview.separator).toBe(separator);
      expect(preview.rows).toBe(3);
      expect(preview.projects.create + preview.projects.unchanged).toBe(1);

      const committed = await commitImport(sanDonato, SAN_DONATO, fixture(name));
      expect(committed.committed).toBe(true);
      const project = await stored(localCode);
      expect(project).toEqual({
        title: "Piazza della Città – riqualificazione dell’area mercato",
        summary: 'Area mercato: è "più verde"; però sì, così è là',
        // "Costo totale (€)" is the column "Costo totale"; "€ 380.500" is 380500 euro.
        cost: "380500.00",
        programme: "M2C4 – Efficienza energetica",
        planned: "380500.00",
        committed: "1234.56",
        action: "Progettazione esecutiva – lotto 1",
        owner: "Ufficio tecnico – Arch. Rossi",
      });
      expect(project.title).toContain("–");
      expect(project.title).toContain("’");
      expect(project.title).toContain("à");
      for (const value of Object.values(project)) expect(value).not.toMatch(CONTROL);
    },
  );
});

describe("control characters are never stored", () => {
  it("an import row with a control character is an error naming its row and column", async () => {
    const preview = await previewImport(sanDonato, SAN_DONATO, fixture("control-characters-utf8.csv"));
    expect(preview.encoding).toBe("UTF-8");
    expect(preview.ok).toBe(false);
    expect(preview.errors).toEqual([
      // The cell is quoted with the control character named, never sent raw.
      {
        row: 2,
        column: "Titolo",
        message: TEXT_MESSAGES.control("U+0096"),
        value: "Piazza della Città [U+0096] mercato",
      },
      {
        row: 3,
        column: "Descrizione",
        message: TEXT_MESSAGES.control("U+0007"),
        value: "Testo con un campanello [U+0007] dentro",
      },
    ]);
    await expect(
      commitImport(sanDonato, SAN_DONATO, fixture("control-characters-utf8.csv")),
    ).rejects.toThrow();
    const rows = await ownerQuery(`SELECT id FROM "Project" WHERE "localCode" LIKE 'XLS-CTRL-%'`);
    expect(rows).toEqual([]);
  });

  it("POST /api/v1/projects with a control character in the title: 422 with the field error", async () => {
    const title = "Piazza \u0096 mercato";
    const res = await call("post", "projects", { json: { streamId, title, totalCost: "1000" } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((res.body as { errors: Record<string, string[]> }).errors).toEqual({
      title: [TEXT_MESSAGES.control("U+0096")],
    });
    const saved = await ownerQuery(`SELECT id FROM "Project" WHERE title = $1`, [title]);
    expect(saved).toEqual([]);
  });

  it("a one-line API field refuses a line break; the multi-line summary keeps it", async () => {
    const refused = await call("post", "projects", {
      json: { streamId, title: "Riga uno\nRiga due", totalCost: "1000" },
    });
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: Record<string, string[]> }).errors).toEqual({
      title: [TEXT_MESSAGES.singleLine],
    });
    const title = `Sommario su più righe ${Date.now().toString(36)}`;
    const created = await call("post", "projects", {
      json: { streamId, title, summary: "Riga uno\r\nRiga due\tcon tabulazione", totalCost: "1000" },
    });
    expect(created.status).toBe(201);
    const [row] = await ownerQuery<{ summary: string }>(`SELECT summary FROM "Project" WHERE title = $1`, [
      title,
    ]);
    expect(row.summary).toBe("Riga uno\r\nRiga due\tcon tabulazione");
  });

  it("the project form refuses a control character next to the field", async () => {
    const data = new FormData();
    data.set("streamId", streamId);
    data.set("title", "Scuola \u0007 primaria");
    data.set("totalCost", "€ 1.000");
    const state = await saveProjectAction(INITIAL_FORM_STATE, data);
    expect(state.ok).toBe(false);
    expect(state.fieldErrors).toEqual({ title: [TEXT_MESSAGES.control("U+0007")] });
    const saved = await ownerQuery(`SELECT id FROM "Project" WHERE title LIKE 'Scuola % primaria'`);
    expect(saved).toEqual([]);
  });
});
