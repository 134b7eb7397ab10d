import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

// Phases and a timeline (issue #18, item 5): an officer records a project's phases (Italian message next to
// the field for a bad date), sees the Gantt and its table; the comune's cronoprogramma; the coordinator sees
// a late milestone on /regione/scadenze; another comune's officer gets 404; axe at 1366 and 390 px, and no
// page overflow on a phone (the chart scrolls inside its focusable region).

const SAN_DONATO = "015192";

/** A fresh San Donato project of this spec (other specs edit the demo's). */
async function newProject(page: Page): Promise<{ id: string; title: string }> {
  const [stream] = await db<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  const title = `Intervento e2e fasi ${Date.now()}`;
  const res = await page.request.post("/api/v1/projects", {
    data: {
      streamId: stream!.id,
      title,
      localCode: `E2E-FASI-${Date.now()}`,
      summary: "Creato dal test delle fasi.",
      totalCost: "50.000,00",
      plannedStart: "01/01/2025",
      plannedEnd: "31/12/2027",
      status: "EXECUTION",
      progress: 40,
    },
  });
  expect(res.status()).toBe(201);
  return { id: ((await res.json()) as { data: { id: string } }).data.id, title };
}

async function noPageOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(innerWidth);
}

test("officer edits phases and sees the Gantt; coordinator sees the late milestone; other comune 404", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, ACCOUNTS.sanDonato);
  const { id, title } = await newProject(page);
  const projectUrl = `/comuni/${SAN_DONATO}/interventi/${id}`;
  await page.goto(projectUrl);
  const section = page.getByRole("region", { name: "Cronoprogramma" });
  await expect(section.getByText("Nessuna fase registrata.")).toBeVisible();
  await section.getByRole("link", { name: "Modifica le fasi" }).click();
  await expect(page.getByRole("heading", { name: "Fasi dell'intervento" })).toBeVisible();

  const award = page.getByRole("group", { name: "Affidamento e aggiudicazione" });
  await award.getByLabel("Inizio previsto").fill("01/03/2025");
  await award.getByLabel("Fine prevista").fill("01/02/2025");
  const execution = page.getByRole("group", { name: "Esecuzione lavori / fornitura" });
  await execution.getByLabel("Inizio previsto").fill("01/06/2025");
  await execution.getByLabel("Fine prevista").fill("30/06/2026");
  await execution.getByLabel("Inizio effettivo").fill("15/06/2025");
  await page.getByRole("button", { name: "Salva le fasi" }).click();
  // The bad date: message next to its field, nothing saved.
  await expect(award.getByText("La data di fine non può precedere la data di inizio.")).toBeVisible();
  await expect(award.getByLabel("Fine prevista")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await award.getByLabel("Fine prevista").fill("30/04/2025");
  await page.getByRole("button", { name: "Salva le fasi" }).click();
  await expect(page).toHaveURL(new RegExp(`${projectUrl}\\?fasi=salvate`));
  await expect(section.getByText("Fasi salvate.")).toBeVisible();

  // The Gantt: each bar row has a text alternative; the execution phase is late (planned end passed).
  const chart = section.getByRole("region", { name: "Diagramma delle fasi" });
  await expect(
    chart.getByRole("img", { name: /Esecuzione.*previsto 01\/06\/2025 – 30\/06\/2026.*in ritardo/ }),
  ).toBeVisible();
  await section.getByText("Tabella delle fasi").click();
  await expect(section.getByRole("cell", { name: "30/04/2025" })).toBeVisible();
  await expectAccessible(page);

  // Published: the public page shows the phases (from the copy taken now).
  await page.getByRole("button", { name: "Pubblica", exact: true }).click();
  await expect(page.getByText("Intervento pubblicato.")).toBeVisible();
  const anonymous = await browser.newContext();
  const pub = await anonymous.newPage();
  await pub.goto(`/progetti/${id}`);
  const phasesTable = pub.getByRole("table", { name: "Fasi procedurali: date previste ed effettive" });
  await expect(
    phasesTable.getByRole("row", {
      name: /Esecuzione lavori \/ fornitura 01\/06\/2025 30\/06\/2026 15\/06\/2025/,
    }),
  ).toBeVisible();
  await expectAccessible(pub);
  await anonymous.close();

  // The comune's cronoprogramma lists the project.
  await page.goto(`/comuni/${SAN_DONATO}/cronoprogramma`);
  await expect(
    page.getByRole("heading", { name: /Cronoprogramma del Comune di San Donato Milanese/ }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await noPageOverflow(page);
  await expectAccessible(page);
  await page.goto(projectUrl);
  await noPageOverflow(page);
  await expectAccessible(page);

  // Another comune's officer: 404 on the editor, the project's phases (API) and the comune's timeline.
  const other = await browser.newContext();
  const melegnano = await other.newPage();
  await login(melegnano, ACCOUNTS.melegnano);
  expect((await melegnano.goto(`${projectUrl}/fasi`))!.status()).toBe(404);
  expect((await melegnano.goto(`/comuni/${SAN_DONATO}/cronoprogramma`))!.status()).toBe(404);
  expect((await melegnano.request.get(`/api/v1/projects/${id}/phases`)).status()).toBe(404);
  await other.close();

  // A partner comune reads a partner project's cronoprogramma, without the editor.
  const [shared] = await db<{ id: string }>(
    `SELECT p.id FROM "Project" p JOIN "ProjectPartner" x ON x."projectId" = p.id
      WHERE p."comuneIstat" = $1 AND x."partnerIstat" = '015169' AND p."deletedAt" IS NULL ORDER BY p.id LIMIT 1`,
    [SAN_DONATO],
  );
  const partnerContext = await browser.newContext();
  const paullo = await partnerContext.newPage();
  await login(paullo, ACCOUNTS.paullo);
  await paullo.goto(`/comuni/015169/interventi/${shared!.id}`);
  await expect(paullo.getByRole("region", { name: "Cronoprogramma" })).toBeVisible();
  await expect(paullo.getByRole("link", { name: "Modifica le fasi" })).toHaveCount(0);
  expect((await paullo.goto(`/comuni/${SAN_DONATO}/interventi/${shared!.id}/fasi`))!.status()).toBe(404);
  await partnerContext.close();

  // The coordinator: the late execution phase of this project, filtered to San Donato.
  const coord = await browser.newContext();
  const coordinator = await coord.newPage();
  await coordinator.setViewportSize({ width: 1366, height: 900 });
  await login(coordinator, ACCOUNTS.coordinator);
  await coordinator.goto(`/regione/scadenze?vista=in_ritardo&smart_land=sud-est-milano&comune=${SAN_DONATO}`);
  await expect(
    coordinator.getByRole("heading", { name: /Scadenze delle fasi – Sud Est Milano/ }),
  ).toBeVisible();
  const [{ n }] = await db<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ProjectPhase" ph JOIN "Project" p ON p.id = ph."projectId"
      WHERE ph."comuneIstat" = $1 AND ph."actualEnd" IS NULL AND ph."plannedEnd" < $2::date AND p."deletedAt" IS NULL`,
    [SAN_DONATO, "2026-06-30"],
  );
  expect(n).toBeGreaterThan(0);
  // Sorted by date: this project's 30/06/2026 deadline is on some page; find it by paging if needed.
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    found = (await coordinator.getByRole("link", { name: title }).count()) > 0;
    if (!found) {
      const next = coordinator.getByRole("link", { name: "Successiva →" });
      if ((await next.count()) === 0) break;
      await next.click();
    }
  }
  expect(found).toBe(true);
  await expectAccessible(coordinator);
  await coordinator.goto("/regione/scadenze?vista=in_scadenza&giorni=90");
  await expect(coordinator.getByRole("table", { name: /Fasi in scadenza entro 90 giorni/ })).toBeVisible();
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await noPageOverflow(coordinator);
  await expectAccessible(coordinator);
  // An officer does not open the coordinator's page.
  expect((await page.goto("/regione/scadenze"))!.status()).toBe(404);
  await coord.close();
});
