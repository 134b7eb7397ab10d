import { expect, test } from "@playwright/test";
import { minimalPdf } from "../fixtures/document-files";
import { ACCOUNTS, expectAccessible, login } from "./helpers";

// Documents on a round submission (issue #18, items 3 and 4): the officer attaches a PDF to the comune's
// submission from the checklist page; the coordinator sees and downloads it on the review page; another
// comune's officer gets 404 for the list and the file; axe at 1366 and 390 px. The round is this run's own.

const SAN_DONATO = "015192";
const RUN = Date.now().toString(36).toUpperCase().slice(-6);

test("the officer attaches a document to the submission, the coordinator downloads it, Paullo gets 404", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinator = await browser.newContext();
  const c = await coordinator.newPage();
  await login(c, ACCOUNTS.coordinator);
  const opened = await c.request.post("/api/v1/rounds", {
    data: {
      title: `Rilevazione documenti e2e ${RUN}`,
      smartLand: "sud-est-milano",
      periodStart: "2026-07-01",
      periodEnd: "2026-12-31",
      dueDate: "2027-01-31",
      items: ["indicators"],
    },
  });
  expect(opened.status()).toBe(201);
  const roundId = ((await opened.json()) as { data: { id: string } }).data.id;

  const officer = await browser.newContext();
  const o = await officer.newPage();
  await o.setViewportSize({ width: 1366, height: 900 });
  await login(o, ACCOUNTS.sanDonato);
  await o.goto(`/comuni/${SAN_DONATO}/monitoraggio/${roundId}`);
  const section = o.getByRole("region", { name: "Documenti della trasmissione" });
  await expect(section.getByText("Nessun documento allegato.")).toBeVisible();
  const pdf = minimalPdf("SAL e2e");
  await section
    .getByLabel("File")
    .setInputFiles({ name: "SAL n. 3.pdf", mimeType: "application/pdf", buffer: pdf });
  await section.getByRole("button", { name: "Carica" }).click();
  await expect(section.getByText("Documento caricato: SAL n. 3.pdf.")).toBeVisible();
  await expect(section.getByRole("link", { name: "SAL n. 3.pdf" })).toBeVisible();
  await expectAccessible(o);
  await o.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(o);

  // The coordinator's review page lists it (no upload form) and the link downloads the same bytes.
  await c.goto(`/regione/monitoraggio/${roundId}/comuni/${SAN_DONATO}`);
  const review = c.getByRole("region", { name: "Documenti della trasmissione" });
  const link = review.getByRole("link", { name: "SAL n. 3.pdf" });
  await expect(link).toBeVisible();
  await expect(review.getByRole("button", { name: "Carica" })).toHaveCount(0);
  const [download] = await Promise.all([c.waitForEvent("download"), link.click()]);
  const { readFileSync } = await import("node:fs");
  expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
  await expectAccessible(c);

  // Another comune's officer: 404 for the list, the file and the page.
  const href = (await link.getAttribute("href"))!;
  const paullo = await browser.newContext();
  const p = await paullo.newPage();
  await login(p, ACCOUNTS.paullo);
  expect((await p.request.get(href)).status()).toBe(404);
  expect((await p.request.get(`/api/v1/rounds/${roundId}/comuni/${SAN_DONATO}/documents`)).status()).toBe(
    404,
  );
  expect((await p.goto(`/comuni/${SAN_DONATO}/monitoraggio/${roundId}`))?.status()).toBe(404);
  for (const ctx of [coordinator, officer, paullo]) await ctx.close();
});
