import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { exportComuneProjects } from "@/lib/import/export-comune";
import { commitImport, ImportRejected, previewImport, type ImportReport } from "@/lib/import/import-projects";
import { HEADERS } from "@/lib/import/layout";
import { makeOrdinaryCig } from "@/lib/validation/identifiers";
import { MESSAGES } from "@/lib/validation/schemas";
import {
  actorFor,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

// ---------------------------------------------------------------------------------------------------------
// Helpers

type Row = Partial<Record<(typeof HEADERS)[number], string>>;

const quote = (v: string, sep: string) =>
  /["\r\n]/.test(v) || v.includes(sep) ? `"${v.replaceAll('"', '""')}"` : v;

/** A CSV in the import layout: header + rows given as { header: value }. */
function csv(rows: Row[], opts: { sep?: string; bom?: boolean; extra?: string[][] } = {}): string {
  const sep = opts.sep ?? ";";
  const lines = [HEADERS as string[], ...rows.map((r) => HEADERS.map((h) => r[h] ?? ""))].map((cells, i) =>
    [...cells, ...(opts.extra?.[i] ?? [])].map((c) => quote(c, sep)).join(sep),
  );
  return `${opts.bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (text: string | Uint8Array, name = "interventi.csv") => ({
  name,
  bytes: typeof text === "string" ? utf8(text) : text,
});

async function exported(actor: Actor, format: "csv" | "xlsx", template = false) {
  const response = await exportComuneProjects(actor, SAN_DONATO, format, { template });
  return new Uint8Array(await response.arrayBuffer());
}

/** Everything an import could change in a comune, to prove that nothing changed. */
async function snapshot(comune: string) {
  const [row] = await ownerQuery<Record<string, string>>(
    `SELECT
       (SELECT count(*) FROM "AuditEvent" WHERE "comuneIstat" = $1)::text AS audit,
       (SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max("updatedAt")::text, '')
          FROM "Project" WHERE "comuneIstat" = $1) AS projects,
       (SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max("updatedAt")::text, '')
          FROM "FundingLine" WHERE "comuneIstat" = $1) AS funding,
       (SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max("updatedAt")::text, '')
          FROM "Action" WHERE "comuneIstat" = $1) AS actions`,
    [comune],
  );
  return row;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved)
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value).slice(0, 500)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

const noChanges = (r: ImportReport) => ({
  projects: r.projects.create + r.projects.update,
  funding: r.fundingLines.create + r.fundingLines.update,
  actions: r.actions.create + r.actions.update,
});

let cupSeq = 0;
/** A well-formed CUP that no seeded project uses. */
const freshCup = () => `Z99Z20${String(++cupSeq + Math.floor(Math.random() * 1e6) * 100).padStart(9, "0")}`;

/** A valid new project row, then overrides. */
function projectRow(localCode: string, overrides: Row = {}): Row {
  return {
    "Tipo riga": "INTERVENTO",
    "Codice locale": localCode,
    Titolo: `Intervento importato ${localCode}`,
    Descrizione: "Da file.",
    "Codice filone": "SL-01",
    "Stato procedurale": "In corso di progettazione",
    Andamento: "In linea",
    "Avanzamento (%)": "10",
    "Costo totale": "1.234,56",
    "Inizio previsto": "01/03/2026",
    "Fine prevista": "31/12/2027",
    ...overrides,
  };
}
const fundingRow = (localCode: string, overrides: Row = {}): Row => ({
  "Tipo riga": "RISORSA",
  "Codice locale": localCode,
  Fonte: "PNRR",
  Programma: "M2C4",
  Anno: "2026",
  Previsto: "1.000,00",
  Impegnato: "500,00",
  Pagato: "0",
  ...overrides,
});
const actionRow = (localCode: string, overrides: Row = {}): Row => ({
  "Tipo riga": "AZIONE",
  "Codice locale": localCode,
  "Titolo azione": "Progetto esecutivo",
  "Tipo azione": "Progettazione",
  Responsabile: "Ufficio tecnico",
  Scadenza: "30/06/2026",
  "Stato azione": "In corso",
  ...overrides,
});

let sanDonato: Actor;
let paullo: Actor;

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
  paullo = await actorFor(OFFICER_PAULLO);
});

// ---------------------------------------------------------------------------------------------------------

describe("template and export", () => {
  it("the template has exactly the export's columns and no rows", async () => {
    const template = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await exported(sanDonato, "csv", true),
    );
    const exportText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await exported(sanDonato, "csv"));
    expect(template.charCodeAt(0)).toBe(0xfeff);
    const header = template.slice(1).split("\r\n")[0];
    expect(header).toBe(HEADERS.join(";"));
    expect(exportText.slice(1).split("\r\n")[0]).toBe(header);
    expect(template.slice(1).split("\r\n").filter(Boolean)).toHaveLength(1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported(sanDonato, "xlsx", true)) as never);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    // An empty template is a clear message, not a crash.
    const e = await rejection(previewImport(sanDonato, SAN_DONATO, file(template)));
    expect(e.message).toBe("Il file non contiene righe di dati sotto l'intestazione.");
  });

  it("exports one INTERVENTO row per live project, followed by its resources and actions", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await exported(sanDonato, "csv"));
    const kinds = text
      .slice(1)
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(";")[0]);
    const [counts] = await ownerQuery<{ p: string; f: string; a: string }>(
      `SELECT (SELECT count(*) FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL)::text p,
              (SELECT count(*) FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId" WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL)::text f,
              (SELECT count(*) FROM "Action" a JOIN "Project" p ON p.id = a."projectId" WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL)::text a`,
      [SAN_DONATO],
    );
    expect(kinds.filter((k) => k === "INTERVENTO")).toHaveLength(Number(counts!.p));
    expect(kinds.filter((k) => k === "RISORSA")).toHaveLength(Number(counts!.f));
    expect(kinds.filter((k) => k === "AZIONE")).toHaveLength(Number(counts!.a));
    expect(kinds[0]).toBe("INTERVENTO");
  });

  for (const format of ["csv", "xlsx"] as const) {
    it(`round-trips the ${format.toUpperCase()} export: export → import changes nothing`, async () => {
      const before = await snapshot(SAN_DONATO);
      const bytes = await exported(sanDonato, format);
      const preview = await previewImport(sanDonato, SAN_DONATO, file(bytes, `export.${format}`));
      expect(preview.errors).toEqual([]);
      expect(preview.ok).toBe(true);
      expect(noChanges(preview)).toEqual({ projects: 0, funding: 0, actions: 0 });
      expect(preview.projects.unchanged).toBeGreaterThan(5);
      expect(preview.fundingLines.unchanged).toBeGreaterThan(5);
      expect(preview.actions.unchanged).toBeGreaterThan(5);
      const committed = await commitImport(sanDonato, SAN_DONATO, file(bytes, `export.${format}`), {
        token: preview.token,
      });
      expect(committed.committed).toBe(true);
      expect(noChanges(committed)).toEqual({ projects: 0, funding: 0, actions: 0 });
      expect(await snapshot(SAN_DONATO)).toEqual(before);
    });
  }
});

describe("valid files", () => {
  it("imports a Windows-1252 file with ';', Italian numbers and dates, then re-imports it idempotently", async () => {
    const code = `W1252-${Date.now().toString(36)}`;
    const text = csv([
      projectRow(code, { Titolo: "Piazza della Città – riqualificazione", "Costo totale": "1.234,56" }),
      fundingRow(code, {
        Fonte: "Regione Lombardia",
        Programma: "Bando Città",
        Previsto: "1234,5",
        Impegnato: "1.000",
      }),
      actionRow(code, {
        "Titolo azione": "Gara d'appalto",
        "Tipo azione": "Affidamento (gara)",
        CIG: makeOrdinaryCig(1234567),
      }),
    ]).replace("–", "-");
    const bytes = new Uint8Array(Buffer.from(text, "latin1"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();

    const preview = await previewImport(sanDonato, SAN_DONATO, file(bytes));
    expect(preview.errors).toEqual([]);
    expect(preview.encoding).toBe("Windows-1252");
    expect(preview.separator).toBe(";");
    expect(preview.projects).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(preview.fundingLines).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(preview.actions).toEqual({ create: 1, update: 0, unchanged: 0 });

    const auditBefore = Number((await snapshot(SAN_DONATO)).audit);
    await commitImport(sanDonato, SAN_DONATO, file(bytes));
    const [p] = await ownerQuery<Record<string, string>>(
      `SELECT p.id, p.title, p."totalCost"::text cost, p."plannedStart"::text start, p.status::text, p.progress::text,
              s.code, f.programme, f."amountPlanned"::text planned, f."amountCommitted"::text committed,
              a.title action, a.kind::text, a.cig, p.version::text
         FROM "Project" p JOIN "Stream" s ON s.id = p."streamId"
         JOIN "FundingLine" f ON f."projectId" = p.id JOIN "Action" a ON a."projectId" = p.id
        WHERE p."comuneIstat" = $1 AND p."localCode" = $2`,
      [SAN_DONATO, code],
    );
    expect(p).toMatchObject({
      title: "Piazza della Città - riqualificazione",
      cost: "1234.56",
      start: "2026-03-01",
      status: "DESIGN",
      progress: "10",
      code: "SL-01",
      programme: "Bando Città",
      planned: "1234.50",
      committed: "1000.00",
      action: "Gara d'appalto",
      kind: "PROCUREMENT",
      cig: makeOrdinaryCig(1234567),
      version: "1",
    });
    // One audit event per created record, in the comune.
    const events = await ownerQuery<{ entity: string; action: string; comuneIstat: string }>(
      `SELECT entity, action, "comuneIstat" FROM "AuditEvent" ORDER BY id DESC LIMIT 3`,
    );
    expect(Number((await snapshot(SAN_DONATO)).audit) - auditBefore).toBe(3);
    expect(events.map((e) => `${e.entity}:${e.action}:${e.comuneIstat}`).sort()).toEqual([
      `Action:CREATE:${SAN_DONATO}`,
      `FundingLine:CREATE:${SAN_DONATO}`,
      `Project:CREATE:${SAN_DONATO}`,
    ]);

    // The same file again: nothing to do, nothing written.
    const before = await snapshot(SAN_DONATO);
    const again = await commitImport(sanDonato, SAN_DONATO, file(bytes));
    expect(noChanges(again)).toEqual({ projects: 0, funding: 0, actions: 0 });
    expect(again.projects.unchanged).toBe(1);
    expect(await snapshot(SAN_DONATO)).toEqual(before);
  });

  it("reads ',' separated UTF-8 files without BOM, with quoted Italian numbers", async () => {
    const code = `COMMA-${Date.now().toString(36)}`;
    const preview = await previewImport(
      sanDonato,
      SAN_DONATO,
      file(csv([projectRow(code, { "Costo totale": "1.234.567,89" }), fundingRow(code)], { sep: "," })),
    );
    expect(preview.errors).toEqual([]);
    expect(preview.separator).toBe(",");
    expect(preview.encoding).toBe("UTF-8");
    expect(preview.projects.create).toBe(1);
  });

  it("an edited file updates in place: same ids, versions bumped, changes audited", async () => {
    const code = `EDIT-${Date.now().toString(36)}`;
    const cup = freshCup();
    await commitImport(
      sanDonato,
      SAN_DONATO,
      file(
        csv([
          projectRow(code),
          fundingRow(code),
          actionRow(code),
          actionRow(code, { "Titolo azione": "Collaudo", Scadenza: "" }),
        ]),
      ),
    );
    const [before] = await ownerQuery<{ id: string; version: number }>(
      `SELECT id, version FROM "Project" WHERE "comuneIstat" = $1 AND "localCode" = $2`,
      [SAN_DONATO, code],
    );
    // Add the CUP (matched by local code), change the title, an amount and an action's status.
    const edited = csv([
      projectRow(code, { CUP: cup, Titolo: "Titolo corretto dal file" }),
      fundingRow(code, { CUP: cup, Pagato: "250,00" }),
      actionRow(code, { CUP: cup, "Stato azione": "Completata", "Data completamento": "15/06/2026" }),
      actionRow(code, { "Titolo azione": "Collaudo", Scadenza: "" }),
    ]);
    const preview = await previewImport(sanDonato, SAN_DONATO, file(edited));
    expect(preview.errors).toEqual([]);
    expect(preview.projects).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(preview.fundingLines).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(preview.actions).toEqual({ create: 0, update: 1, unchanged: 1 });
    const audit = Number((await snapshot(SAN_DONATO)).audit);
    await commitImport(sanDonato, SAN_DONATO, file(edited), { token: preview.token });
    const [after] = await ownerQuery<Record<string, string | number>>(
      `SELECT p.id, p.version, p.cup, p.title, f."amountPaid"::text paid, f.version fversion,
              (SELECT count(*)::int FROM "Action" a WHERE a."projectId" = p.id) actions,
              (SELECT status::text FROM "Action" a WHERE a."projectId" = p.id AND a.title = 'Progetto esecutivo') status
         FROM "Project" p JOIN "FundingLine" f ON f."projectId" = p.id
        WHERE p."comuneIstat" = $1 AND p."localCode" = $2`,
      [SAN_DONATO, code],
    );
    expect(after).toMatchObject({
      id: before!.id,
      version: before!.version + 1,
      cup,
      title: "Titolo corretto dal file",
      paid: "250.00",
      fversion: 2,
      actions: 2,
      status: "DONE",
    });
    expect(Number((await snapshot(SAN_DONATO)).audit) - audit).toBe(3);
    const [event] = await ownerQuery<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `SELECT before, after FROM "AuditEvent" WHERE entity = 'Project' AND "entityId" = $1 AND action = 'UPDATE'`,
      [before!.id],
    );
    expect(event!.before).toEqual({ cup: null, title: `Intervento importato ${code}` });
    expect(event!.after).toEqual({ cup, title: "Titolo corretto dal file" });

    // Now matched by CUP, even with another local code: the local code changes.
    const byCup = await previewImport(
      sanDonato,
      SAN_DONATO,
      file(csv([projectRow(`${code}-B`, { CUP: cup, Titolo: "Titolo corretto dal file" })])),
    );
    expect(byCup.errors).toEqual([]);
    expect(byCup.projects).toEqual({ create: 0, update: 1, unchanged: 0 });
  });

  it("a stale preview token is refused and nothing is written", async () => {
    const code = `TOKEN-${Date.now().toString(36)}`;
    const preview = await previewImport(sanDonato, SAN_DONATO, file(csv([projectRow(code)])));
    const before = await snapshot(SAN_DONATO);
    const e = await rejection(
      commitImport(sanDonato, SAN_DONATO, file(csv([projectRow(code, { Titolo: "Altro titolo" })])), {
        token: preview.token,
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(await snapshot(SAN_DONATO)).toEqual(before);
  });
});

describe("bad files", () => {
  it("rejects a file with many kinds of bad rows, row by row, and writes nothing", async () => {
    const [other, other2] = await ownerQuery<{ cup: string }>(
      `SELECT cup FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "deletedAt" IS NULL ORDER BY id LIMIT 2`,
      [PAULLO],
    );
    const own = await ownerQuery<{ cup: string; localCode: string; title: string }>(
      `SELECT cup, "localCode", title FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "localCode" IS NOT NULL AND "deletedAt" IS NULL ORDER BY id LIMIT 2`,
      [SAN_DONATO],
    );
    const futureYy = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, "0");
    const dupCup = freshCup();
    const P = "BAD-PARENT";
    let n = 0;
    const lc = () => `BAD-${++n}`;
    const statusLabels =
      "«Non avviato», «In avvio di progettazione», «In corso di progettazione», «In affidamento», «In esecuzione», «Concluso», «Annullato / revocato»";

    // Each case: a row with ONE defect, and the (column, message) expected for it.
    const cases: [Row, string, string | ((previousRow: number) => string)][] = [
      [projectRow(lc(), { CUP: "ABC" }), "CUP", MESSAGES.cup],
      [projectRow(lc(), { CUP: `J71B${futureYy}000120004` }), "CUP", MESSAGES.cupFutureYear],
      [
        projectRow(lc(), { "Codice filone": "XX-99" }),
        "Codice filone",
        "Filone sconosciuto «XX-99»: usa uno dei codici dei filoni elencati nella pagina di importazione.",
      ],
      [projectRow(lc(), { "Codice filone": "" }), "Codice filone", MESSAGES.required],
      [projectRow(lc(), { "Costo totale": "-5" }), "Costo totale", MESSAGES.moneyNegative],
      [projectRow(lc(), { "Costo totale": "12,34,56" }), "Costo totale", MESSAGES.money],
      [projectRow(lc(), { "Costo totale": "10,123" }), "Costo totale", MESSAGES.moneyDecimals],
      [projectRow(lc(), { "Costo totale": "" }), "Costo totale", MESSAGES.required],
      [
        projectRow(lc(), { "Inizio previsto": "01/01/2027", "Fine prevista": "31/12/2026" }),
        "Fine prevista",
        MESSAGES.endBeforeStart,
      ],
      [
        projectRow(lc(), { "Inizio effettivo": "01/01/2027", "Fine effettiva": "01/01/2026" }),
        "Fine effettiva",
        MESSAGES.endBeforeStart,
      ],
      [projectRow(lc(), { "Inizio previsto": "2026/13/45" }), "Inizio previsto", MESSAGES.date],
      [projectRow(lc(), { "Inizio previsto": "31/02/2026" }), "Inizio previsto", MESSAGES.date],
      [projectRow(lc(), { "Fine prevista": "01/01/2150" }), "Fine prevista", MESSAGES.dateRange],
      [
        projectRow(lc(), { Titolo: '=HYPERLINK("http://x")' }),
        "Titolo",
        "Le formule non sono ammesse (il valore inizia con «=»). Se è un testo, scrivilo preceduto da un apostrofo (').",
      ],
      [
        projectRow(lc(), { Descrizione: "@SUM(A1)" }),
        "Descrizione",
        "Le formule non sono ammesse (il valore inizia con «@»). Se è un testo, scrivilo preceduto da un apostrofo (').",
      ],
      [
        projectRow(lc(), { Titolo: "+cmd|' /C calc'!A0" }),
        "Titolo",
        "Le formule non sono ammesse (il valore inizia con «+»). Se è un testo, scrivilo preceduto da un apostrofo (').",
      ],
      [
        projectRow(lc(), { "Costo totale": "=1+1" }),
        "Costo totale",
        "Le formule non sono ammesse (il valore inizia con «=»). Se è un testo, scrivilo preceduto da un apostrofo (').",
      ],
      [projectRow(lc(), { Titolo: "x".repeat(400) }), "Titolo", "Al massimo 300 caratteri."],
      [projectRow(lc(), { Descrizione: "y".repeat(6000) }), "Descrizione", "Al massimo 5000 caratteri."],
      [projectRow(lc(), { Titolo: "ab" }), "Titolo", "Inserisci almeno 3 caratteri."],
      [
        projectRow(lc(), { Titolo: "CaffÃ¨ letterario" }),
        "Titolo",
        "Il testo contiene caratteri non leggibili (ad esempio «Ã¨» al posto di «è»): il file è stato salvato con una codifica diversa. Salvalo come «CSV UTF-8» o come XLSX.",
      ],
      [
        projectRow(lc(), { "Stato procedurale": "Finito" }),
        "Stato procedurale",
        `Valore non valido: usa uno tra ${statusLabels}.`,
      ],
      [
        projectRow(lc(), { Andamento: "Benissimo" }),
        "Andamento",
        "Valore non valido: usa uno tra «In linea», «A rischio», «Critico».",
      ],
      [projectRow(lc(), { "Avanzamento (%)": "150" }), "Avanzamento (%)", MESSAGES.progress],
      [projectRow(lc(), { "Avanzamento (%)": "dieci" }), "Avanzamento (%)", MESSAGES.progress],
      [
        projectRow(lc(), { "Codice locale": "" }),
        "CUP",
        "Indica il CUP o il codice locale: servono a riconoscere l'intervento.",
      ],
      [projectRow(lc(), { "Codice locale": "L".repeat(41) }), "Codice locale", "Al massimo 40 caratteri."],
      [projectRow(lc(), { CUP: dupCup }), "", ""], // valid: the next row repeats its CUP
      [
        projectRow(lc(), { CUP: dupCup }),
        "CUP",
        (prev) => `Intervento duplicato: compare già alla riga ${prev}.`,
      ],
      [
        projectRow(lc(), { CUP: other!.cup }),
        "CUP",
        "Il CUP è già usato da un intervento di un altro comune: un CUP identifica un solo intervento.",
      ],
      [
        projectRow(own[0]!.localCode, { CUP: own[1]!.cup }),
        "Codice locale",
        `Il codice locale è già usato da un altro intervento del comune («${own[0]!.title.slice(0, 80)}»).`,
      ],
      [
        { ...projectRow(lc()), "Tipo riga": "PROGETTO" },
        "Tipo riga",
        "Tipo riga non valido: scrivi INTERVENTO, RISORSA, AZIONE, INDICATORE o PARTNER.",
      ],
      [projectRow(P), "", ""], // the valid parent of the rows below
      [fundingRow(P, { Anno: "1800" }), "Anno", MESSAGES.year],
      [fundingRow(P, { Anno: "2026,5" }), "Anno", MESSAGES.year],
      [
        fundingRow(P, { Fonte: "Fondazione Cariplo" }),
        "Fonte",
        "Valore non valido: usa uno tra «UE – FESR», «UE – FSE+», «PNRR», «FSC – Fondo sviluppo e coesione», «Stato», «Regione Lombardia», «Città metropolitana», «Comune (fondi propri)», «Privati», «Partenariato pubblico-privato», «Sponsorizzazioni», «Altro».",
      ],
      [fundingRow(P, { Anno: "2027", Previsto: "" }), "Previsto", MESSAGES.required],
      [fundingRow(P, { Anno: "2028", Impegnato: "-1.000,00" }), "Impegnato", MESSAGES.moneyNegative],
      [fundingRow(P, { Anno: "2029", Pagato: "1.000.000.000.000,00" }), "Pagato", MESSAGES.moneyTooLarge],
      [fundingRow(P, { Anno: "2030" }), "", ""],
      [
        fundingRow(P, { Anno: "2030" }),
        "Fonte",
        (prev) =>
          `Risorsa duplicata: la stessa fonte, lo stesso programma e lo stesso anno compaiono già alla riga ${prev}.`,
      ],
      [
        fundingRow("NON-ESISTE"),
        "Codice locale",
        "Nessun intervento con codice locale «NON-ESISTE» nel file o tra gli interventi del comune.",
      ],
      [
        fundingRow("", { CUP: other2!.cup }),
        "CUP",
        `Nessun intervento con CUP ${other2!.cup} nel file o tra gli interventi del comune.`,
      ],
      [actionRow(P, { CIG: "1234567ABC" }), "CIG", MESSAGES.cig],
      [
        actionRow(P, { "Titolo azione": "Senza data", "Stato azione": "Completata" }),
        "Data completamento",
        MESSAGES.doneDateRequired,
      ],
      [
        actionRow(P, { "Titolo azione": "Tipo ignoto", "Tipo azione": "Festa" }),
        "Tipo azione",
        "Valore non valido: usa uno tra «Pianificazione», «Progettazione», «Affidamento (gara)», «Lavori», «Servizio», «Comunicazione», «Monitoraggio».",
      ],
      [
        actionRow(P, { "Titolo azione": "Stato ignoto", "Stato azione": "Sospesa" }),
        "Stato azione",
        "Valore non valido: usa uno tra «Da fare», «In corso», «Completata», «Bloccata».",
      ],
      [actionRow(P, { "Titolo azione": "" }), "Titolo azione", MESSAGES.required],
      [actionRow(P, { "Titolo azione": "Data errata", Scadenza: "30-06-26" }), "Scadenza", MESSAGES.date],
      [actionRow(P, { "Titolo azione": "Doppia" }), "", ""],
      [
        actionRow(P, { "Titolo azione": "Doppia" }),
        "Titolo azione",
        (prev) => `Azione duplicata: lo stesso titolo con la stessa scadenza compare già alla riga ${prev}.`,
      ],
    ];
    const rowOf = (i: number) => i + 2; // header is row 1
    const text = csv(
      cases.map((c) => c[0]),
      { extra: [[], ...cases.map((_, i) => (i === 0 ? ["intruso"] : []))] },
    );
    // The first data row carries a value in a 28th column without a header.
    const expected = cases.flatMap(([, column, message], i) =>
      column
        ? [
            {
              row: rowOf(i),
              column,
              message: typeof message === "function" ? message(rowOf(i - 1)) : message,
            },
          ]
        : [],
    );
    expected.unshift({
      row: 2,
      column: `colonna ${HEADERS.length + 1}`,
      message:
        "C'è un valore in una colonna senza intestazione: toglilo o sposta il dato nella colonna giusta.",
    });

    const before = await snapshot(SAN_DONATO);
    const preview = await previewImport(sanDonato, SAN_DONATO, file(text));
    expect(preview.ok).toBe(false);
    expect(preview.token).toBeNull();
    // Each issue also quotes its cell (issue 16 item 2: import-preview.test.ts checks the values).
    for (const want of expected)
      expect(preview.errors).toContainEqual({ ...want, value: expect.toBeOneOf([expect.any(String), null]) });
    expect(preview.errors).toHaveLength(expected.length);
    expect(new Set(expected.map((e) => e.column)).size).toBeGreaterThanOrEqual(20);
    expect(expected.length).toBeGreaterThanOrEqual(45);
    expect(preview.errorRows).toBe(new Set(expected.map((e) => e.row)).size);

    const e = await rejection(commitImport(sanDonato, SAN_DONATO, file(text)));
    expect(e).toBeInstanceOf(ImportRejected);
    expect(e.message).toBe(
      `Il file contiene errori in ${preview.errorRows} righe: nessuna modifica è stata salvata. Correggi il file e caricalo di nuovo.`,
    );
    expect((e as ImportRejected).report.errors).toEqual(preview.errors);
    expect(await snapshot(SAN_DONATO)).toEqual(before);
  });

  it("reads formula cells of an XLSX file by their cached result, and its numbers, dates and text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Interventi");
    ws.addRow([...HEADERS]);
    const at = (h: string) => HEADERS.indexOf(h) + 1;
    const row = ws.addRow([]);
    const code = `XLSX-${Date.now().toString(36)}`;
    row.getCell(at("Tipo riga")).value = "INTERVENTO";
    row.getCell(at("Codice locale")).value = code;
    row.getCell(at("Titolo")).value = {
      formula: 'CONCAT("Titolo ";"calcolato")',
      result: "Titolo calcolato",
    } as ExcelJS.CellFormulaValue;
    row.getCell(at("Codice filone")).value = "SL-02";
    row.getCell(at("Costo totale")).value = 1234.5;
    row.getCell(at("Inizio previsto")).value = new Date(Date.UTC(2026, 2, 1));
    const good = ws.addRow([]);
    good.getCell(at("Tipo riga")).value = "INTERVENTO";
    good.getCell(at("Codice locale")).value = `${code}-ok`;
    good.getCell(at("Titolo")).value = { richText: [{ text: "Testo " }, { text: "ricco" }] };
    good.getCell(at("Codice filone")).value = "SL-02";
    good.getCell(at("Costo totale")).value = 99.9;
    good.getCell(at("Avanzamento (%)")).value = 30;
    good.getCell(at("Inizio previsto")).value = new Date(Date.UTC(2026, 2, 1));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await previewImport(sanDonato, SAN_DONATO, file(bytes, "f.xlsx"));
    expect(preview.format).toBe("xlsx");
    // Issue #16: a formula's cached result is the value (never the formula, never evaluated).
    expect(preview.errors).toEqual([]);
    expect(preview.projects.create).toBe(2);
    expect(preview.changes.find((c) => c.row === 2)?.record).toContain("Titolo calcolato");
  });

  it("answers file-level problems with a clear message and no writes", async () => {
    const before = await snapshot(SAN_DONATO);
    const message = async (bytes: Uint8Array | string, name = "f.csv") =>
      (await rejection(previewImport(sanDonato, SAN_DONATO, file(bytes, name)))).message;

    expect(await message("")).toBe("Il file è vuoto.");
    expect(await message("\uFEFF\r\n;;;\r\n")).toBe("Il file è vuoto.");
    // UTF-16 without a BOM (with one it is Excel's "Testo Unicode", and is read: excel-files.test.ts).
    const utf16 = new Uint8Array(Buffer.from(csv([projectRow("U16")]), "utf16le"));
    expect(await message(utf16)).toBe(
      "Codifica del file non supportata (UTF-16): salva il file come «CSV UTF-8 (delimitato da virgole)» o come XLSX.",
    );
    expect(await message(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), "f.xls")).toBe(
      "Il formato XLS (Excel 97-2003) non è supportato: salva il file come XLSX o CSV.",
    );
    expect(await message(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]), "f.xlsx")).toBe(
      "Il file XLSX non si può leggere: è danneggiato o non è un file Excel. Salvalo di nuovo come XLSX.",
    );
    const missing = csv([projectRow("M")])
      .replace(";Andamento;", ";")
      .replace(";CIG;", ";");
    // Issue #16: missing columns are listed (updates keep their stored values), unknown ones ask for a
    // mapping (tests/integration/import-mapping.test.ts).
    const withoutColumns = await previewImport(sanDonato, SAN_DONATO, file(missing));
    expect(withoutColumns.missingColumns).toEqual(["Andamento", "CIG"]);
    const extra = csv([projectRow("E")], { extra: [["Note", "Assessore"]] });
    const unknown = await previewImport(sanDonato, SAN_DONATO, file(extra));
    expect(unknown.mappingNeeded).toBe(true);
    expect(unknown.ok).toBe(false);
    expect(unknown.columns.filter((c) => c.source === "unknown").map((c) => c.header)).toEqual([
      "Note",
      "Assessore",
    ]);
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
    expect(await message(big)).toBe("Il file è troppo grande: il limite è di 5 MB. Dividilo in più file.");
    const many = csv(
      Array.from({ length: 20_001 }, (_, i) => ({ "Tipo riga": "RISORSA", "Codice locale": `R${i}` })),
    );
    expect(await message(many)).toBe(
      "Il file ha troppe righe: il limite è di 20.000 righe. Dividilo in più file.",
    );
    expect(await snapshot(SAN_DONATO)).toEqual(before);
  });
});

describe("tenant wall", () => {
  it("an officer of another comune, or a coordinator, cannot import into a comune (404)", async () => {
    const text = csv([projectRow(`WALL-${Date.now()}`)]);
    for (const actor of [paullo, await actorFor(COORDINATOR)]) {
      expect((await rejection(previewImport(actor, SAN_DONATO, file(text)))).code).toBe("NOT_FOUND");
      expect((await rejection(commitImport(actor, SAN_DONATO, file(text)))).code).toBe("NOT_FOUND");
    }
  });

  it("a row cannot reach another comune's project: matching stays within the own comune", async () => {
    const [target] = await ownerQuery<{ cup: string; localCode: string; title: string }>(
      `SELECT cup, "localCode", title FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "deletedAt" IS NULL LIMIT 1`,
      [SAN_DONATO],
    );
    const before = await snapshot(SAN_DONATO);
    // Paullo's officer names a San Donato project by CUP: refused (the CUP is taken nationally) …
    const byCup = await previewImport(
      paullo,
      PAULLO,
      file(
        csv([
          projectRow("X", { CUP: target!.cup, Titolo: "Dirottato" }),
          fundingRow("", { CUP: target!.cup }),
        ]),
      ),
    );
    expect(byCup.errors).toEqual([
      {
        row: 2,
        column: "CUP",
        message:
          "Il CUP è già usato da un intervento di un altro comune: un CUP identifica un solo intervento.",
        value: target!.cup,
      },
    ]);
    // … and by local code: a new project of Paullo, San Donato's stays as it is.
    const byLocal = await commitImport(
      paullo,
      PAULLO,
      file(csv([projectRow(target!.localCode, { Titolo: "Omonimo di Paullo" })])),
    );
    expect(byLocal.projects).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(await snapshot(SAN_DONATO)).toEqual(before);
    const [created] = await ownerQuery<{ comuneIstat: string }>(
      `SELECT "comuneIstat" FROM "Project" WHERE title = 'Omonimo di Paullo'`,
    );
    expect(created!.comuneIstat).toBe(PAULLO);
  });
});
