// The layers of layers.mjs, checked on the real import graph: every import of app/, components/, lib/ and
// proxy.ts (static `import … from`, `export … from`, `import type`, dynamic `import()`), read with
// TypeScript's own parser and resolved to its file (`@/` and relative paths). An import that runs the wrong
// way — a lower layer reaching a higher one, or components reaching a module outside their allow-list —
// fails the test, which names every offending edge with its files. An import of types only (erased at build)
// lets components name any lower module's types; it still may not run upwards.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LAYERS, type Layer } from "@/layers.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx|mjs)$/;

/** An import between two files; `typeOnly` when it names only types (erased at build: it ships no code). */
type Edge = { from: string; to: string; typeOnly?: boolean };

/** Every source file of the layered code, as a path from the repository root (`/` separators). */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== "lib/generated") walk(rel);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.mts")) {
        files.push(rel);
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  files.push("proxy.ts", "instrumentation.ts");
  return files;
}

/** The file an import names, or null for a package; an internal path that names no file is an error. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve "${specifier}"`);
}

/**
 * The specifiers a file imports ONLY for their types: `import type …`, `import { type A, type B } …`,
 * `export type … from`, `typeof import("…")`. preProcessFile cannot tell these apart, so this walks the
 * syntax tree; a specifier also imported for a value anywhere in the file is not type-only.
 */
function typeOnlySpecifiers(file: string, source: string): Set<string> {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
  const typeOnly = new Set<string>();
  const value = new Set<string>();
  const note = (specifier: ts.Node | undefined, isType: boolean) => {
    if (specifier && ts.isStringLiteral(specifier)) (isType ? typeOnly : value).add(specifier.text);
  };
  const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) =>
    elements.length > 0 && elements.every((e) => e.isTypeOnly);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      note(
        node.moduleSpecifier,
        !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!bindings && ts.isNamedImports(bindings) && allTypes(bindings.elements))),
      );
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      note(
        node.moduleSpecifier,
        node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allTypes(clause.elements)),
      );
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) note(argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const specifier of value) typeOnly.delete(specifier);
  return typeOnly;
}

/** Every import edge between files of the layered code. */
function importGraph(root: string): Edge[] {
  const edges: Edge[] = [];
  for (const from of sourceFiles(root)) {
    const source = readFileSync(path.join(root, from), "utf8");
    // readImportFiles: import/export … from and import(); detectJavaScriptImports: also require().
    const { importedFiles } = ts.preProcessFile(source, true, true);
    const typeOnly = typeOnlySpecifiers(from, source);
    for (const { fileName } of importedFiles) {
      const to = resolveImport(root, from, fileName);
      // A dynamic import() or require() is never in typeOnly: the walk notes only declarations and types.
      if (to) edges.push({ from, to, ...(typeOnly.has(fileName) ? { typeOnly: true } : {}) });
    }
  }
  return edges;
}

const contains = (module: string, file: string) => file === module || file.startsWith(`${module}/`);

/** The module (and its layer) a file belongs to: the longest module that contains it. */
function placeOf(layers: readonly Layer[], file: string): { module: string; layer: number } | null {
  let best: { module: string; layer: number } | null = null;
  layers.forEach((layer, index) => {
    for (const prefix of layer.modules) {
      if (contains(prefix, file) && (!best || prefix.length > best.module.length)) {
        best = { module: prefix, layer: index };
      }
    }
  });
  return best;
}

/** What is wrong with these files and edges under these layers: one line per offence. */
export function layerViolations(layers: readonly Layer[], files: readonly string[], edges: readonly Edge[]) {
  const problems: string[] = [];
  for (const file of files) {
    if (!placeOf(layers, file)) problems.push(`${file} is on no layer (add its folder to layers.mjs)`);
  }
  for (const { from, to, typeOnly } of edges) {
    const a = placeOf(layers, from);
    const b = placeOf(layers, to);
    if (!a || !b || a.module === b.module) continue;
    const [la, lb] = [layers[a.layer], layers[b.layer]];
    if (b.layer > a.layer) {
      problems.push(`${from} → ${to}: layer "${la.name}" may not import the higher layer "${lb.name}"`);
    } else if (b.layer < a.layer && la.uses && !la.uses.some((m) => contains(m, to))) {
      // Types are erased at build: a layer with an allow-list may still name any lower module's types.
      if (typeOnly) continue;
      problems.push(`${from} → ${to}: layer "${la.name}" may use only ${la.uses.join(", ")}`);
    }
  }
  return problems;
}

