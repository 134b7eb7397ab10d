import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { publishProject } from "@/lib/projects/publish-project";
import { createProject, deleteProject, updateProject } from "@/lib/projects/save-project";
import { openDataResponse } from "@/lib/public/open-data";
import { publicUrl } from "@/lib/public/open-data-files";
import {
  findPublicProjectByCup,
  getPublicProjectPage,
  PUBLIC_PAGE_SIZE,
  searchPublicProjects,
} from "@/lib/public/public-project";
import { actorFor, OFFICER_SAN_DONATO, ownerQuery, PAULLO, SAN_DONATO } from "./helpers";

// Public project pages (issue #16, item 9): a published project's page by id and by CUP, the searchable
// public list and the open data's links — all from the published copy, never the draft.

const tag = Date.now().toString(36).toUpperCase();
const cup = (n: number) => `J71B19${tag.slice(-6).padStart(6, "0")}${String(n).padStart(3, "0")}`;

async function notFound(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("NOT_FOUND");
}

async function fixture(n: number, over: Record<string, unknown> = {}) {
  const officer = await actorFor(OFFICER_SAN_DONATO);
  const [stream] = await ownerQuery<{ id: string; code: string }>(
    `SELECT id, code FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  const [sl] = await ownerQuery<{ id: string; slug: string }>(
    `SELECT s.id, s.slug FROM "SmartLand" s JOIN "SmartLandMember" m ON m."smartLandId" = s.id
     WHERE m."comuneIstat" = $1 ORDER BY s.slug LIMIT 1`,
    [SAN_DONATO],
  );
  const input = {
    streamId: stream.id,
    title: `Pagina pubblica ${tag} ${n}`,
    summary: "Intervento per la prova delle pagine pubbliche.",
    cup: cup(n),
    localCode: "",
    totalCost: "100.000,00",
    plannedStart: "01/03/2026",
    plannedEnd: "31/12/2027",
    actualStart: "",
    actualEnd: "",
    status: "DESIGN",
    health: "AT_RISK",
    progress: "40",
    smartLandId: sl.id,
    partnerIstat: [PAULLO],
    ...over,
  };
  const created = await createProject(officer, input);
  await ownerQuery(
    `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, programme, year, "amountPlanned",
       "amountCommitted", "amountPaid") VALUES
     ($1, $2, 'REGION', 'Bando Smart Land', 2026, 60000, 30000, 10000),
     ($1, $2, 'COMUNE', '', 2027, 15000, 0, 0)`,
    [created.id, SAN_DONATO],
  );
  await ownerQuery(
    `INSERT INTO "Action" ("projectId", "comuneIstat", title, kind, owner, "dueDate", "doneDate", status)
     VALUES ($1, $2, 'Progetto esecutivo ${tag}', 'DESIGN', 'Mario Rossi Responsabile', '2026-06-30',
             '2026-07-15', 'DONE')`,
    [created.id, SAN_DONATO],
  );
  return { officer, created, input, stream, sl };
}

describe("public project pages", () => {
  afterEach(() => {
    delete process.env.NEXTAUTH_URL;
  });

  it("shows only a published copy: funding, milestones, partners; drafts and deleted projects are 404", async () => {
    const { officer, created, input, stream, sl } = await fixture(1);

    // A draft: not by id, not by CUP, not in the list.
    await notFound(getPublicProjectPage(created.id));
    await notFound(findPublicProjectByCup(input.cup));
    expect((await searchPublicProjects({ q: tag })).total).toBe(0);

    await publishProject(officer, created.id, created.version);
    const page = await getPublicProjectPage(created.id);
    expect(page).toMatchObject({
      title: input.title,
      cup: input.cup,
      status: "DESIGN",
      health: "AT_RISK",
      progress: 40,
      totalCost: "100000.00",
      planned: "75000.00",
      committed: "30000.00",
      paid: "10000.00",
      comune: { istat: SAN_DONATO },
      smartLand: { slug: sl.slug },
      stream: { code: stream.code },
    });
    expect(page.partners.map((p) => p.istat)).toEqual([PAULLO]);
    expect(page.funding).toEqual([
      {
        source: "REGION",
        programme: "Bando Smart Land",
        year: 2026,
        planned: "60000.00",
        committed: "30000.00",
        paid: "10000.00",
      },
      {
        source: "COMUNE",
        programme: "",
        year: 2027,
        planned: "15000.00",
        committed: "0.00",
        paid: "0.00",
      },
    ]);
    expect(page.milestones).toEqual([
      {
        title: `Progetto esecutivo ${tag}`,
        kind: "DESIGN",
        dueDate: "2026-06-30",
        doneDate: "2026-07-15",
        status: "DONE",
      },
    ]);
    expect(JSON.stringify(page)).not.toContain("Mario Rossi");
    expect(await findPublicProjectByCup(input.cup.toLowerCase())).toBe(created.id);

    // Draft changes after publication stay private.
    const updated = await updateProject(officer, created.id, {
      ...input,
      title: `Titolo in bozza ${tag}`,
      version: created.version,
    });
    await ownerQuery(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned") VALUES ($1, $2, 'EU_FESR', 2028, 999)`,
      [created.id, SAN_DONATO],
    );
    const still = await getPublicProjectPage(created.id);
    expect(still.title).toBe(input.title);
    expect(still.funding).toHaveLength(2);
    expect((await searchPublicProjects({ q: "Titolo in bozza " + tag })).total).toBe(0);

    // Deleted: the same 404 everywhere.
    await deleteProject(officer, created.id, updated.version);
    await notFound(getPublicProjectPage(created.id));
    await notFound(findPublicProjectByCup(input.cup));
    expect((await searchPublicProjects({ q: input.title })).total).toBe(0);
  });

  it("answers the same 404 for an unknown id, a malformed id and an unknown CUP", async () => {
    await notFound(getPublicProjectPage("00000000-0000-4000-8000-000000000000"));
    await notFound(getPublicProjectPage("not-a-uuid"));
    await notFound(findPublicProjectByCup("J71B19ZZZZZZZZZ"));
    await notFound(findPublicProjectByCup("x"));
  });

  it("searches, filters, sorts and pages the published projects", async () => {
    const a = await fixture(2);
    const b = await fixture(3, { status: "EXECUTION", totalCost: "250.000,00", partnerIstat: [] });
    await publishProject(a.officer, a.created.id, a.created.version);
    await publishProject(b.officer, b.created.id, b.created.version);
    const ids = async (f: Parameters<typeof searchPublicProjects>[0]) =>
      (await searchPublicProjects({ q: tag, ...f })).items.map((p) => p.id);

    expect(await ids({})).toHaveLength(2);
    expect(await ids({ q: b.input.cup })).toEqual([b.created.id]);
    expect((await searchPublicProjects({ q: "San Donato" })).total).toBeGreaterThanOrEqual(2);
    expect(await ids({ stato: "EXECUTION" })).toEqual([b.created.id]);
    expect(await ids({ comune: PAULLO })).toEqual([a.created.id]);
    expect(await ids({ fonte: "REGION" })).toHaveLength(2);
    expect(await ids({ fonte: "EU_FESR" })).toEqual([]);
    expect(await ids({ anno: "2027" })).toHaveLength(2);
    expect(await ids({ anno: "2031" })).toEqual([]);
    expect(await ids({ filone: a.stream.code, smartLand: a.sl.slug })).toHaveLength(2);
    expect(await ids({ smartLand: "nessuna-smart-land" })).toEqual([]);
    expect(await ids({ sort: "costo" })).toEqual([b.created.id, a.created.id]);
    // Bad values are ignored, never an error.
    expect(await ids({ stato: "BOGUS", anno: "20x7", comune: "'; --" })).toHaveLength(2);
    // A % in the text is a literal, not a wildcard.
    expect((await searchPublicProjects({ q: "%" })).total).toBe(0);

    // Server paging over everything published.
    const all = await searchPublicProjects({});
    expect(all.total).toBeGreaterThan(PUBLIC_PAGE_SIZE);
    expect(all.items).toHaveLength(PUBLIC_PAGE_SIZE);
    const last = await searchPublicProjects({ page: 999 });
    expect(last.page).toBe(all.pages);
    expect(last.items.length).toBe(all.total - (all.pages - 1) * PUBLIC_PAGE_SIZE);
  });

  it("builds the open data's links from the configured public URL, never the request's host", async () => {
    process.env.NEXTAUTH_URL = "https://smartland.example.it/";
    const request = new Request("http://0.0.0.0:3000/dati-aperti/interventi.json");
    const url = publicUrl(request);
    expect(url).toBe("https://smartland.example.it/dati-aperti/interventi.json");
    const json = JSON.parse(await (await openDataResponse({ kind: "region" }, "json", url)).text()) as {
      url: string;
      interventi: { cod_progetto_portale: string; link: string }[];
    };
    expect(json.url).toBe(url);
    expect(json.interventi.length).toBeGreaterThan(0);
    for (const p of json.interventi) {
      expect(p.link).toBe(`https://smartland.example.it/progetti/${p.cod_progetto_portale}`);
    }
    const csv = await (await openDataResponse({ kind: "region" }, "csv", url)).text();
    expect(csv).not.toContain("0.0.0.0");
    expect(csv.split("\r\n")[1]).toContain("OC_LINK");
    expect(csv).toContain(
      `https://smartland.example.it/progetti/${json.interventi[0]!.cod_progetto_portale}`,
    );

    delete process.env.NEXTAUTH_URL;
    expect(publicUrl(request)).not.toContain("0.0.0.0");
  });
});
