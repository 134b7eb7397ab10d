import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, login, projectOf } from "./helpers";

const SAN_DONATO = "015192";

async function projectRow(id: string) {
  const [row] = await db<{ title: string; version: number }>(
    `SELECT title, version FROM "Project" WHERE id = $1`,
    [id],
  );
  return row;
}

test("a server action POST with a foreign Origin is refused; the same request from our origin runs", async ({
  page,
}) => {
  await login(page, ACCOUNTS.sanDonato);
  const project = await projectOf(SAN_DONATO);
  const before = await projectRow(project.id);
  const editUrl = `/comuni/${SAN_DONATO}/interventi/${project.id}/modifica`;
  await page.goto(editUrl);
  await page.waitForLoadState("load");

  // Capture the real server action request the form sends, and stop it before it reaches the server.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route(`**${editUrl}`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer()! };
    await route.abort();
  });
  const newTitle = `${before.title} (origine verificata)`;
  await page.getByLabel("Titolo", { exact: true }).fill(newTitle);
  await page.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect.poll(() => captured).not.toBeNull();
  const action = captured!;
  // It is a server action: identified by the Next-Action header (or the $ACTION_ fields without JS).
  expect(action.headers["next-action"] ?? action.body.toString("latin1")).toMatch(/^[0-9a-f]{40,}|\$ACTION_/);
  expect(await projectRow(project.id)).toEqual(before); // nothing ran yet

  const forward = (origin: string) => {
    const headers: Record<string, string> = { origin };
    for (const name of ["content-type", "next-action", "next-router-state-tree", "accept"]) {
      if (action.headers[name]) headers[name] = action.headers[name];
    }
    return page.request.post(action.url, { headers, data: action.body, maxRedirects: 0 });
  };

  const evil = await forward("https://evil.example");
  expect(evil.status(), "a foreign Origin is refused with a 403, not a 500").toBe(403);
  expect((await evil.json()).code).toBe("FORBIDDEN_ORIGIN");
  expect(await projectRow(project.id)).toEqual(before);

  const ours = await forward(new URL(action.url).origin);
  expect(ours.status(), "the same request from our own origin is served").toBeLessThan(400);
  await expect.poll(() => projectRow(project.id)).toEqual({ title: newTitle, version: before.version + 1 });
});
