import { beforeAll, describe, expect, it } from "vitest";
import { resolveAuditNames } from "@/lib/audit/audit-names";
import { exportAudit } from "@/lib/audit/export-audit";
import { listAudit, type AuditRow } from "@/lib/audit/list-audit";
import { getProjectHistory } from "@/lib/audit/project-history";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { AUDIT_NOT_VISIBLE } from "@/lib/format/audit";
import { createProject, deleteProject, updateProject } from "@/lib/projects/save-project";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ENUM_CASE = /\b[A-Z]+_[A-Z_]+\b|\b(?:EXECUTION|COMPLETED|ARCHIVE|UPDATE)\b/;
const ISO = /\d{4}-\d{2}-\d{2}/;

let admin: Actor;
let sanDonato: Actor;
let paullo: Actor;
let streams: { id: string; code: string; name: string }[];
let projectId: string;
let title: string;

function readable(row: Pick<AuditRow, "changes">) {
  return Object.fromEntries(row.changes.map((c) => [c.label, `${c.before} → ${c.after}`]));
}

beforeAll(async () => {
  [admin, sanDonato, paullo] = await Promise.all([
    actorFor(ADMIN),
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
  ]);
  streams = await ownerQuery<{ id: string; code: string; name: string }>(
    `SELECT id, code, name FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 2`,
  );
  title = `Registro leggibile ${Date.now().toString(36)}`;
  const created = await createProject(sanDonato, {
    streamId: streams[0].id,
    title,
    totalCost: "1.000,00",
    status: "EXECUTION",
    health: "ON_TRACK",
    plannedStart: "01/03/2026",
  });
  projectId = created.id;
  await updateProject(sanDonato, projectId, {
    streamId: streams[1].id,
    title,
    totalCost: "1.234,56",
    status: "COMPLETED",
    health: "AT_RISK",
    plannedStart: "15/04/2026",
    partnerIstat: [PAULLO],
    version: "1",
  });
});

describe("the audit log reads as Italian, with names instead of identifiers", () => {
  it("an update of status, health, filone, amount, date and partners", async () => {
    const page = await listAudit(admin, { oggetto: "Project", azione: "UPDATE", utente: sanDonato.email });
    const row = page.rows.find((r) => r.entityId === projectId)!;
    expect(row.entityName).toBe(title);
    expect(readable(row)).toEqual({
      Stato: "In esecuzione → Concluso",
      Andamento: "In linea → A rischio",
      Filone: `${streams[0].code} · ${streams[0].name} → ${streams[1].code} · ${streams[1].name}`,
      "Costo totale": "1.000,00\u00a0€ → 1.234,56\u00a0€",
      "Inizio previsto": "01/03/2026 → 15/04/2026",
      "Comuni partner": "— → Paullo",
    });
    for (const c of row.changes) {
      expect(`${c.label} ${c.before} ${c.after}`).not.toMatch(UUID);
      expect(`${c.label} ${c.before} ${c.after}`).not.toMatch(ENUM_CASE);
      expect(`${c.label} ${c.before} ${c.after}`).not.toMatch(ISO);
    }
  });

  it("a creation names the filone and the Smart Land; a deletion's moment is dd/mm/yyyy HH:mm", async () => {
    const other = await createProject(sanDonato, {
      streamId: streams[0].id,
      title: `${title} (2)`,
      totalCost: "0",
    });
    await deleteProject(sanDonato, other.id, 1);
    const page = await listAudit(admin, { oggetto: "Project", utente: sanDonato.email });
    const mine = page.rows.filter((r) => r.entityId === other.id);
    const create = mine.find((r) => r.action === "CREATE")!;
    expect(create.changes.find((c) => c.field === "streamId")?.after).toBe(
      `${streams[0].code} · ${streams[0].name}`,
    );
    const removed = mine.find((r) => r.action === "DELETE")!;
    expect(removed.entityName).toBe(`${title} (2)`);
    for (const c of removed.changes) expect(`${c.before} ${c.after}`).not.toMatch(/T\d{2}:\d{2}|Z$/);
    const deletedAt = removed.changes.find((c) => c.field === "deletedAt");
    if (deletedAt) expect(deletedAt.after).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it("a login names the user; the CSV reads like the page and keeps its columns", async () => {
    const response = await exportAudit(admin, { oggetto: "Project", utente: sanDonato.email });
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Data e ora;Utente;Ruolo;Comune;Codice ISTAT comune;Oggetto;Identificativo;Azione;Campo;Prima;Dopo;Ripetizioni;ID evento;ID richiesta",
    );
    const mine = lines.filter((l) => l.includes(projectId));
    expect(mine.some((l) => l.includes(";Modifica;Stato;In esecuzione;Concluso;"))).toBe(true);
    expect(mine.some((l) => l.includes(";Modifica;Andamento;In linea;A rischio;"))).toBe(true);
    expect(mine.some((l) => l.includes(`;Modifica;Filone;${streams[0].code} · ${streams[0].name};`))).toBe(
      true,
    );
    for (const l of mine) {
      const [, , , , , , , , field, before, after] = l.split(";");
      expect(`${field} ${before} ${after}`).not.toMatch(UUID);
      expect(`${field} ${before} ${after}`).not.toMatch(ENUM_CASE);
    }
  });

  it("the project history reads the same", async () => {
    const history = await getProjectHistory(sanDonato, { id: projectId, comuneIstat: SAN_DONATO });
    const update = history.find((e) => e.action === "UPDATE")!;
    expect(readable(update)).toMatchObject({
      Stato: "In esecuzione → Concluso",
      "Comuni partner": "— → Paullo",
    });
  });
});

describe("names are resolved under the reader's row-level security", () => {
  it("only the administrator reads the log at all", async () => {
    for (const email of [COORDINATOR, OFFICER_SAN_DONATO, OFFICER_PAULLO]) {
      const actor = await actorFor(email);
      const error = await listAudit(actor, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
  });

  it("an officer never resolves another comune's private records: they stay '(non visibile)'", async () => {
    const foreign = await projectOf(SAN_DONATO, { notPartner: PAULLO });
    const event = {
      entity: "Action",
      entityId: "00000000-0000-4000-8000-000000000000",
      comuneIstat: SAN_DONATO,
      actorId: sanDonato.userId,
      before: null,
      after: { projectId: foreign.id, createdById: sanDonato.userId, streamId: streams[0].id },
    };
    const asPaullo = await withActor(paullo, (tx) => resolveAuditNames(tx, [event]));
    expect(asPaullo.project?.has(foreign.id)).toBe(false);
    expect(asPaullo.user?.has(sanDonato.userId!)).toBe(false);
    // Public records (filoni, comuni) are named for everyone.
    expect(asPaullo.stream?.get(streams[0].id)).toBe(`${streams[0].code} · ${streams[0].name}`);
    expect(asPaullo.comune?.get(SAN_DONATO)).toBe("San Donato Milanese");

    const asAdmin = await withActor(admin, (tx) => resolveAuditNames(tx, [event]));
    expect(asAdmin.project?.get(foreign.id)).toBe(foreign.title);
    expect(asAdmin.user?.get(sanDonato.userId!)).toBe(sanDonato.name);
    expect(AUDIT_NOT_VISIBLE).toBe("(non visibile)");
  });
});
