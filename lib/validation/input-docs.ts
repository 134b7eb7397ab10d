// Wire-format documentation of the custom field builders of schemas.ts.
//
// Those fields are `z.preprocess(coerce, target)`: they accept what a person types ("1.234,56",
// "25/11/2026", "42") as well as typed JSON values, and a missing key often means a default. zod's
// z.toJSONSchema cannot see inside the preprocess function (in "input" mode it shows the target type, which
// is the *output* format, and marks every key required), so each builder states its accepted input here.
// lib/api/json-schema.ts applies these annotations when it generates the OpenAPI document, and refuses to
// emit a preprocessed field that has none — so the document cannot silently drift from the schemas.
import * as z from "zod";

/** A JSON Schema (2020-12) fragment, as OpenAPI 3.1 uses it. */
export type JsonSchemaFragment = { [key: string]: unknown };

export type InputDoc = {
  /** What the field accepts on the wire. */
  schema: JsonSchemaFragment;
  /** The key may be left out (the field then takes its default or null). */
  optional?: boolean;
};

/** Input annotations, by schema instance. Registering does not clone: the schema stays the same object. */
export const inputDocs = z.registry<InputDoc>();

/** Annotates `schema` with its wire format and returns the same schema. */
export function documented<S extends z.ZodType>(schema: S, doc: InputDoc): S {
  inputDocs.add(schema, doc);
  return schema;
}