describe("import graph", () => {
  const files = sourceFiles(ROOT);
  const edges = importGraph(ROOT);

  it("reads the real graph (sanity: it sees known imports of each kind)", () => {
    expect(files.length).toBeGreaterThan(150);
    const importsOf = (file: string) => edges.filter((e) => e.from === file).map((e) => e.to);
    // `@/` paths, import type, a plain-JS module, relative paths, dynamic import()
    expect(importsOf("lib/http/api-handler.ts")).toContain("lib/auth/actor.ts");
    expect(importsOf("components/import/import-form.tsx")).toContain("lib/import/report.ts");
    expect(importsOf("lib/db/index.ts")).toContain("lib/log/request-context.mjs");
    expect(importsOf("lib/validation/parse.ts")).toContain("lib/validation/schemas.ts");
    expect(importsOf("components/charts/lazy-bar-chart.tsx")).toContain(
      "components/charts/recharts-bar-chart.tsx",
    );
    expect(importsOf("lib/import/import-projects.ts")).toEqual(
      expect.arrayContaining(["lib/import/report.ts", "lib/import/read-file.ts"]),
    );
  });

  it("every import runs the right way between the layers of layers.mjs", () => {
    expect(layerViolations(LAYERS, files, edges)).toEqual([]);
  });

  it("no module the components may use is, or imports, a server-only module", () => {
    const serverOnly = new Set(
      files.filter((f) => /^import "server-only";$/m.test(readFileSync(path.join(ROOT, f), "utf8"))),
    );
    const uiSafe = LAYERS.find((l) => l.name === "components")!.uses!;
    const problems: string[] = [];
    // Every file reachable from a UI-safe module, with the path that reaches it.
    const seen = new Map<string, string[]>();
    const queue = files.filter((f) => uiSafe.some((m) => contains(m, f))).map((f) => [f]);
    while (queue.length) {
      const trail = queue.shift()!;
      const file = trail[trail.length - 1];
      if (seen.has(file)) continue;
      seen.set(file, trail);
      if (serverOnly.has(file)) problems.push(trail.join(" → "));
      // A type-only import ships no code, so it cannot bring a server-only module into the browser.
      for (const e of edges) if (e.from === file && !e.typeOnly) queue.push([...trail, e.to]);
    }
    expect(problems).toEqual([]);
  });

  it("fails on a wrong-way import, naming the edge and its files", () => {
    const files = ["components/import/import-form.tsx", "lib/import/import-projects.ts", "lib/db/index.ts"];
    expect(
      layerViolations(LAYERS, files, [
        { from: "components/import/import-form.tsx", to: "lib/import/import-projects.ts" },
        { from: "lib/db/index.ts", to: "lib/import/import-projects.ts" },
        { from: "lib/import/import-projects.ts", to: "components/import/import-form.tsx" },
      ]),
    ).toEqual([
      'components/import/import-form.tsx → lib/import/import-projects.ts: layer "components" may use only lib/format, lib/money.ts, lib/ids.mjs, lib/markup.ts, lib/choropleth, lib/validation/form-state.ts, lib/import/report.ts',
      'lib/db/index.ts → lib/import/import-projects.ts: layer "db" may not import the higher layer "domain"',
      'lib/import/import-projects.ts → components/import/import-form.tsx: layer "domain" may not import the higher layer "components"',
    ]);
    expect(layerViolations(LAYERS, ["lib/newfolder/x.ts"], [])).toEqual([
      "lib/newfolder/x.ts is on no layer (add its folder to layers.mjs)",
    ]);
  });

  it("lets components import a domain module's types, never its values", () => {
    const files = ["components/audit/audit-log.tsx", "lib/audit/list-audit.ts", "app/layout.tsx"];
    const from = "components/audit/audit-log.tsx";
    expect(layerViolations(LAYERS, files, [{ from, to: "lib/audit/list-audit.ts", typeOnly: true }])).toEqual(
      [],
    );
    expect(layerViolations(LAYERS, files, [{ from, to: "lib/audit/list-audit.ts" }])).toEqual([
      `${from} → lib/audit/list-audit.ts: layer "components" may use only lib/format, lib/money.ts, lib/ids.mjs, lib/markup.ts, lib/choropleth, lib/validation/form-state.ts, lib/import/report.ts`,
    ]);
    // Types from a higher layer are still refused.
    expect(layerViolations(LAYERS, files, [{ from, to: "app/layout.tsx", typeOnly: true }])).toEqual([
      `${from} → app/layout.tsx: layer "components" may not import the higher layer "app"`,
    ]);
  });

  it("tells an import of types only from one of values", () => {
    const probe = typeOnlySpecifiers(
      "probe.ts",
      [
        'import type { A } from "@/a";',
        'import { type B, type C } from "@/b";',
        'import { type D, e } from "@/c";',
        'import f from "@/d";',
        'export type { G } from "@/e";',
        'type H = typeof import("@/f");',
        'import type { I } from "@/g";',
        'import { j } from "@/g";',
      ].join("\n"),
    );
    expect([...probe].sort()).toEqual(["@/a", "@/b", "@/e", "@/f"]);
  });
});
