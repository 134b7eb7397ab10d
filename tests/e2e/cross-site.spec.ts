// Cross-site writes through /api/v1 (issue #14, item 4), in a real browser: a page of another origin on the
// same site (here another port of the same host; SameSite=Lax session cookies DO reach the portal from
// there) fires the "simple" requests a foreign page can send without a CORS preflight: a text/plain POST to
// create a project and a multipart POST of a file to the import. The officer's cookie goes along; the
// portal must refuse both (403) and write nothing. The portal's own pages keep working (import.spec.ts).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, login } from "./helpers";

const SAN_DONATO = "015192";

test("a page of another origin cannot create a project or import a file with the officer's cookie", async ({
  page,
}) => {
  await login(page, ACCOUNTS.sanDonato);
  const portal = new URL(page.url()).origin;
  // The attacker's page: a real server on another port of the same host (a page injected with
  // page.route would count as a public address, and Chromium keeps those from reaching loopback at all).
  const server = createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end("<!doctype html><title>Altro sito</title><p>Ciao</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, new URL(portal).hostname, resolve));
  const attacker = `http://${new URL(portal).hostname}:${(server.address() as AddressInfo).port}`;
  const stamp = Date.now().toString(36);
  const title = `Creato da un altro sito ${stamp}`;
  const [stream] = await db<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  const [target] = await db<{ id: string; title: string; version: number }>(
    `SELECT id, title, version FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY title LIMIT 1`,
    [SAN_DONATO],
  );
  const exported = await (await page.request.get(`/api/v1/comuni/${SAN_DONATO}/export?formato=csv`)).text();
  const hijacked = exported.replace(target!.title, `Sovrascritto da un altro sito ${stamp}`);
  expect(hijacked).not.toBe(exported);

  await page.goto(`${attacker}/pagina`);

  const answers = new Map<string, number>();
  page.on("response", (response) => {
    if (response.url().startsWith(`${portal}/api/v1/`))
      answers.set(new URL(response.url()).pathname, response.status());
  });
  const sent = (path: string) =>
    page.waitForResponse((r) => r.url().startsWith(`${portal}${path}`) && r.request().method() === "POST");

  const created = sent("/api/v1/projects");
  await page.evaluate(
    async ({ portal, body }) => {
      await fetch(`${portal}/api/v1/projects`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        headers: { "content-type": "text/plain" },
        body,
      });
    },
    {
      portal,
      body: JSON.stringify({
        streamId: stream!.id,
        title,
        summary: "Da un altro sito.",
        status: "DESIGN",
        progress: 0,
      }),
    },
  );
  await created;

  const imported = sent(`/api/v1/comuni/${SAN_DONATO}/import`);
  await page.evaluate(
    async ({ portal, csv, istat }) => {
      const form = new FormData();
      form.append("file", new File([csv], "interventi.csv", { type: "text/csv" }));
      await fetch(`${portal}/api/v1/comuni/${istat}/import`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        body: form,
      });
    },
    { portal, csv: hijacked, istat: SAN_DONATO },
  );
  await imported;

  // The browser sent the cookie (without it: 401) and its Origin (without it: written); both refused.
  await expect.poll(() => answers.size).toBe(2);
  for (const [path, status] of answers) expect(status, path).toBe(403);
  expect(await db(`SELECT 1 FROM "Project" WHERE title = $1`, [title])).toHaveLength(0);
  expect(await db(`SELECT title, version FROM "Project" WHERE id = $1`, [target!.id])).toEqual([
    { title: target!.title, version: target!.version },
  ]);
  server.close();
});
