import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

const SMART_LAND = "sud-est-milano";
const PAULLO = "015169";

async function members() {
  const rows = await db<{ istat: string }>(
    `SELECT m."comuneIstat" AS istat FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"
      WHERE s.slug = $1`,
    [SMART_LAND],
  );
  return rows.map((r) => r.istat);
}

const viewBox = (page: Page) => page.locator("svg[data-zoom]").getAttribute("viewBox");

test.describe("the roll-up map: zoom, pan, names, fit to the filter", () => {
  test("filtered by Smart Land the map opens on its comuni, with names; zoom by button and key; a click opens the comune", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione");
    const whole = await viewBox(page);
    await page.goto(`/regione?smart_land=${SMART_LAND}`);
    const map = page.locator("svg[data-zoom]");
    const fitted = await viewBox(page);
    expect(fitted).not.toBe(whole);
    // Every comune of the Smart Land is comfortably wide (7–28 px on the whole region).
    const istats = await members();
    expect(istats).toHaveLength(14);
    for (const istat of istats) {
      const box = await page.locator(`svg [data-istat="${istat}"]`).boundingBox();
      expect(box, istat).not.toBeNull();
      expect(box!.width, istat).toBeGreaterThan(20);
    }
    // The names, drawn once the map has hydrated.
    const names = page.locator("svg.map-labels text");
    await expect(names.filter({ hasText: /^Paullo$/ })).toBeVisible();
    expect(await names.count()).toBeGreaterThan(5);
    await expect(page.locator("svg.map-labels")).toHaveCSS("pointer-events", "none");
    await page.screenshot({ path: "test-results/map-zoom-1366.png", fullPage: true });
    await page.locator("figure.choropleth-map").screenshot({ path: "test-results/map-zoom-1366-map.png" });
    await expectAccessible(page);

    // Ingrandisci zooms in, Adatta goes back, the keyboard's + zooms in too.
    await page.getByRole("button", { name: "Ingrandisci" }).click();
    await expect(map).not.toHaveAttribute("viewBox", fitted ?? "");
    const zoomed = await viewBox(page);
    expect(Number(zoomed?.split(" ")[2])).toBeLessThan(Number(fitted?.split(" ")[2]));
    await page.getByRole("button", { name: "Adatta" }).click();
    await expect(map).toHaveAttribute("viewBox", fitted ?? "");
    await page.getByRole("button", { name: "Riduci" }).click();
    await expect(map).not.toHaveAttribute("viewBox", fitted ?? "");
    await page.getByRole("button", { name: "Adatta" }).click();
    await map.focus();
    await page.keyboard.press("+");
    await expect(map).not.toHaveAttribute("viewBox", fitted ?? "");
    const afterKey = await viewBox(page);
    await page.keyboard.press("ArrowRight");
    await expect(map).not.toHaveAttribute("viewBox", afterKey ?? "");

    // A drag pans the map and is not a click on the comune under the pointer.
    await page.getByRole("button", { name: "Adatta" }).click();
    const paullo = page.locator(`svg [data-istat="${PAULLO}"]`);
    const p = (await paullo.boundingBox())!;
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.down();
    await page.mouse.move(p.x + p.width / 2 + 60, p.y + p.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/\/regione\?smart_land=/);
    await expect(map).not.toHaveAttribute("viewBox", fitted ?? "");

    // A click opens the comune's page.
    await page.getByRole("button", { name: "Adatta" }).click();
    await paullo.click();
    await expect(page).toHaveURL(`/comuni/${PAULLO}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cruscotto del Comune di Paullo");
  });

  test("Enter on a focused comune opens it; the phone view is fitted too", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, ACCOUNTS.coordinator);
    await page.goto(`/regione?smart_land=${SMART_LAND}`);
    await expect(page.locator("svg.map-labels text").first()).toBeVisible();
    await page.locator("#mappa-titolo").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/map-zoom-390.png", fullPage: true });
    await page.locator("figure.choropleth-map").screenshot({ path: "test-results/map-zoom-390-map.png" });
    const box = await page.locator(`svg [data-istat="${PAULLO}"]`).boundingBox();
    expect(box!.width).toBeGreaterThan(10);
    // The map's section only: the page's wide tables at 390 px are the phone layout's item (#16, 6).
    await expectAccessible(page, 'section[aria-labelledby="mappa-titolo"]');
    await page.locator(`svg a[href="/comuni/${PAULLO}"]`).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`/comuni/${PAULLO}`);
  });

  test("filtered by province the map opens on the province", async ({ page }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto("/regione");
    const whole = await viewBox(page);
    await page.goto("/regione?provincia=015");
    const fitted = await viewBox(page);
    expect(Number(fitted?.split(" ")[2])).toBeLessThan(Number(whole?.split(" ")[2]) / 2);
  });
});

test.describe("the roll-up map on a touch screen", () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test("one finger scrolls the page (with a hint), two fingers pan the map, a tap opens the comune", async ({
    page,
  }) => {
    await login(page, ACCOUNTS.coordinator);
    await page.goto(`/regione?smart_land=${SMART_LAND}`);
    const map = page.locator("svg[data-zoom]");
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const fitted = await viewBox(page);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", points: { x: number; y: number }[]) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: points.map((p, id) => ({ x: Math.round(p.x), y: Math.round(p.y), id })),
      });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    // One finger, upwards: the page scrolls, the map stays where it was.
    const before = await page.evaluate(() => window.scrollY);
    await touch("touchStart", [{ x: cx, y: cy }]);
    for (let i = 1; i <= 6; i++) await touch("touchMove", [{ x: cx, y: cy - i * 20 }]);
    await expect(
      page.getByRole("status").filter({ hasText: "Per spostare la mappa usa due dita" }),
    ).toBeVisible();
    await touch("touchEnd", []);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 50);
    expect(await viewBox(page)).toBe(fitted);

    // Two fingers moving together: the map pans, the page does not scroll.
    const box2 = (await map.boundingBox())!;
    const y = box2.y + box2.height / 2;
    const x1 = box2.x + box2.width / 3;
    const x2 = box2.x + (2 * box2.width) / 3;
    const scrolled = await page.evaluate(() => window.scrollY);
    await touch("touchStart", [
      { x: x1, y },
      { x: x2, y },
    ]);
    for (let i = 1; i <= 6; i++)
      await touch("touchMove", [
        { x: x1 + i * 10, y: y + i * 6 },
        { x: x2 + i * 10, y: y + i * 6 },
      ]);
    await touch("touchEnd", []);
    await expect(map).not.toHaveAttribute("viewBox", fitted ?? "");
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

    // A tap still opens the comune. (Chromium ignores a tap that comes within a few hundred ms of a
    // gesture's end — it would stop a fling — so the finger rests as a person's does.)
    await page.waitForTimeout(500);
    await page.getByRole("button", { name: "Adatta" }).tap();
    await expect(map).toHaveAttribute("viewBox", fitted ?? "");
    await page.locator(`svg [data-istat="${PAULLO}"]`).tap();
    await expect(page).toHaveURL(`/comuni/${PAULLO}`);
  });
});
