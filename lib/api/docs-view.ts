// The documentation page's view of the OpenAPI document: operations grouped by tag, parameters, bodies and
// responses as rows, schema types as short Italian labels. Pure: the page renders what this returns, so
// the page shows exactly what /api/v1/openapi.json says.
import type { JsonSchema } from "./json-schema";
import type { HttpMethod, OpenApiDocument } from "./openapi";

export type FieldRow = { name: string; required: boolean; type: TypeLabel; description: string };
/** A type as text plus the components it mentions (linked on the page). */
export type TypeLabel = { text: string; refs: string[] };

export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  access: string;
  parameters: (FieldRow & { location: string })[];
  body: { media: string[]; schema: TypeLabel; description: string } | null;
  responses: { status: string; description: string; schema: TypeLabel | null; media: string[] }[];
};

export type DocsView = {
  title: string;
  version: string;
  description: string;
  server: string;
  tags: { name: string; slug: string; description: string; operations: OperationView[] }[];
  schemas: { name: string; description: string; fields: FieldRow[]; type: TypeLabel }[];
};

const COMPONENT = /^#\/components\/schemas\/(.+)$/;

const slugOf = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const FORMATS: Record<string, string> = {
  uuid: "UUID",
  date: "data aaaa-mm-gg",
  "date-time": "data e ora ISO 8601",
};

/** A short Italian description of a schema's type. */
export function typeLabel(schema: JsonSchema | undefined): TypeLabel {
  if (!schema) return { text: "qualsiasi", refs: [] };
  const ref = typeof schema.$ref === "string" ? COMPONENT.exec(schema.$ref) : null;
  if (ref) return { text: ref[1], refs: [ref[1]] };
  if (Array.isArray(schema.enum)) {
    return { text: `uno di: ${(schema.enum as unknown[]).map((v) => String(v)).join(", ")}`, refs: [] };
  }
  if (schema.const !== undefined) return { text: `sempre ${JSON.stringify(schema.const)}`, refs: [] };
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return join(alternatives.map(typeLabel), " oppure ");
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : schema.type
      ? [schema.type as string]
      : [];
  if (types.length > 1)
    return join(
      types.map((t) => typeLabel({ ...schema, type: t })),
      " oppure ",
    );
  switch (types[0]) {
    case "null":
      return { text: "null", refs: [] };
    case "string": {
      const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
      const length =
        schema.minLength !== undefined && schema.minLength === schema.maxLength
          ? `, ${schema.minLength} caratteri`
          : schema.maxLength !== undefined
            ? `, al massimo ${schema.maxLength} caratteri`
            : "";
      return { text: `testo${format ? ` (${format})` : ""}${length}`, refs: [] };
    }
    case "integer":
    case "number": {
      const word = types[0] === "integer" ? "intero" : "numero";
      const range =
        schema.minimum !== undefined && schema.maximum !== undefined
          ? ` da ${schema.minimum} a ${schema.maximum}`
          : schema.minimum !== undefined
            ? ` ≥ ${schema.minimum}`
            : "";
      return { text: `${word}${range}`, refs: [] };
    }
    case "boolean":
      return { text: "sì/no (true/false)", refs: [] };
    case "array": {
      const item = typeLabel(schema.items as JsonSchema | undefined);
      return { text: `elenco di ${item.text}`, refs: item.refs };
    }
    case "object":
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        const value = typeLabel(schema.additionalProperties as JsonSchema);
        return { text: `oggetto: chiave → ${value.text}`, refs: value.refs };
      }
      return { text: "oggetto", refs: [] };
    default:
      return { text: "qualsiasi", refs: [] };
  }
}

function join(labels: TypeLabel[], separator: string): TypeLabel {
  const texts = [...new Set(labels.map((l) => l.text))];
  return { text: texts.join(separator), refs: [...new Set(labels.flatMap((l) => l.refs))] };
}

function fieldsOf(schema: JsonSchema): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    required: required.has(name),
    type: typeLabel(property),
    description: describe(property),
  }));
}

function describe(schema: JsonSchema): string {
  const parts = [typeof schema.description === "string" ? schema.description : ""];
  if (schema.default !== undefined) parts.push(`Predefinito: ${JSON.stringify(schema.default)}.`);
  return parts.filter(Boolean).join(" ");
}

const ACCESS = {
  anonymous: "Senza accesso.",
  session: "Solo con la sessione del browser (non con un token).",
  any: "Token personale o sessione del browser.",
};

export function docsView(doc: OpenApiDocument): DocsView {
  const operations: (OperationView & { tag: string })[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item) as [HttpMethod, JsonSchema][]) {
      const op = raw as JsonSchema & {
        operationId: string;
        tags: string[];
        summary: string;
        description?: string;
        security?: Record<string, string[]>[];
        parameters?: (JsonSchema & { name: string; in: string; required: boolean; schema: JsonSchema })[];
        requestBody?: { description?: string; content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, JsonSchema>;
      };
      const security = op.security;
      const access =
        security && security.length === 0
          ? ACCESS.anonymous
          : security && security.every((s) => "sessionCookie" in s)
            ? ACCESS.session
            : ACCESS.any;
      const body = op.requestBody;
      operations.push({
        tag: op.tags[0],
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description ?? "",
        access,
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          location: p.in === "path" ? "percorso" : p.in === "header" ? "intestazione" : "query",
          required: p.required,
          type: typeLabel(p.schema),
          description: [p.description ?? "", describe({ default: p.schema.default })]
            .filter(Boolean)
            .join(" "),
        })),
        body: body
          ? {
              media: Object.keys(body.content),
              schema: typeLabel(Object.values(body.content)[0]?.schema),
              description: body.description ?? "",
            }
          : null,
        responses: Object.entries(op.responses).map(([status, response]) => {
          const resolved = (
            typeof response.$ref === "string"
              ? doc.components.responses[response.$ref.split("/").pop()!]
              : response
          ) as { description: string; content?: Record<string, { schema: JsonSchema }> };
          const content = resolved.content ?? {};
          const first = Object.values(content)[0];
          return {
            status,
            description: resolved.description,
            media: Object.keys(content),
            schema:
              first && Object.keys(content).some((m) => m.endsWith("json")) ? typeLabel(first.schema) : null,
          };
        }),
      });
    }
  }
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description,
    server: doc.servers[0]?.url ?? "/api/v1",
    tags: doc.tags.map((t) => ({
      ...t,
      slug: slugOf(t.name),
      operations: operations.filter((o) => o.tag === t.name),
    })),
    schemas: Object.entries(doc.components.schemas)
      .map(([name, schema]) => ({
        name,
        description: typeof schema.description === "string" ? schema.description : "",
        fields: fieldsOf(schema),
        type: typeLabel(schema),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
