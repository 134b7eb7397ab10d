import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, db, login } from "./helpers";

// No 500 from a URL: every page and route handler of the app (found on disk, so a new one is fuzzed
// without editing this file), as each role, with hostile values for every query parameter the portal
// reads (and some it does not), and hostile path segments. The production server (scripts/serve.mjs)
// must answer below 500 every time: a 4xx, or the page with the bad parameter ignored.

const SAN_DONATO = "015192";
const SLUG = "sud-est-milano";

/** Every query parameter a page or route reads (app/, lib/*-query, lib/api/queries.ts), plus unknown ones. */
const PARAMS = [
  ...["al", "ambito", "andamento", "anno", "anno_a", "anno_da", "archiviati", "avviso", "azione", "comune"],
  ...["dal", "dopo", "eliminati", "eliminato", "esito", "filone", "fonte", "formato", "membro", "metrica"],
  ...["modello", "oggetto", "ordina", "page", "pageSize", "pagina", "prima", "provincia", "q", "richiesta"],
  ...["ripristinato", "ruolo", "salvato", "smart_land", "smartland", "stato", "tabella", "tema", "utente"],
  ...["verso", "callbackUrl", "error", "__proto__", "constructor", "hasOwnProperty", "x"],
  ...["vista", "giorni", "fasi"],
];

/** Raw (already percent-encoded) hostile values. */
const VALUES = [
  "__proto__",
  "constructor",
  "toString",
  "%00",
  "a%00b",
  "1e309",
  "-1",
  "NaN",
  "9007199254740993",
  "%E0%A4%A",
  "%",
  "%F0%9F%98%80",
  encodeURIComponent("<script>alert(1)</script>"),
  encodeURIComponent("'; SELECT 1; --"),
];
const LONG = "x".repeat(10_000);

/** Hostile values for a path segment. */
const SEGMENTS = [
  "%E0%A4%A",
  "%00",
  "__proto__",
  "constructor",
  "%F0%9F%98%80",
  "x".repeat(2_000),
  "..%2F..%2Fetc",
];

/** The URL templates of every page.tsx and route.ts under app/ (route groups dropped). */
function routeTemplates(): string[] {
  const root = path.resolve("app");
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const group = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("_");
        walk(path.join(dir, entry.name), group ? segments : [...segments, entry.name]);
      } else if (/^(page\.tsx|route\.ts)$/.test(entry.name)) {
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(root, []);
  return [...new Set(found)].sort();
}

type Ids = Record<string, string>;

