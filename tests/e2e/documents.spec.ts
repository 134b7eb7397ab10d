import { expect, test, type Page } from "@playwright/test";
import { minimalPdf } from "../fixtures/document-files";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

// Documents (issue #18, item 4): an officer uploads a PDF to a project, downloads it, marks it public and
// publishes the project; anyone then sees and downloads it on the public page. A renamed executable gets
// the Italian message next to the field; another comune's officer gets 404; axe at 1366 and 390 px.

const SAN_DONATO = "015192";

/** A fresh San Donato project of this spec (other specs edit the demo's). */
async function newProject(page: Page): Promise<string> {
  const [stream] = await db<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  const res = await page.request.post("/api/v1/projects", {
    data: {
      streamId: stream!.id,
      title: `Intervento e2e documenti ${Date.now()}`,
      localCode: `E2E-DOC-${Date.now()}`,
      summary: "Creato dal test dei documenti.",
      totalCost: "10.000,00",
      status: "DESIGN",
      progress: 0,
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

test("upload, download, public, publish: the anonymous reader downloads it", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, ACCOUNTS.sanDonato);
  const id = await newProject(page);
  await page.goto(`/comuni/${SAN_DONATO}/interventi/${id}`);
  const section = page.getByRole("region", { name: "Documenti", exact: true });
  await expect(section.getByText("Nessun documento caricato.")).toBeVisible();

  const pdf = minimalPdf("Determina e2e");
  await section
    .getByLabel("File")
    .setInputFiles({ name: "Determina n° 7.pdf", mimeType: "application/pdf", buffer: pdf });
  await section.getByRole("button", { name: "Carica" }).click();
  await expect(section.getByText("Documento caricato: Determina n° 7.pdf.")).toBeVisible();
  const link = section.getByRole("link", { name: "Determina n° 7.pdf" });
  await expect(link).toBeVisible();
  await expect(section.getByRole("cell", { name: "PDF", exact: true })).toBeVisible();
  await expect(section.getByText(/^\d{2}\/\d{2}\/\d{4} da /)).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("Determina n° 7.pdf");
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(path!).equals(pdf)).toBe(true);

  // A renamed executable: refused from its content, the message next to the field; nothing listed.
  const exe = Buffer.concat([
    Buffer.from("MZ"),
    Buffer.alloc(200),
    Buffer.from("This program cannot be run in DOS mode."),
  ]);
  await section
    .getByLabel("File")
    .setInputFiles({ name: "programma.pdf", mimeType: "application/pdf", buffer: exe });
  await section.getByRole("button", { name: "Carica" }).click();
  const error = section.getByRole("alert");
  await expect(error).toContainText("Tipo di file non accettato");
  await expect(section.getByLabel("File")).toHaveAttribute("aria-invalid", "true");
  await expect(section.getByRole("link", { name: "programma.pdf" })).toHaveCount(0);
  await expectAccessible(page);

  await section.getByRole("button", { name: "Rendi pubblico il documento Determina n° 7.pdf" }).click();
  await expect(section.getByText("Pubblico", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Pubblica", exact: true }).click();
  await expect(page.getByText("Intervento pubblicato.")).toBeVisible();

  // Phone width: the same page, accessible.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);

  const [doc] = await db<{ id: string }>(`SELECT id FROM "Document" WHERE "projectId" = $1`, [id]);
  const anonymous = await browser.newContext();
  const pub = await anonymous.newPage();
  await pub.goto(`/progetti/${id}`);
  const publicSection = pub.getByRole("region", { name: "Documenti", exact: true });
  const publicLink = publicSection.getByRole("link", { name: "Determina n° 7.pdf" });
  await expect(publicLink).toBeVisible();
  const [publicDownload] = await Promise.all([pub.waitForEvent("download"), publicLink.click()]);
  expect(readFileSync((await publicDownload.path())!).equals(pdf)).toBe(true);
  await expectAccessible(pub);

  // Another comune's officer: 404 for the list and the download, like an unknown id.
  const other = await browser.newContext();
  const paullo = await other.newPage();
  await login(paullo, ACCOUNTS.paullo);
  expect((await paullo.request.get(`/api/v1/projects/${id}/documents`)).status()).toBe(404);
  expect((await paullo.request.get(`/api/v1/projects/${id}/documents/${doc!.id}`)).status()).toBe(404);

  // Deleted: gone from the public page and its address.
  await section.getByRole("button", { name: "Elimina il documento Determina n° 7.pdf" }).click();
  await confirmDialog(page);
  await expect(section.getByText("Nessun documento caricato.")).toBeVisible();
  expect((await pub.request.get(`/progetti/${id}/documenti/${doc!.id}`)).status()).toBe(404);
  await anonymous.close();
  await other.close();
});
