// The OpenAPI document: it covers every route under app/api/v1 (and nothing else), it is well formed
// (every $ref resolves, every schema compiles as JSON Schema 2020-12), and it is derived from the zod
// schemas the routes use — a field added to a schema shows up, an undocumented preprocessed field is
// refused. The validator used by the contract tests rejects what the document does not allow.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { componentsOf, requestSchemas, UndocumentedInputError } from "@/lib/api/json-schema";
import { OPERATIONS, openApiDocument } from "@/lib/api/openapi";
import { apiTokenInput } from "@/lib/users/api-tokens";
import { documented } from "@/lib/validation/input-docs";
import { projectCreateSchema, projectUpdateSchema } from "@/lib/validation/schemas";
import { methodsOf, routeFiles, templateRegex } from "./api-harness";

const doc = openApiDocument();
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Every (METHOD, document path) pair. */
const operationsInDoc = Object.entries(doc.paths).flatMap(([p, item]) =>
  Object.keys(item).map((m) => ({ method: m.toUpperCase(), path: p })),
);

describe("coverage of app/api/v1", () => {
  it("every method of every route.ts under app/api/v1 is in the document", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(17);
    const missing: string[] = [];
    for (const { template, file } of files) {
      const pattern = templateRegex(template, true);
      for (const method of await methodsOf(file)) {
        if (!operationsInDoc.some((d) => d.method === method && pattern.test(d.path))) {
          missing.push(`${method} ${template}`);
        }
      }
    }
    expect(missing, "routes missing from lib/api/openapi.ts OPERATIONS").toEqual([]);
  });

  it("every documented operation has a route.ts exporting that method", async () => {
    const files = await Promise.all(
      routeFiles().map(async (f) => ({ ...f, methods: await methodsOf(f.file) })),
    );
    for (const { method, path } of operationsInDoc) {
      const route = files.find(
        (f) => templateRegex(f.template, true).test(path) && f.methods.includes(method),
      );
      expect(route, `${method} ${path}`).toBeDefined();
    }
  });

  it("the walk itself notices a route it has not seen (the check can fail)", () => {
    expect(templateRegex("/projects/[id]/[child]", true).test("/projects/{id}/funding-lines")).toBe(true);
    expect(templateRegex("/projects/[id]/[child]", true).test("/projects/{id}")).toBe(false);
    expect(operationsInDoc.some((d) => templateRegex("/tokens/[id]/rotate", true).test(d.path))).toBe(false);
  });
});

describe("the document", () => {
  it("is OpenAPI 3.1.0 with both security schemes, the problem schema and Italian descriptions", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.schemas.Problem).toMatchObject({
      required: ["type", "title", "status", "code"],
      properties: { errors: { type: "object" } },
    });
    for (const op of OPERATIONS) expect(op.summary, `${op.method} ${op.path}`).toMatch(/[a-zà-ù]/);
    const operationIds = operationsInDoc.map(({ method, path }) => {
      const op = doc.paths[path][method.toLowerCase() as "get"] as { operationId: string };
      return op.operationId;
    });
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it("every operation answers 401 problem+json unless it is the document; token routes are session-only", () => {
    for (const { method, path } of operationsInDoc) {
      const op = doc.paths[path][method.toLowerCase() as "get"] as {
        responses: Record<string, { $ref?: string }>;
        security?: unknown[];
      };
      if (path === "/openapi.json") expect(op.security).toEqual([]);
      else
        expect(op.responses["401"]?.$ref, `${method} ${path}`).toBe("#/components/responses/Unauthenticated");
      if (path.startsWith("/tokens")) expect(op.security).toEqual([{ sessionCookie: [] }]);
    }
  });

  it("every $ref resolves and every component compiles as JSON Schema 2020-12", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      let node: unknown = doc;
      for (const part of ref.split("/")) node = (node as Record<string, unknown>)[part.replace(/~1/g, "/")];
      expect(node, ref).toBeDefined();
    }
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const id = "https://smartland.example/openapi.json";
    ajv.addSchema({ $id: id, components: doc.components });
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.compile({ $ref: `${id}#/components/schemas/${name}` }), name).not.toThrow();
    }
  });

  it("the validator rejects an undocumented field and a wrong type (the contract tests can fail)", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const id = "https://smartland.example/openapi-2.json";
    ajv.addSchema({ $id: id, components: doc.components });
    const validate = ajv.compile({ $ref: `${id}#/components/schemas/PageMeta` });
    expect(validate({ page: 1, pageSize: 25, total: 0, pages: 1 })).toBe(true);
    expect(validate({ page: 1, pageSize: 25, total: 0, pages: 1, extra: true })).toBe(false);
    expect(validate({ page: "1", pageSize: 25, total: 0, pages: 1 })).toBe(false);
    expect(validate({ page: 1, pageSize: 500, total: 0, pages: 1 })).toBe(false);
  });
});

describe("derived from the zod schemas the routes use", () => {
  it("request bodies list exactly the schema's fields; required = what the schema refuses to miss", () => {
    const input = doc.components.schemas.ProjectInput as { properties: object; required: string[] };
    expect(Object.keys(input.properties).sort()).toEqual(Object.keys(projectCreateSchema.shape).sort());
    // A key is required in the document exactly when leaving it out is an error of that key.
    const missing = projectUpdateSchema.safeParse({});
    const refused = new Set(missing.success ? [] : missing.error.issues.map((i) => String(i.path[0])));
    const update = doc.components.schemas.ProjectUpdate as { required: string[] };
    expect([...update.required].sort()).toEqual([...refused].sort());
    expect(doc.components.schemas.ApiTokenInput).toMatchObject({
      properties: { name: { type: "string", minLength: 1, maxLength: 80 } },
      required: ["name"],
    });
    expect(apiTokenInput.shape.name).toBeDefined();
  });

  it("Italian input formats are documented (money, dates), not the stored format", () => {
    const props = (
      doc.components.schemas.ProjectInput as { properties: Record<string, { description?: string }> }
    ).properties;
    expect(props.totalCost.description).toContain("1.234,56");
    expect(props.plannedStart.description).toContain("25/11/2026");
  });

  it("a field added to a registered schema appears in the generated components", () => {
    const extended = projectCreateSchema.extend({ note: z.string().max(10) });
    requestSchemas.add(extended, { id: "ProjectWithNote" });
    try {
      const components = componentsOf(requestSchemas, "input");
      expect(components.ProjectWithNote).toMatchObject({
        properties: { note: { type: "string", maxLength: 10 } },
      });
      expect((components.ProjectWithNote as { required: string[] }).required).toContain("note");
    } finally {
      requestSchemas.remove(extended);
    }
  });

  it("a preprocessed field without input documentation is refused, with documentation it is used", () => {
    const bare = z.object({ amount: z.preprocess((v) => v, z.string()) });
    requestSchemas.add(bare, { id: "Bare" });
    try {
      expect(() => componentsOf(requestSchemas, "input")).toThrow(UndocumentedInputError);
    } finally {
      requestSchemas.remove(bare);
    }
    const annotated = z.object({
      amount: documented(
        z.preprocess((v) => v, z.string()),
        { schema: { type: "number", description: "Un numero." }, optional: true },
      ),
    });
    requestSchemas.add(annotated, { id: "Annotated" });
    try {
      const components = componentsOf(requestSchemas, "input");
      expect(components.Annotated).toEqual({
        type: "object",
        properties: { amount: { type: "number", description: "Un numero." } },
      });
    } finally {
      requestSchemas.remove(annotated);
    }
  });
});
