// The layers of the code, lowest first, written once (ARCHITECTURE.md, "Layers"). A module may import its
// own layer and the layers below it, never one above. A layer with `uses` imports from the layers below
// only the modules listed there (an allow-list): components render, so they may reach only what is safe to
// ship to a browser. Such a layer may still `import type` from any layer below: types are erased at build.
//
// A module is a folder or a file, by its path from the repository root; a file belongs to the longest
// module that contains it, so a file listed on its own (lib/audit/record-audit.ts) leaves its folder's
// layer. Every file of app/, components/, lib/ and proxy.ts must belong to a module.
//
// Two readers derive their rules from this list: eslint.config.mjs (no-restricted-imports, per layer, as
// an allow-list of `@/` imports) and tests/unit/import-graph.test.ts (every import, static or dynamic,
// relative or `@/`, resolved to its file).

/** @type {readonly { name: string; modules: readonly string[]; uses?: readonly string[] }[]} */
export const LAYERS = [
  // Prisma's generated client and enums.
  { name: "generated", modules: ["lib/generated"] },
  // Pure helpers that know nothing of the portal's data: formatting, exact money arithmetic, ids, escaped markup, caches, the
  // choropleth's shapes and colours, logging, the client address, the CSP and query-string readers.
  {
    name: "base",
    modules: [
      "lib/format",
      "lib/money.ts",
      "lib/ids.mjs",
      "lib/markup.ts",
      "lib/cache",
      "lib/choropleth",
      "lib/log",
      "lib/http/client-address.mjs",
      "lib/http/csp.ts",
      "lib/http/search-params.ts",
    ],
  },
  // Typed errors (AppError, what a database failure means) and their HTTP form (problem+json).
  { name: "errors", modules: ["lib/errors", "lib/http/problem.ts"] },
  // Input checks: zod schemas, identifiers, the password policy, parseOrThrow; a request's size, origin
  // and content type.
  { name: "validation", modules: ["lib/validation", "lib/http/request-guards.ts"] },
  // Services that know no domain: e-mail, CSV/XLSX writing, the map's geometry (read from disk).
  { name: "services", modules: ["lib/mail", "lib/export", "lib/geo"] },
  // The Prisma client, withActor, readRows.
  { name: "db", modules: ["lib/db"] },
  // The audit log's writers, used by every writing transaction and by the sign-in (lib/auth).
  { name: "audit-writer", modules: ["lib/audit/record-audit.ts", "lib/audit/repeated.ts"] },
  // Who is asking: session → actor, bearer tokens, permissions, password hashing, throttling, sign-in.
  { name: "auth", modules: ["lib/auth"] },
  // The business: each folder answers (actor, input) through withActor.
  {
    name: "domain",
    modules: [
      "lib/adherence",
      "lib/audit",
      "lib/comuni",
      "lib/documents",
      "lib/health.ts",
      "lib/import",
      "lib/programme",
      "lib/phases",
      "lib/projects",
      "lib/public",
      "lib/rollup",
      "lib/rounds",
      "lib/smart-lands",
      "lib/streams",
      "lib/users",
    ],
  },
  // The API's contract: OpenAPI document, response schemas, catalog queries, the registry of records under a
  // project (child-kinds.ts) and their create/update/delete.
  { name: "api", modules: ["lib/api"] },
  // The choke points: apiRoute, runFormAction, orNotFound/deny, refusal reporting.
  { name: "http", modules: ["lib/http"] },
  // UI by feature. Never the session, the database or a domain module: only these (types from any lib module).
  {
    name: "components",
    modules: ["components"],
    uses: [
      "lib/format",
      "lib/money.ts",
      "lib/ids.mjs",
      "lib/markup.ts",
      "lib/choropleth",
      "lib/validation/form-state.ts",
      "lib/import/report.ts",
    ],
  },
  // Routing: pages, layouts, server actions, route handlers, the proxy.
  { name: "app", modules: ["app", "proxy.ts", "instrumentation.ts"] },
];
