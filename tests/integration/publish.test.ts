import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { problemFromError } from "@/lib/http/problem";
import { publishProject, unpublishProject } from "@/lib/projects/publish-project";
import { createProject, updateProject } from "@/lib/projects/save-project";
import { openDataResponse } from "@/lib/public/open-data";
import { listPublicProjects } from "@/lib/public/public-data";
import { actorFor, OFFICER_PAULLO, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

// Draft, then publish (issue #16, item 4): a project is public — the public Smart Land list and the open
// data, everything the anonymous reader gets — only once its officer publishes it, and shows the values
// of its last publication.

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function projectInput(streamId: string, title: string) {
  return {
    streamId,
    title,
    summary: "Intervento per la prova di pubblicazione.",
    cup: "",
    localCode: "",
    totalCost: "75.000,00",
    plannedStart: "01/03/2026",
    plannedEnd: "31/12/2027",
    actualStart: "",
    actualEnd: "",
    status: "DESIGN",
    health: "ON_TRACK",
    progress: "0",
    smartLandId: "",
    partnerIstat: [],
  };
}

async function publicTitles(id: string) {
  const list = await listPublicProjects([SAN_DONATO], 1, 500);
  const csv = await (
    await openDataResponse({ kind: "region" }, "csv", "http://x/dati-aperti/interventi.csv")
  ).text();
  const json = JSON.parse(await (await openDataResponse({ kind: "region" }, "json", "u")).text()) as {
    interventi: { cod_progetto_portale: string; titolo: string; costo_totale: string }[];
  };
  return {
    list: list.items.filter((p) => p.id === id).map((p) => p.title),
    json: json.interventi.filter((p) => p.cod_progetto_portale === id),
    csvLines: csv.split("\r\n").filter((l) => l.includes(id)),
  };
}

describe("draft, then publish", () => {
  it("a new project is public only once published, with the values of its last publication", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const title = `Bozza pubblicazione ${Date.now().toString(36)}`;
    const created = await createProject(officer, projectInput(stream.id, title));

    // A draft: nowhere public.
    const draft = await publicTitles(created.id);
    expect(draft.list).toEqual([]);
    expect(draft.json).toEqual([]);
    expect(draft.csvLines).toEqual([]);

    // Published: everywhere, with its values.
    const first = await publishProject(officer, created.id, created.version);
    expect(first.publishedVersion).toBe(created.version);
    const published = await publicTitles(created.id);
    expect(published.list).toEqual([title]);
    expect(published.json).toHaveLength(1);
    expect(published.json[0]).toMatchObject({ titolo: title, costo_totale: "75000.00" });
    expect(published.csvLines).toHaveLength(1);
    expect(published.csvLines[0]).toContain(title);

    // Edited: the public side keeps the published title until the next publication.
    const newTitle = `${title} – secondo lotto`;
    const updated = await updateProject(officer, created.id, {
      ...projectInput(stream.id, newTitle),
      version: String(created.version),
    });
    expect(updated.version).toBe(created.version + 1);
    const stale = await publicTitles(created.id);
    expect(stale.list).toEqual([title]);
    expect(stale.json[0]?.titolo).toBe(title);
    expect(stale.csvLines[0]).not.toContain("secondo lotto");

    // Publishing with the version read before the edit is a conflict, and publishes nothing.
    const conflict = await rejection(publishProject(officer, created.id, created.version));
    expect(conflict.code).toBe("CONFLICT");
    expect(problemFromError(conflict).status).toBe(409);
    expect((await publicTitles(created.id)).list).toEqual([title]);

    // Published again: the new title.
    await publishProject(officer, created.id, updated.version);
    const again = await publicTitles(created.id);
    expect(again.list).toEqual([newTitle]);
    expect(again.json[0]?.titolo).toBe(newTitle);

    // Audited, once per publication, under the officer's name and comune.
    const events = await ownerQuery<{
      actorId: string;
      comuneIstat: string;
      after: { publishedVersion: number };
    }>(
      `SELECT "actorId", "comuneIstat", after FROM "AuditEvent"
       WHERE entity = 'Project' AND "entityId" = $1 AND action = 'PUBLISH' ORDER BY "createdAt"`,
      [created.id],
    );
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.after.publishedVersion)).toEqual([created.version, updated.version]);
    expect(events[0]).toMatchObject({ actorId: officer.userId, comuneIstat: SAN_DONATO });
  });

  it("another comune's officer cannot publish it: not found, nothing published or audited", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const paullo = await actorFor(OFFICER_PAULLO);
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const created = await createProject(
      officer,
      projectInput(stream.id, `Bozza altrui ${Date.now().toString(36)}`),
    );
    const error = await rejection(publishProject(paullo, created.id, created.version));
    expect(error.code).toBe("NOT_FOUND");
    expect(problemFromError(error).status).toBe(404);
    expect((await publicTitles(created.id)).list).toEqual([]);
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'PUBLISH'`,
      [created.id],
    );
    expect(n).toBe(0);
    const [{ copies }] = await ownerQuery<{ copies: number }>(
      `SELECT count(*)::int AS copies FROM "PublicProject" WHERE "projectId" = $1`,
      [created.id],
    );
    expect(copies).toBe(0);
  });

  it("withdrawn from publication, a project leaves the public side; audited as UNPUBLISH", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const paullo = await actorFor(OFFICER_PAULLO);
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
    );
    const title = `Da ritirare ${Date.now().toString(36)}`;
    const created = await createProject(officer, projectInput(stream.id, title));
    await publishProject(officer, created.id, created.version);
    expect((await publicTitles(created.id)).list).toEqual([title]);

    const foreign = await rejection(unpublishProject(paullo, created.id, created.version));
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await publicTitles(created.id)).list).toEqual([title]);

    await unpublishProject(officer, created.id, created.version);
    const gone = await publicTitles(created.id);
    expect(gone.list).toEqual([]);
    expect(gone.json).toEqual([]);
    expect(gone.csvLines).toEqual([]);
    const again = await rejection(unpublishProject(officer, created.id, created.version));
    expect(again.code).toBe("CONFLICT");
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'UNPUBLISH'`,
      [created.id],
    );
    expect(n).toBe(1);
  });
});
