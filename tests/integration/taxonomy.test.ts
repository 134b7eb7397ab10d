import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { verifyCredentials } from "@/lib/auth/credentials";
import { changeComuneAccount, getComuneAccount } from "@/lib/comuni/manage-comune";
import { listComuni } from "@/lib/comuni/list-comuni";
import { getProjectFormOptions } from "@/lib/projects/form-options";
import { createProject, deleteProject, updateProject } from "@/lib/projects/save-project";
import { getRollup } from "@/lib/rollup/get-rollup";
import {
  createSmartLand,
  getSmartLandForActor as getSmartLandForEditor,
  updateSmartLand,
} from "@/lib/smart-lands/manage-smart-lands";
import {
  createStream,
  deleteStream,
  getStreamForActor as getStreamForEditor,
  listStreamsForActor as listStreamsForEditor,
  setStreamArchived,
  STREAM_IN_USE,
  updateStream,
} from "@/lib/streams/manage-streams";
import { slugify } from "@/lib/validation/taxonomy";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const STREAM = {
  code: "SL-T1",
  name: "Filone di prova",
  description: "",
  theme: "ENERGY",
  pnrrMission: "",
  values: ["INNOVATION", "SUSTAINABILITY"],
};

function projectInput(streamId: string, title: string) {
  return {
    streamId,
    title,
    summary: "",
    cup: "",
    localCode: "",
    totalCost: "1.000,00",
    status: "NOT_STARTED",
    health: "ON_TRACK",
    progress: "0",
    smartLandId: "",
    partnerIstat: [],
  };
}

