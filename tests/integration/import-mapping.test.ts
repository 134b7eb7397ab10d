// Issue #16, item 3: an office's own headers. Synonyms are read at once; an unknown header asks for a
// mapping; the officer's mapping is remembered for the comune (table "ImportColumnMapping", RLS) and
// applied to its next files, never to another comune's; the API takes it as `mappatura`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/comuni/[istat]/import/route";
import type { Actor } from "@/lib/auth/actor";
import { commitImport, previewImport } from "@/lib/import/import-projects";
import { createApiToken } from "@/lib/users/api-tokens";
import {
  actorFor,
  appQuery,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

let sanDonato: Actor;
let paullo: Actor;

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  paullo = await actorFor(OFFICER_PAULLO);
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const file = (text: string | Uint8Array, name = "ufficio.csv") => ({
  name,
  bytes: typeof text === "string" ? new TextEncoder().encode(text) : text,
});

/** An office's CSV: synonym headers, plus `odd` (a header no list knows) holding the cost. */
function officeCsv(odd: string, code: string) {
  return [
    `Cod. locale;Titolo intervento;Filone;${odd};Assessore ${odd}`,
    `${code};Rotatoria via Emilia;SL-01 · Mobilità sostenibile e intermodale;125.000,50;Ass. Rossi`,
  ]
    .map((l) => `${l}\r\n`)
    .join("");
}

describe("column mapping", () => {
  it("reads synonym headers, asks for unknown ones, remembers the officer's mapping per comune", async () => {
    const odd = `Spesa ${unique()}`;
    const code = `MAP-${unique()}`;
    const text = officeCsv(odd, code);

    const first = await previewImport(sanDonato, SAN_DONATO, file(text));
    expect(first.mappingNeeded).toBe(true);
    expect(first.ok).toBe(false);
    expect(first.columns).toEqual([
      { header: "Cod. locale", column: "Codice locale", source: "synonym" },
      { header: "Titolo intervento", column: "Titolo", source: "synonym" },
      { header: "Filone", column: "Codice filone", source: "synonym" },
      { header: odd, column: null, source: "unknown" },
      { header: `Assessore ${odd}`, column: null, source: "unknown" },
    ]);

    const mapping = new Map<string, string | null>([
      [odd.toLowerCase(), "Costo totale"],
      [`assessore ${odd.toLowerCase()}`, null],
    ]);
    const chosen = await previewImport(sanDonato, SAN_DONATO, file(text), { mapping });
    expect(chosen.mappingNeeded).toBe(false);
    expect(chosen.errors).toEqual([]);
    expect(chosen.ok).toBe(true);
    expect(chosen.projects.create).toBe(1);
    expect(chosen.columns.filter((c) => c.source === "chosen")).toEqual([
      { header: odd, column: "Costo totale", source: "chosen" },
      { header: `Assessore ${odd}`, column: null, source: "chosen" },
    ]);
    const stored = await ownerQuery<{ comuneIstat: string; fileHeader: string; column: string | null }>(
      `SELECT "comuneIstat", "fileHeader", "column" FROM "ImportColumnMapping" WHERE "fileHeader" LIKE $1
       ORDER BY "fileHeader" DESC`,
      [`%${odd}`],
    );
    expect(stored).toEqual([
      { comuneIstat: SAN_DONATO, fileHeader: odd, column: "Costo totale" },
      { comuneIstat: SAN_DONATO, fileHeader: `Assessore ${odd}`, column: null },
    ]);
    const audit = await ownerQuery<{ n: string }>(
      `SELECT count(*)::text AS n FROM "AuditEvent" WHERE entity = 'ImportColumnMapping' AND after->>'fileHeader' LIKE $1`,
      [`%${odd}`],
    );
    expect(audit[0]!.n).toBe("2");

    // The next upload of the same comune: applied from memory, and committed.
    const again = await previewImport(sanDonato, SAN_DONATO, file(text));
    expect(again.mappingNeeded).toBe(false);
    expect(again.columns.filter((c) => c.source === "remembered").map((c) => c.header)).toEqual([
      odd,
      `Assessore ${odd}`,
    ]);
    const done = await commitImport(sanDonato, SAN_DONATO, file(text), { token: again.token });
    expect(done.projects.create).toBe(1);
    const [project] = await ownerQuery<{ title: string; totalCost: string; code: string }>(
      `SELECT p.title, p."totalCost"::text AS "totalCost", s.code FROM "Project" p JOIN "Stream" s ON s.id = p."streamId"
       WHERE p."comuneIstat" = $1 AND p."localCode" = $2`,
      [SAN_DONATO, code],
    );
    expect(project).toEqual({ title: "Rotatoria via Emilia", totalCost: "125000.50", code: "SL-01" });

    // The officer changes a remembered column: the new choice wins and is remembered.
    const changed = await previewImport(sanDonato, SAN_DONATO, file(text), {
      mapping: new Map([[odd.toLowerCase(), null]]),
    });
    expect(changed.columns.find((c) => c.header === odd)).toEqual({
      header: odd,
      column: null,
      source: "chosen",
    });
    const [after] = await ownerQuery<{ column: string | null }>(
      `SELECT "column" FROM "ImportColumnMapping" WHERE "comuneIstat" = $1 AND "fileHeader" = $2`,
      [SAN_DONATO, odd],
    );
    expect(after!.column).toBeNull();
  });

  it("another comune's mapping never applies, and RLS hides and protects it", async () => {
    const odd = `Voce ${unique()}`;
    const text = officeCsv(odd, `CROSS-${unique()}`);
    await previewImport(sanDonato, SAN_DONATO, file(text), {
      mapping: new Map([
        [odd.toLowerCase(), "Costo totale"],
        [`assessore ${odd.toLowerCase()}`, null],
      ]),
    });
    const elsewhere = await previewImport(paullo, PAULLO, file(text));
    expect(elsewhere.mappingNeeded).toBe(true);
    expect(elsewhere.columns.find((c) => c.header === odd)?.source).toBe("unknown");

    const asPaullo = { role: "OFFICER", comune: PAULLO, user: paullo.userId };
    expect(
      await appQuery(asPaullo, `SELECT * FROM "ImportColumnMapping" WHERE "comuneIstat" = $1`, [SAN_DONATO]),
    ).toEqual([]);
    await expect(
      appQuery(
        asPaullo,
        `INSERT INTO "ImportColumnMapping" ("comuneIstat", header, "fileHeader", "column") VALUES ($1, 'x', 'x', NULL)`,
        [SAN_DONATO],
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await appQuery(
      asPaullo,
      `UPDATE "ImportColumnMapping" SET "column" = NULL WHERE "comuneIstat" = $1 RETURNING id`,
      [SAN_DONATO],
    );
    expect(updated).toEqual([]);
    const [row] = await ownerQuery<{ column: string | null }>(
      `SELECT "column" FROM "ImportColumnMapping" WHERE "comuneIstat" = $1 AND "fileHeader" = $2`,
      [SAN_DONATO, odd],
    );
    expect(row!.column).toBe("Costo totale");
  });

  it("the API takes `mappatura`, applies the remembered mapping, and refuses a bad one with 422", async () => {
    const token = (await createApiToken(sanDonato, { name: `mapping-${unique()}` })).token;
    const post = async (text: string, query: string, istat = SAN_DONATO) => {
      const request = new Request(`http://127.0.0.1/api/v1/comuni/${istat}/import${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", "x-file-name": "f.csv" },
        body: text,
      });
      const response = await importRoute.POST(request, { params: Promise.resolve({ istat }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const odd = `Importo ${unique()}`;
    const text = officeCsv(odd, `API-${unique()}`);
    const mappatura = encodeURIComponent(
      JSON.stringify({ [odd]: "Costo totale", [`Assessore ${odd}`]: null }),
    );
    const withMapping = await post(text, `?anteprima=1&mappatura=${mappatura}`);
    expect(withMapping.status).toBe(200);
    expect(withMapping.body).toMatchObject({ ok: true, mappingNeeded: false });
    const remembered = await post(text, "?anteprima=1");
    expect(remembered.body).toMatchObject({ ok: true, mappingNeeded: false });
    expect(remembered.body.columns).toContainEqual({
      header: odd,
      column: "Costo totale",
      source: "remembered",
    });

    const bad = await post(text, `?anteprima=1&mappatura=${encodeURIComponent('{"x":"Password"}')}`);
    expect(bad.status).toBe(422);
    expect(String(bad.body.detail)).toMatch(/non è una colonna del portale/);
    // A commit of a file that still needs a mapping is refused, nothing written.
    const unmapped = await post(officeCsv(`Altro ${unique()}`, `API-${unique()}`), "");
    expect(unmapped.status).toBe(422);
    // Another comune through the API: 404.
    expect((await post(text, "?anteprima=1", PAULLO)).status).toBe(404);
  });

  it("reads the office workbook fixture once its unknown column is ignored", async () => {
    const bytes = new Uint8Array(
      readFileSync(path.resolve(__dirname, "../fixtures/excel/intestazioni-ufficio.xlsx")),
    );
    const preview = await previewImport(sanDonato, SAN_DONATO, file(bytes, "ufficio.xlsx"), {
      mapping: new Map([["assessore di riferimento", null]]),
    });
    expect(preview.errors).toEqual([]);
    expect(preview.ok).toBe(true);
    expect(preview.rows).toBe(3);
  });
});
