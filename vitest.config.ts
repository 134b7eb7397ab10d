import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // Modules that must stay out of the browser import "server-only", which throws unless resolved with
  // the "react-server" condition (as Next.js does for server code). Tests run them on the server: the
  // package's own empty entry, without switching every package (React too) to its server build.
  "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        // Some unit tests stream real workbooks (thousands of rows): 5 s is too tight on a loaded 2-core machine.
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // A real PostgreSQL: a template of the seeded test database, one copy per test file.
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/per-file-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