async function seedIds(): Promise<Ids> {
  const [project] = await db<{ id: string }>(
    `SELECT id FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY id LIMIT 1`,
    [SAN_DONATO],
  );
  const [line] = await db<{ id: string }>(`SELECT id FROM "FundingLine" WHERE "projectId" = $1 LIMIT 1`, [
    project.id,
  ]);
  const [user] = await db<{ id: string }>(`SELECT id FROM "User" ORDER BY email LIMIT 1`);
  const [stream] = await db<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code LIMIT 1`);
  return { project: project.id, line: line?.id ?? project.id, user: user.id, stream: stream.id };
}

/** A real URL for a template: seed ids in the dynamic segments. */
function concrete(template: string, ids: Ids): string {
  const parts = template.split("/");
  return parts
    .map((part, i) => {
      const parent = parts[i - 1];
      switch (part) {
        case "[istat]":
          return SAN_DONATO;
        case "[slug]":
          return SLUG;
        case "[token]":
          return "token-di-prova";
        case "[file]":
          return "interventi.csv";
        case "[...nextauth]":
          return "session";
        case "[child]":
          return template.startsWith("/api/") ? "funding-lines" : "risorse";
        case "[childId]":
          return ids.line;
        case "[id]":
          if (parent === "utenti") return ids.user;
          if (parent === "filoni") return ids.stream;
          if (parent === "tokens") return ids.user;
          return ids.project;
        default:
          return part;
      }
    })
    .join("/");
}

/** The same URL with one dynamic segment replaced by `value`. */
function withSegment(template: string, ids: Ids, index: number, value: string): string {
  const real = concrete(template, ids).split("/");
  real[index] = value;
  return real.join("/");
}

/** Runs `urls` through `request` a few at a time; returns (and logs at once) every answer of 500 or more. */
async function sweep(request: APIRequestContext, role: string, urls: readonly string[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 });
      if (res.status() >= 500) {
        const failure = `${role} GET ${url.slice(0, 200)} → ${res.status()}`;
        console.log(failure);
        failures.push(failure);
      }
      await res.dispose();
    }
  };
  // Three at a time: the other spec files share the server (and its two workers) meanwhile.
  await Promise.all(Array.from({ length: 3 }, worker));
  return failures;
}

type Role = "anonymous" | "officer" | "coordinator" | "admin";
const ROLES: Role[] = ["anonymous", "officer", "coordinator", "admin"];
const LOGINS: Record<Role, { email: string; password: string } | undefined> = {
  anonymous: undefined,
  officer: ACCOUNTS.sanDonato,
  coordinator: ACCOUNTS.coordinator,
  admin: ACCOUNTS.admin,
};

/** The role that gets past authorization on a route, so its parameters are really parsed. */
function homeRole(template: string): Role {
  if (/^\/(admin)(\/|$)/.test(template)) return "admin";
  if (/^\/(regione|api\/v1\/rollup)(\/|$)/.test(template)) return "coordinator";
  if (/^\/(comuni|profilo|api\/v1)(\/|$)/.test(template)) return "officer";
  return "anonymous";
}

/** Query parameters of the API (lib/api/queries.ts): a route refuses the first invalid one, hiding the others. */
const API_PARAMS = [
  ...["page", "pageSize", "provincia", "membro", "q", "smart_land", "ordina", "verso", "archiviati"],
  ...["filone", "fonte", "stato", "andamento", "tema", "smartland", "anno_da", "anno_a", "anno"],
  ...["formato", "tabella", "modello", "ambito", "comune", "eliminati", "__proto__"],
];
const API_VALUES = ["%00", "__proto__", "1e309", "%E0%A4%A"];

/** Every fuzzed URL, by the role that requests it. */
async function fuzzUrls(): Promise<Record<Role, string[]>> {
  const templates = routeTemplates();
  expect(templates.length).toBeGreaterThan(40);
  expect(templates).toEqual(
    expect.arrayContaining(["/regione", "/admin/registro", "/admin/registro/export"]),
  );
  const ids = await seedIds();

  const urls: Record<Role, string[]> = { anonymous: [], officer: [], coordinator: [], admin: [] };
  for (const [i, template] of templates.entries()) {
    const base = concrete(template, ids);
    const home = homeRole(template);
    // The role that reaches the route: each value in every parameter at once (a page ignores bad values
    // one by one), repeated parameters (arrays), the long value in one parameter (URLs have a size limit).
    for (const value of VALUES) urls[home].push(`${base}?${PARAMS.map((p) => `${p}=${value}`).join("&")}`);
    urls[home].push(`${base}?${PARAMS.map((p) => `${p}=1&${p}=2`).join("&")}`);
    urls[home].push(`${base}?${PARAMS[i % PARAMS.length]}=${LONG}`);
    // A route handler validates all its parameters and refuses at the first bad one: each alone, with a
    // value rotating over the routes (every parameter meets every value on some route).
    if (template.startsWith("/api/")) {
      for (const [j, p] of API_PARAMS.entries()) {
        urls[home].push(`${base}?${p}=${API_VALUES[(i + j) % API_VALUES.length]}`);
      }
    }
    // Every other role (refused or redirected before parsing, mostly): one value, rotating.
    for (const [k, role] of ROLES.entries()) {
      if (role === home) continue;
      for (const value of [VALUES[(i + k) % VALUES.length]]) {
        urls[role].push(`${base}?${PARAMS.map((p) => `${p}=${value}`).join("&")}`);
      }
    }
    // Hostile path segments, in each dynamic segment: as the route's role and anonymously.
    template.split("/").forEach((part, index) => {
      if (!part.startsWith("[")) return;
      for (const value of SEGMENTS) {
        const url = withSegment(template, ids, index, value);
        urls.anonymous.push(url);
        // serve.mjs refuses undecodable and control-character paths before any session is read.
        if (home !== "anonymous" && !/%(E0|00)/.test(value)) urls[home].push(url);
      }
    });
  }
  return urls;
}

test.describe("no URL answers 500: every page and route, hostile query values and path segments", () => {
  // One test per role, so the sweeps (~4,400 requests in all) spread over Playwright's workers.
  test.describe.configure({ mode: "parallel", timeout: 240_000 });

  for (const role of ROLES) {
    test(`as ${role === "anonymous" ? "an anonymous visitor" : `the ${role}`}`, async ({ browser }) => {
      const urls = (await fuzzUrls())[role];
      expect(urls.length).toBeGreaterThan(50);
      const started = Date.now();
      const context = await browser.newContext();
      const account = LOGINS[role];
      if (account) await login(await context.newPage(), account);
      const failures = await sweep(context.request, role, urls);
      await context.close();
      console.log(
        `url-fuzz ${role}: ${urls.length} requests in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      expect(failures).toEqual([]);
    });
  }
});
