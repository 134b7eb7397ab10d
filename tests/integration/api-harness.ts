// Calls the /api/v1 route handlers in-process (the real modules under app/api/v1, the real database) and
// validates every answer against the OpenAPI document with ajv (JSON Schema 2020-12).
//
// Authentication: a personal token (`Authorization: Bearer slt_…`) goes through the real code path. The
// browser session cannot exist outside Next's request scope, so the test file mocks getActor() (the session
// → Actor step) with `sessionActor`; everything after it is the production code.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument, type HttpMethod } from "@/lib/api/openapi";

const API_DIR = path.resolve(__dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT"] as const;

/** Every route.ts under app/api/v1 as its URL template ("/projects/[id]/[child]"). */
export function routeFiles(dir = API_DIR, prefix = ""): { template: string; file: string }[] {
  const found: { template: string; file: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full, `${prefix}/${name}`));
    else if (/^route\.(ts|tsx|js)$/.test(name)) found.push({ template: prefix || "/", file: full });
  }
  return found;
}

/** The HTTP methods a route module exports. */
export async function methodsOf(file: string): Promise<string[]> {
  const mod = (await import(file)) as Record<string, unknown>;
  return METHODS.filter((m) => typeof mod[m] === "function");
}

/** "/projects/[id]/[child]" matches "/projects/{id}/funding-lines" (a document path) and real URLs. */
export function templateRegex(template: string, forDocument: boolean): RegExp {
  const segment = forDocument ? "(?:\\{[^/}]+\\}|[a-z-]+)" : "([^/]+)";
  const source = template
    .split("/")
    .map((s) => (/^\[.+\]$/.test(s) ? segment : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes = routeFiles().sort((a, b) => {
  // Static segments before dynamic ones, as Next.js resolves them.
  const dyn = (t: string) =>
    t
      .split("/")
      .map((s) => (s.startsWith("[") ? "1" : "0"))
      .join("");
  return dyn(a.template).localeCompare(dyn(b.template));
});

async function resolve(
  method: string,
  pathname: string,
): Promise<{ handler: Handler; params: Record<string, string> }> {
  for (const route of routes) {
    const match = templateRegex(route.template, false).exec(pathname);
    if (!match) continue;
    const names = route.template
      .split("/")
      .filter((s) => s.startsWith("["))
      .map((s) => s.slice(1, -1));
    const mod = (await import(route.file)) as Record<string, Handler | undefined>;
    const handler = mod[method];
    if (!handler) throw new Error(`${route.template} has no ${method}`);
    return {
      handler,
      params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])),
    };
  }
  throw new Error(`no route for ${pathname}`);
}

// ---------------------------------------------------------------------------------------------------------
// Validation against the document

const doc = openApiDocument();
const DOC_ID = "https://smartland.example/api/v1/openapi.json";
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ $id: DOC_ID, components: doc.components, paths: doc.paths }, DOC_ID);

const validators = new Map<string, ReturnType<Ajv2020["compile"]>>();
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** The document path ("/projects/{id}") an URL path answers to. */
export function documentPath(pathname: string): string {
  const candidates = Object.keys(doc.paths).filter((p) =>
    new RegExp(`^${p.replace(/\./g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  // The most specific template wins ("/comuni/{istat}/export" over nothing, "/rollup/export" over "{…}").
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  if (!candidates[0]) throw new Error(`${pathname} is not in the OpenAPI document`);
  return candidates[0];
}

type ResponseObject = { $ref?: string; content?: Record<string, { schema: unknown }> };

function responseObject(
  docPath: string,
  method: HttpMethod,
  status: number,
): [ResponseObject, string] | null {
  const operation = doc.paths[docPath]?.[method] as { responses: Record<string, ResponseObject> } | undefined;
  if (!operation) throw new Error(`${method.toUpperCase()} ${docPath} is not in the OpenAPI document`);
  const response = operation.responses[String(status)];
  if (!response) return null;
  if (response.$ref) {
    const name = response.$ref.split("/").pop()!;
    return [doc.components.responses[name] as ResponseObject, pointer("components", "responses", name)];
  }
  return [response, pointer("paths", docPath, method, "responses", String(status))];
}

/** Operations and statuses seen, to check at the end that every documented operation was exercised. */
export const seen = new Map<string, Set<number>>();

export type ApiResult = { status: number; body: unknown; text: string; headers: Headers; response: Response };

/** Checks status, content type and body of a response against the document. */
export async function validated(
  method: HttpMethod,
  pathname: string,
  response: Response,
): Promise<ApiResult> {
  const docPath = documentPath(pathname);
  const key = `${method.toUpperCase()} ${docPath}`;
  (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(response.status);
  const found = responseObject(docPath, method, response.status);
  expect(found, `${key}: status ${response.status} is not documented`).not.toBeNull();
  const [object, at] = found!;
  const isBinary = /spreadsheetml/.test(response.headers.get("content-type") ?? "");
  const text = isBinary ? "" : await response.text();
  if (!object.content) {
    expect(text, `${key} ${response.status}: no body expected`).toBe("");
    return { status: response.status, body: null, text, headers: response.headers, response };
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  const media = Object.keys(object.content);
  expect(media, `${key} ${response.status}: content type ${contentType}`).toContain(contentType);
  let body: unknown = text;
  if (/json$/.test(contentType)) {
    body = JSON.parse(text);
    const ref = `${DOC_ID}#/${at}/content/${pointer(contentType)}/schema`;
    const validate = validators.get(ref) ?? validators.set(ref, ajv.compile({ $ref: ref })).get(ref)!;
    const ok = validate(body);
    expect(ok, `${key} ${response.status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`).toBe(
      true,
    );
  }
  return { status: response.status, body, text, headers: response.headers, response };
}

// ---------------------------------------------------------------------------------------------------------
// Calls

export type CallOptions = {
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
};

/** Calls the route handler for `method url` and validates the answer against the document. */
export async function call(method: HttpMethod, url: string, options: CallOptions = {}): Promise<ApiResult> {
  const full = new URL(url, "http://localhost/api/v1/");
  const pathname = full.pathname.replace(/^\/api\/v1/, "");
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.json);
  }
  // A streamed body (documents) needs `duplex: "half"` in Node's fetch.
  const streamed = body instanceof ReadableStream ? { duplex: "half" } : {};
  const request = new Request(full, {
    method: method.toUpperCase(),
    headers,
    body,
    ...streamed,
  } as RequestInit);
  const { handler, params } = await resolve(method.toUpperCase(), pathname);
  const response = await handler(request, { params: Promise.resolve(params) });
  return validated(method, pathname, response);
}
