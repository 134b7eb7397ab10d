import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { LAYERS } from "./layers.mjs";

/**
 * The layers of layers.mjs as `@typescript-eslint/no-restricted-imports` rules: for the files of each module,
 * an ALLOW-list of `@/` imports — its own layer and the layers below (for a layer with `uses`, only those
 * modules of the layers below). Everything else under `@/` is refused. A layer with `uses` may still import
 * TYPES from any lower lib module (`import type`: erased at build, it ships no code).
 * tests/unit/import-graph.test.ts checks the same rules on every import, relative and dynamic ones too.
 */
function layerRules() {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const specifier = (module) => module.replace(/\.tsx?$/, "");
  const anyOf = (modules) => `(${modules.map((m) => escape(specifier(m))).join("|")})(/|$)`;
  const rules = LAYERS.flatMap((layer, index) => {
    const below = LAYERS.slice(0, index).flatMap((l) => l.modules);
    const message = layer.uses
      ? `Layer "${layer.name}" may import values only from its own layer and ${layer.uses.join(", ")}; types (import type) from any layer below (layers.mjs, ARCHITECTURE.md).`
      : `Layer "${layer.name}" may import only its own layer and the layers below it (layers.mjs, ARCHITECTURE.md).`;
    const own = anyOf([...layer.modules, ...below]);
    const patterns = layer.uses
      ? [
          // Any lower module for types; of those, only the allow-list for values.
          { regex: `^@/(?!${own})`, message },
          {
            regex: `^@/(?=${anyOf(below)})(?!${anyOf([...layer.modules, ...layer.uses])})`,
            message,
            allowTypeImports: true,
          },
        ]
      : [{ regex: `^@/(?!${own})`, message }];
    return layer.modules.map((module) => ({
      module,
      files: /\.[a-z]+$/.test(module) ? [module] : [`${module}/**/*.{ts,tsx,mjs}`],
      rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
    }));
  });
  // A file listed on its own (lib/audit/record-audit.ts) overrides its folder's rule: later objects win.
  return rules
    .sort((a, b) => a.module.length - b.module.length)
    .map(({ files, rules }) => ({ files, rules }));
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "node_modules/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layerRules(),
];
export default config;
