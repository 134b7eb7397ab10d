// The API's query parameters are Italian (lib/api/queries.ts); the older spellings stay accepted as
// documented aliases, and the Italian name wins when a request carries both.
import { describe, expect, it } from "vitest";
import {
  comuniQuerySchema,
  deleteProjectQuerySchema,
  importQuerySchema,
  projectsQuerySchema,
  QUERY_ALIASES,
  rollupQuerySchema,
} from "@/lib/api/queries";
import { openApiDocument } from "@/lib/api/openapi";

describe("query parameter aliases", () => {
  it("pagina/per_pagina and page/pageSize page alike; the Italian name wins", () => {
    expect(comuniQuerySchema.parse({})).toMatchObject({ page: 1, pageSize: 25 });
    expect(comuniQuerySchema.parse({ pagina: "2", per_pagina: "10" })).toMatchObject({
      page: 2,
      pageSize: 10,
    });
    expect(comuniQuerySchema.parse({ page: "3", pageSize: "5" })).toMatchObject({ page: 3, pageSize: 5 });
    expect(projectsQuerySchema.parse({ pagina: "2", page: "9" })).toMatchObject({ page: 2 });
  });

  it("smart_land and smartland filter alike, on the comuni and the roll-up", () => {
    expect(comuniQuerySchema.parse({ smart_land: "sud-est-milano" }).smartLand).toBe("sud-est-milano");
    expect(comuniQuerySchema.parse({ smartland: "sud-est-milano" }).smartLand).toBe("sud-est-milano");
    expect(rollupQuerySchema.parse({ smart_land: "a-b" })).toEqual({ smartLand: "a-b" });
    expect(rollupQuerySchema.parse({ smartland: "a-b" })).toEqual({ smartLand: "a-b" });
  });

  it("versione/version and anteprima/dryRun", () => {
    expect(deleteProjectQuerySchema.parse({ versione: "4" })).toEqual({ version: 4 });
    expect(deleteProjectQuerySchema.parse({ version: "4" })).toEqual({ version: 4 });
    expect(importQuerySchema.parse({ anteprima: "1" })).toMatchObject({ dryRun: true });
    expect(importQuerySchema.parse({ dryRun: "true" })).toMatchObject({ dryRun: true });
  });

  it("an invalid alias is refused under the name the client sent", () => {
    const result = comuniQuerySchema.safeParse({ per_pagina: "101", page: "0" });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["page", "per_pagina"]);
  });

  it("every alias is in the document, deprecated, next to the parameter it stands for", () => {
    const parameters = Object.values(openApiDocument().paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op.parameters ?? []) as { name: string; deprecated?: boolean }[]),
    );
    for (const [name, alias] of Object.entries(QUERY_ALIASES)) {
      const documented = parameters.filter((p) => p.name === alias);
      expect(documented.length, alias).toBeGreaterThan(0);
      expect(documented.every((p) => p.deprecated)).toBe(true);
      expect(
        parameters.some((p) => p.name === name && !p.deprecated),
        name,
      ).toBe(true);
    }
  });
});