describe("comune accounts", () => {
  it("suspend refuses the officers' login and sessions, keeps the data in the roll-up; reinstate restores", async () => {
    const admin = await actorFor(ADMIN);
    const officer = await actorFor(OFFICER_MELEGNANO);
    const [{ sv }] = await ownerQuery<{ sv: number }>(
      `SELECT "sessionVersion" AS sv FROM "User" WHERE id = $1`,
      [officer.userId],
    );
    expect(await verifyCredentials(OFFICER_MELEGNANO, "Melegnano-Demo-2026!")).not.toBeNull();
    const before = await getComuneAccount(admin, MELEGNANO);
    await changeComuneAccount(admin, MELEGNANO, "suspend", before.version);

    expect(await verifyCredentials(OFFICER_MELEGNANO, "Melegnano-Demo-2026!")).toBeNull();
    expect(await loadActor(officer.userId, sv)).toBeNull();
    const coordinator = await actorFor(COORDINATOR);
    const rollup = await getRollup(coordinator, {});
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL`,
      [MELEGNANO],
    );
    expect(n).toBeGreaterThan(0);
    expect(rollup.byComune.find((c) => c.key === MELEGNANO)?.projects).toBe(n);

    // A stale version is refused; the current one reinstates.
    await expect(changeComuneAccount(admin, MELEGNANO, "reinstate", before.version)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const now = await getComuneAccount(admin, MELEGNANO);
    expect(now.suspended).toBe(true);
    await changeComuneAccount(admin, MELEGNANO, "reinstate", now.version);
    expect(await verifyCredentials(OFFICER_MELEGNANO, "Melegnano-Demo-2026!")).not.toBeNull();
    expect(await loadActor(officer.userId, sv)).toBeNull(); // the old session does not come back
    const audit = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'Comune' AND "entityId" = $1 ORDER BY id`,
      [MELEGNANO],
    );
    expect(audit.map((a) => a.action)).toEqual(["SUSPEND", "REINSTATE"]);
  });

  it("onboards a non-member comune and filters the list by state and province", async () => {
    const admin = await actorFor(ADMIN);
    const [candidate] = await ownerQuery<{ istat: string; version: number }>(
      `SELECT istat, version FROM "Comune" WHERE NOT member AND "provinceIstat" = '016' ORDER BY istat LIMIT 1`,
    );
    await changeComuneAccount(admin, candidate.istat, "onboard", candidate.version);
    const account = await getComuneAccount(admin, candidate.istat);
    expect(account).toMatchObject({ member: true, suspended: false });
    expect(account.memberSince).not.toBeNull();
    const bergamo = await listComuni(admin, { state: "aderente", province: "016" });
    expect(bergamo.items.map((c) => c.istat)).toContain(candidate.istat);
    const none = await listComuni(admin, { state: "sospeso" });
    expect(none.total).toBe(0);
  });

  it("only administrators manage comuni (404 for coordinators and officers), and RLS agrees", async () => {
    for (const email of [COORDINATOR, OFFICER_SAN_DONATO]) {
      const actor = await actorFor(email);
      await expect(getComuneAccount(actor, SAN_DONATO)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(changeComuneAccount(actor, SAN_DONATO, "suspend", 1)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    const rows = await appQuery(
      { role: "OFFICER", comune: SAN_DONATO },
      `UPDATE "Comune" SET suspended = true WHERE istat = $1 RETURNING istat`,
      [PAULLO],
    );
    expect(rows).toEqual([]);
  });
});

describe("streams taxonomy", () => {
  it("create, edit with optimistic locking, archive: archived streams are not offered nor accepted for new projects", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const stream = await createStream(coordinator, STREAM);
    const created = await getStreamForEditor(coordinator, stream.id);
    expect(created).toMatchObject({
      code: "SL-T1",
      archived: false,
      values: ["INNOVATION", "SUSTAINABILITY"],
    });
    await expect(createStream(coordinator, STREAM)).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { code: ["Esiste già un filone con questo codice."] },
    });
    await updateStream(coordinator, stream.id, {
      ...STREAM,
      name: "Filone rinominato",
      version: created.version,
    });
    await expect(
      updateStream(coordinator, stream.id, { ...STREAM, name: "Seconda modifica", version: created.version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const project = await createProject(officer, projectInput(stream.id, "Intervento sul filone di prova"));
    const current = await getStreamForEditor(coordinator, stream.id);
    await setStreamArchived(coordinator, stream.id, true, current.version);

    const options = await getProjectFormOptions(officer, SAN_DONATO);
    expect(options.streams.map((s) => s.value)).not.toContain(stream.id);
    const editing = await getProjectFormOptions(officer, SAN_DONATO, stream.id);
    expect(editing.streams.map((s) => s.value)).toContain(stream.id);
    await expect(createProject(officer, projectInput(stream.id, "Nuovo"))).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { streamId: ["Scegli un filone di intervento attivo."] },
    });
    // A project already on the archived stream still saves.
    const [p] = await ownerQuery<{ version: number }>(`SELECT version FROM "Project" WHERE id = $1`, [
      project.id,
    ]);
    await updateProject(officer, project.id, {
      ...projectInput(stream.id, "Intervento rinominato"),
      version: String(p.version),
    });
    const [saved] = await ownerQuery<{ title: string }>(`SELECT title FROM "Project" WHERE id = $1`, [
      project.id,
    ]);
    expect(saved.title).toBe("Intervento rinominato");

    // In use (even once the project is deleted): cannot be deleted, only archived.
    const archived = await getStreamForEditor(coordinator, stream.id);
    await expect(deleteStream(coordinator, stream.id, archived.version)).rejects.toMatchObject({
      code: "CONFLICT",
      message: STREAM_IN_USE,
    });
    await ownerQuery(`UPDATE "Project" SET "deletedAt" = now() WHERE id = $1`, [project.id]);
    await expect(deleteStream(coordinator, stream.id, archived.version)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("an unused stream can be deleted; bad input gets Italian field messages", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const stream = await createStream(coordinator, { ...STREAM, code: "SL-T2" });
    const s = await getStreamForEditor(coordinator, stream.id);
    await deleteStream(coordinator, stream.id, s.version);
    expect((await listStreamsForEditor(coordinator)).map((x) => x.id)).not.toContain(stream.id);
    await expect(
      createStream(coordinator, { code: "x", name: "", theme: "NOPE", values: [] }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: {
        code: [expect.stringContaining("Codice non valido")],
        name: [expect.any(String)],
        theme: ["Scegli un tema OpenCoesione."],
        values: ["Scegli almeno uno dei valori del programma."],
      },
    });
  });

  it("counts only the live projects on a stream: deleted ones are left out of the list and the form", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const stream = await createStream(coordinator, { ...STREAM, code: "SL-T3" });
    const kept = await createProject(officer, projectInput(stream.id, "Intervento che resta"));
    const gone = await createProject(officer, projectInput(stream.id, "Intervento eliminato"));
    await deleteProject(officer, gone.id);
    expect(kept.id).not.toBe(gone.id);
    expect((await getStreamForEditor(coordinator, stream.id))._count.projects).toBe(1);
    const listed = (await listStreamsForEditor(coordinator)).find((s) => s.id === stream.id);
    expect(listed?._count.projects).toBe(1);
  });

  it("only coordinators write streams (404 for admins and officers), and RLS agrees", async () => {
    const [{ id }] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code LIMIT 1`);
    for (const email of [ADMIN, OFFICER_SAN_DONATO]) {
      const actor = await actorFor(email);
      await expect(listStreamsForEditor(actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(createStream(actor, { ...STREAM, code: "SL-T3" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(setStreamArchived(actor, id, true, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(deleteStream(actor, id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const rows = await appQuery(
      { role: "OFFICER", comune: SAN_DONATO },
      `UPDATE "Stream" SET archived = true WHERE id = $1 RETURNING id`,
      [id],
    );
    expect(rows).toEqual([]);
  });
});

describe("Smart Lands", () => {
  it("create with members and a lead, rename (slug follows), change members; the lead must be a member", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const sl = await createSmartLand(coordinator, {
      name: "Adda Martesana",
      phase: "Fase 1",
      description: "Prova",
      members: [SAN_DONATO, PAULLO],
      leadIstat: PAULLO,
    });
    expect(sl.slug).toBe("adda-martesana");
    const edit = await getSmartLandForEditor(coordinator, sl.slug);
    expect(edit.members.sort()).toEqual([PAULLO, SAN_DONATO].sort());
    await expect(
      createSmartLand(coordinator, { name: "Adda Martesana", phase: "Fase 2", members: [PAULLO] }),
    ).rejects.toMatchObject({ fieldErrors: { name: ["Esiste già una Smart Land con questo nome."] } });
    await expect(
      createSmartLand(coordinator, {
        name: "Altra",
        phase: "Fase 1",
        members: [PAULLO],
        leadIstat: SAN_DONATO,
      }),
    ).rejects.toMatchObject({ fieldErrors: { leadIstat: [expect.stringContaining("capofila")] } });

    const renamed = await updateSmartLand(coordinator, sl.slug, {
      name: "Adda Martesana Sud",
      phase: "Fase 2",
      description: "",
      members: [SAN_DONATO, MELEGNANO],
      leadIstat: SAN_DONATO,
      version: edit.version,
    });
    expect(renamed.slug).toBe("adda-martesana-sud");
    const after = await getSmartLandForEditor(coordinator, renamed.slug);
    expect(after.members.sort()).toEqual([MELEGNANO, SAN_DONATO].sort());
    expect(after.phase).toBe("Fase 2");
    await expect(
      updateSmartLand(coordinator, renamed.slug, {
        name: "Adda Ovest",
        phase: "Fase 3",
        members: [SAN_DONATO],
        version: edit.version,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // The roll-up lists the new Smart Land at once (not after the next refresh).
    expect((await getRollup(coordinator, {})).bySmartLand.map((g) => g.key)).toContain(renamed.slug);
  });

  it("a member with projects in the Smart Land cannot be removed; only programme members can join", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const sl = await getSmartLandForEditor(coordinator, "sud-est-milano");
    const [withProjects] = await ownerQuery<{ comuneIstat: string }>(
      `SELECT p."comuneIstat" FROM "Project" p JOIN "SmartLand" s ON s.id = p."smartLandId"
       WHERE s.slug = 'sud-est-milano' AND p."deletedAt" IS NULL LIMIT 1`,
    );
    await expect(
      updateSmartLand(coordinator, "sud-est-milano", {
        name: "Sud Est Milano",
        phase: "Fase 1",
        members: sl.members.filter((m) => m !== withProjects.comuneIstat),
        version: sl.version,
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { members: [expect.stringContaining("Non puoi togliere")] },
    });
    const [outsider] = await ownerQuery<{ istat: string }>(
      `SELECT istat FROM "Comune" WHERE NOT member LIMIT 1`,
    );
    await expect(
      createSmartLand(coordinator, { name: "Con estraneo", phase: "Fase 1", members: [outsider.istat] }),
    ).rejects.toMatchObject({ fieldErrors: { members: ["Scegli solo comuni aderenti al programma."] } });
  });

  it("only coordinators write Smart Lands (404 for admins and officers), and RLS agrees", async () => {
    for (const [actor, role, comune] of [
      [await actorFor(OFFICER_SAN_DONATO), "OFFICER", SAN_DONATO],
      [await actorFor(ADMIN), "ADMIN", null],
    ] as const) {
      await expect(getSmartLandForEditor(actor, "sud-est-milano")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        createSmartLand(actor, { name: "Mia", phase: "Fase 1", members: [SAN_DONATO] }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      const rows = await appQuery({ role, comune }, `UPDATE "SmartLand" SET name = 'x' RETURNING id`);
      expect(rows).toEqual([]);
      await expect(
        appQuery(
          { role, comune },
          `INSERT INTO "SmartLand" (slug, name, phase) VALUES ('abusiva', 'Abusiva', 'Fase 1')`,
        ),
      ).rejects.toThrow(/row-level security/);
    }
  });

  it("slugs are plain ASCII", () => {
    expect(slugify("Città di Lodi – Fase 2!")).toBe("citta-di-lodi-fase-2");
  });
});
