// zod → JSON Schema (2020-12, the dialect of OpenAPI 3.1) for the API document. Request schemas (bodies,
// query strings, path parameters) are converted as zod "input", response schemas as zod "output".
// Each side has its own registry: a schema registered with an `id` becomes a component
// (#/components/schemas/<id>) and is referenced wherever it is used; `description` and `examples` are
// copied into the generated schema.
import * as z from "zod";
import { inputDocs, type JsonSchemaFragment } from "@/lib/validation/input-docs";

export type ApiMeta = {
  id?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  /** Documented default (when the schema's transform applies it rather than zod's `.default`). */
  default?: unknown;
  /** An accepted but deprecated spelling (lib/api/queries.ts QUERY_ALIASES). */
  deprecated?: boolean;
};
export type JsonSchema = JsonSchemaFragment;

/** Request bodies, query strings and path parameters (zod "input"). */
export const requestSchemas = z.registry<ApiMeta>();
/** Response bodies (zod "output"). */
export const responseSchemas = z.registry<ApiMeta>();

/** Registers `schema` in `registry` with `meta` and returns the same schema (no clone). */
export function described<S extends z.ZodType>(
  registry: z.core.$ZodRegistry<ApiMeta>,
  schema: S,
  meta: ApiMeta,
): S {
  registry.add(schema, meta);
  return schema;
}

/** A response field with an Italian description. */
export const out = <S extends z.ZodType>(schema: S, description: string) =>
  described(responseSchemas, schema, { description });
/** A request field (query/path parameter) with an Italian description. */
export const inp = <S extends z.ZodType>(schema: S, description: string) =>
  described(requestSchemas, schema, { description });

export const COMPONENT_PREFIX = "#/components/schemas/";

type Def = { type: string; in?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** `z.preprocess(fn, target)`: a pipe whose input side is a function zod cannot describe. */
function isPreprocess(schema: unknown): boolean {
  const def = defOf(schema);
  return def.type === "pipe" && !!def.in && defOf(def.in).type === "transform";
}

/** Errors found while converting: an undocumented preprocessed field cannot be described honestly. */
export class UndocumentedInputError extends Error {}

function overrideFor(io: "input" | "output") {
  return (ctx: { zodSchema: unknown; jsonSchema: JsonSchema; path: (string | number)[] }) => {
    const json = ctx.jsonSchema;
    if (io === "input") {
      const doc = inputDocs.get(ctx.zodSchema as z.ZodType);
      if (doc) {
        const description = [json.description, doc.schema.description].filter(Boolean).join(" ");
        for (const key of Object.keys(json)) delete json[key];
        Object.assign(json, structuredClone(doc.schema), description ? { description } : {});
      } else if (isPreprocess(ctx.zodSchema)) {
        throw new UndocumentedInputError(
          `A preprocessed field has no input documentation (documented() in lib/validation): ${ctx.path.join("/")}`,
        );
      }
      const def = defOf(ctx.zodSchema);
      if (def.type === "object" && def.shape && Array.isArray(json.required)) {
        const shape = def.shape;
        const required = (json.required as string[]).filter((key) => !inputDocs.get(shape[key])?.optional);
        if (required.length) json.required = required;
        else delete json.required;
      }
    }
    // The bounds zod puts on every integer (±MAX_SAFE_INTEGER) say nothing to a reader.
    if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
    if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
  };
}

// A type JSON Schema cannot express (a Date, a z.custom) is allowed only inside a documented field, whose
// annotation replaces it; anything left over fails the conversion (see `assertRepresented`).
const UNREPRESENTED = "x-unrepresented";

function params(io: "input" | "output") {
  return {
    io,
    target: "draft-2020-12" as const,
    unrepresentable: () => ({ [UNREPRESENTED]: true }),
    override: overrideFor(io),
  };
}

function assertRepresented(json: unknown, where: string): void {
  const text = JSON.stringify(json);
  if (text.includes(`"${UNREPRESENTED}"`)) {
    throw new UndocumentedInputError(`A schema of ${where} has a part JSON Schema cannot represent: ${text}`);
  }
}

/** Every registered schema with an id, as OpenAPI components, references included. */
export function componentsOf(registry: z.core.$ZodRegistry<ApiMeta>, io: "input" | "output") {
  const { schemas } = z.toJSONSchema(registry as z.core.$ZodRegistry<{ id?: string }>, {
    ...params(io),
    metadata: registry,
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  if (schemas.__shared) throw new Error("Unexpected shared definitions in the API schemas");
  for (const [id, schema] of Object.entries(schemas)) {
    assertRepresented(schema, id);
    delete schema.$schema; // the document's jsonSchemaDialect says it once
    delete schema.$id; // components are addressed by their place in the document
  }
  return schemas;
}

/** One schema (query and path parameters), inline. */
export function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const registry = io === "input" ? requestSchemas : responseSchemas;
  const json = z.toJSONSchema(schema, { ...params(io), metadata: registry }) as JsonSchema;
  assertRepresented(json, "a parameter");
  delete json.$schema;
  return json;
}
