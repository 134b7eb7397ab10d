import fc from "fast-check";
import type * as z from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as childItemRoute from "@/app/api/v1/projects/[id]/[child]/[childId]/route";
import * as childRoute from "@/app/api/v1/projects/[id]/[child]/route";
import * as projectRoute from "@/app/api/v1/projects/[id]/route";
import * as projectsRoute from "@/app/api/v1/projects/route";
import * as importRoute from "@/app/api/v1/comuni/[istat]/import/route";
import * as rollupRoute from "@/app/api/v1/rollup/route";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/users/api-tokens";
import { AppError } from "@/lib/errors";
import { HEADERS } from "@/lib/import/layout";
import { createProject, updateProject } from "@/lib/projects/save-project";
import { childCollection } from "@/lib/api/child-records";
import { createSmartLand, updateSmartLand } from "@/lib/smart-lands/manage-smart-lands";
import { createStream, updateStream } from "@/lib/streams/manage-streams";
import { createUser, updateUserAssignment } from "@/lib/users/manage-users";
import {
  actionCreateSchema,
  actionUpdateSchema,
  fieldErrorsOf,
  fundingLineCreateSchema,
  fundingLineUpdateSchema,
  indicatorCreateSchema,
  indicatorUpdateSchema,
  MESSAGES,
  projectCreateSchema,
  projectUpdateSchema,
} from "@/lib/validation/schemas";
import {
  smartLandSchema,
  smartLandUpdateSchema,
  streamSchema,
  streamUpdateSchema,
  TAXONOMY_MESSAGES,
} from "@/lib/validation/taxonomy";
import { userAssignmentSchema, userCreateSchema, USER_MESSAGES } from "@/lib/validation/users";
import { TEXT_MESSAGES, UNSTORABLE_TEXT } from "@/lib/validation/text";
import {
  actionShape,
  FINGERPRINT_SQL,
  fundingLineShape,
  HOSTILE_TEXT,
  indicatorShape,
  malformedRecord,
  notARecord,
  notJson,
  projectShape,
  smartLandShape,
  streamShape,
  userShape,
  validRecord,
  withVersion,
  type Shape,
} from "./fuzz-inputs";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  MELEGNANO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

// Bad input at scale (property-based, fast-check): thousands of generated malformed inputs thrown at the
// zod validators, at the lib/ functions behind the server actions (with the actors the actions pass),
// and at the /api/v1 route handlers (with a personal API token). Always a 4xx / a field error in
// Italian, never a crash, and nothing written. FUZZ_SCALE=10 runs ten times as many cases; FUZZ_SEED
// replays a run (fast-check prints the seed and the smallest failing input).

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });
const counts = { validators: 0, lib: 0, http: 0 };

afterAll(() => {
  const total = counts.validators + counts.lib + counts.http;
  console.log(
    `[fuzz] ${total} generated cases: ${counts.validators} validator inputs, ${counts.lib} lib calls, ${counts.http} HTTP requests (FUZZ_SCALE=${SCALE})`,
  );
});

// Every message a field may carry: the glossary's, nothing in English from zod's defaults.
const KNOWN_MESSAGES = new Set<string>([
  ...Object.values(MESSAGES),
  ...Object.values(TAXONOMY_MESSAGES),
  ...Object.values(USER_MESSAGES),
  UNSTORABLE_TEXT,
  TEXT_MESSAGES.singleLine,
]);
function expectItalianMessages(errors: Record<string, string[]>) {
  for (const [field, messages] of Object.entries(errors)) {
    for (const m of messages) {
      const known =
        KNOWN_MESSAGES.has(m) ||
        /^Al massimo [0-9.]+ caratteri\.$/.test(m) ||
        /^Inserisci almeno [0-9]+ caratteri\.$/.test(m) ||
        m.startsWith(`${MESSAGES.istat} (`) ||
        /^Il testo contiene un carattere di controllo non ammesso \(U\+[0-9A-F]{4}\)/.test(m);
      expect(known, `${field}: ${m}`).toBe(true);
    }
  }
}

/** A short printable form of any generated value (some have no prototype). */
const show = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 120);

/** What a promise rejected with; fails the property if it resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (v) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(v)?.slice(0, 200)}`);
    },
    (e: unknown) => e,
  );
}

/** Everything a write would change: row counts, version sums, audit events other than refusals. */
async function fingerprint() {
  const [row] = await ownerQuery(FINGERPRINT_SQL);
  return row;
}

type Fixture = {
  officer: Actor;
  coordinator: Actor;
  admin: Actor;
  streamId: string;
  own: { id: string; version: number };
  foreign: string[]; // other comuni's projects (one where San Donato is a partner: readable, not writable)
  children: Record<"funding-lines" | "actions" | "indicators", { id: string; version: number }>;
  coordinatorUser: { id: string; version: number };
  smartLand: { slug: string; version: number };
  streamToEdit: { id: string; version: number };
};
let fx: Fixture;

beforeAll(async () => {
  const [officer, coordinator, admin] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(COORDINATOR),
    actorFor(ADMIN),
  ]);
  // A live San Donato project with at least one funding line, action and indicator.
  const [own] = await ownerQuery<{ id: string; streamId: string; version: number }>(
    `SELECT p.id, p."streamId", p.version FROM "Project" p
      WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "FundingLine" f WHERE f."projectId" = p.id)
        AND EXISTS (SELECT 1 FROM "Action" a WHERE a."projectId" = p.id)
        AND EXISTS (SELECT 1 FROM "Indicator" i WHERE i."projectId" = p.id)
      ORDER BY p.id LIMIT 1`,
    [SAN_DONATO],
  );
  const p = own;
  const child = async (table: string) => {
    const [r] = await ownerQuery<{ id: string; version: number }>(
      `SELECT id, version FROM "${table}" WHERE "projectId" = $1 ORDER BY id LIMIT 1`,
      [own.id],
    );
    return r;
  };
  const partnerOf = await ownerQuery<{ id: string }>(
    `SELECT "projectId" AS id FROM "ProjectPartner" WHERE "partnerIstat" = $1 LIMIT 1`,
    [SAN_DONATO],
  );
  const [coordinatorUser] = await ownerQuery<{ id: string; version: number }>(
    `SELECT id, version FROM "User" WHERE role = 'COORDINATOR' LIMIT 1`,
  );
  const [smartLand] = await ownerQuery<{ slug: string; version: number }>(
    `SELECT slug, version FROM "SmartLand" LIMIT 1`,
  );
  const [streamToEdit] = await ownerQuery<{ id: string; version: number }>(
    `SELECT id, version FROM "Stream" ORDER BY code LIMIT 1`,
  );
  fx = {
    officer,
    coordinator,
    admin,
    streamId: p.streamId,
    own: { id: own.id, version: p.version },
    foreign: [(await projectOf(PAULLO)).id, (await projectOf(MELEGNANO)).id, ...partnerOf.map((r) => r.id)],
    children: {
      "funding-lines": await child("FundingLine"),
      actions: await child("Action"),
      indicators: await child("Indicator"),
    },
    coordinatorUser,
    smartLand,
    streamToEdit,
  };
});

// ---------------------------------------------------------------------------------------------------------
// (a) the zod validators

type SchemaCase = { name: string; schema: z.ZodType; shape: () => Shape };
const schemaCases: SchemaCase[] = [
  { name: "project (create)", schema: projectCreateSchema, shape: () => projectShape(fx.streamId) },
  {
    name: "project (update)",
    schema: projectUpdateSchema,
    shape: () => withVersion(projectShape(fx.streamId)),
  },
  { name: "funding line (create)", schema: fundingLineCreateSchema, shape: () => fundingLineShape },
  {
    name: "funding line (update)",
    schema: fundingLineUpdateSchema,
    shape: () => withVersion(fundingLineShape),
  },
  { name: "action (create)", schema: actionCreateSchema, shape: () => actionShape },
  { name: "action (update)", schema: actionUpdateSchema, shape: () => withVersion(actionShape) },
  { name: "indicator (create)", schema: indicatorCreateSchema, shape: () => indicatorShape },
  { name: "indicator (update)", schema: indicatorUpdateSchema, shape: () => withVersion(indicatorShape) },
  { name: "stream (create)", schema: streamSchema, shape: () => streamShape },
  { name: "stream (update)", schema: streamUpdateSchema, shape: () => withVersion(streamShape) },
  { name: "smart land (create)", schema: smartLandSchema, shape: () => smartLandShape(SAN_DONATO) },
  {
    name: "smart land (update)",
    schema: smartLandUpdateSchema,
    shape: () => withVersion(smartLandShape(SAN_DONATO)),
  },
  { name: "user (create)", schema: userCreateSchema, shape: () => userShape(SAN_DONATO) },
  {
    name: "user (role and comune)",
    schema: userAssignmentSchema,
    shape: () => {
      const { role, comuneIstat } = userShape(SAN_DONATO);
      return withVersion({ role, comuneIstat });
    },
  },
];

describe("(a) validators: malformed input is refused field by field, in Italian", () => {
  for (const c of schemaCases) {
    it(`${c.name}`, () => {
      const shape = c.shape();
      fc.assert(
        fc.property(malformedRecord(shape), ({ input, broken }) => {
          counts.validators++;
          const result = c.schema.safeParse(input);
          expect(result.success).toBe(false);
          const errors = fieldErrorsOf(result.error!);
          for (const key of broken) expect(errors[key], `${key} = ${show(input[key])}`).toBeTruthy();
          expectItalianMessages(errors);
        }),
        runs(70),
      );
      // Bodies that are not objects reach only the API's schemas (the others get FormData, always an object).
      const viaApi = /^(project|funding line|action|indicator) /.test(c.name);
      fc.assert(
        fc.property(notARecord, (input) => {
          counts.validators++;
          const result = c.schema.safeParse(input);
          expect(result.success).toBe(false);
          if (viaApi) expectItalianMessages(fieldErrorsOf(result.error!));
        }),
        runs(10),
      );
    });
  }

  it("hostile but legal text (injection strings, RTL, zero-width, emoji) is accepted and kept as typed", () => {
    for (const c of schemaCases) {
      const shape = c.shape();
      fc.assert(
        fc.property(validRecord(shape), (input) => {
          counts.validators++;
          const result = c.schema.safeParse(input);
          if (!result.success) throw new Error(`${c.name}: ${JSON.stringify(fieldErrorsOf(result.error))}`);
          const out = result.data as Record<string, unknown>;
          for (const [key, kind] of Object.entries(shape)) {
            if (kind.t === "text" && typeof input[key] === "string" && input[key] !== "") {
              expect(out[key]).toBe((input[key] as string).trim());
            }
          }
        }),
        runs(8),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// (b) the lib functions behind the server actions, with the actor the action passes

type LibCase = { name: string; shape: () => Shape; call: (input: unknown) => Promise<unknown> };
const childCase = (child: "funding-lines" | "actions" | "indicators", shape: Shape): LibCase[] => [
  {
    name: `create ${child}`,
    shape: () => shape,
    call: (input) => childCollection(child).create(fx.officer, fx.own.id, input),
  },
  {
    name: `update ${child}`,
    shape: () => withVersion(shape),
    call: (input) => childCollection(child).update(fx.officer, fx.own.id, fx.children[child].id, input),
  },
];
const libCases: LibCase[] = [
  {
    name: "createProject",
    shape: () => projectShape(fx.streamId),
    call: (i) => createProject(fx.officer, i),
  },
  {
    name: "updateProject",
    shape: () => withVersion(projectShape(fx.streamId)),
    call: (i) => updateProject(fx.officer, fx.own.id, i),
  },
  ...childCase("funding-lines", fundingLineShape),
  ...childCase("actions", actionShape),
  ...childCase("indicators", indicatorShape),
  { name: "createStream", shape: () => streamShape, call: (i) => createStream(fx.coordinator, i) },
  {
    name: "updateStream",
    shape: () => withVersion(streamShape),
    call: (i) => updateStream(fx.coordinator, fx.streamToEdit.id, i),
  },
  {
    name: "createSmartLand",
    shape: () => smartLandShape(SAN_DONATO),
    call: (i) => createSmartLand(fx.coordinator, i),
  },
  {
    name: "updateSmartLand",
    shape: () => withVersion(smartLandShape(SAN_DONATO)),
    call: (i) => updateSmartLand(fx.coordinator, fx.smartLand.slug, i),
  },
  {
    name: "createUser",
    shape: () => userShape(SAN_DONATO),
    call: (i) => createUser(fx.admin, i),
  },
  {
    name: "updateUserAssignment",
    shape: () => {
      const { role, comuneIstat } = userShape(SAN_DONATO);
      return withVersion({ role, comuneIstat });
    },
    call: (i) => updateUserAssignment(fx.admin, fx.coordinatorUser.id, i),
  },
];

/** Ids that are not the actor's to write: other comuni's projects, a partner's, random, malformed. */
const foreignId = () =>
  fc.oneof(
    fc.constantFrom(...fx.foreign),
    fc.uuid(),
    fc.constantFrom(
      "' OR '1'='1",
      "../../etc/passwd",
      "null",
      "",
      "%00",
      "\u0000",
      "0",
      "-1",
      "9".repeat(400),
    ),
    fc.string({ maxLength: 40 }),
  );

describe("(b) lib functions: refused with a field error, nothing written", () => {
  it("malformed input to every write function is INVALID with the broken fields named", async () => {
    const before = await fingerprint();
    for (const c of libCases) {
      const shape = c.shape();
      await fc.assert(
        fc.asyncProperty(malformedRecord(shape), async ({ input, broken }) => {
          counts.lib++;
          const e = await rejection(c.call(input));
          if (!(e instanceof AppError)) throw e;
          expect(e.code, `${c.name}: ${e.message}`).toBe("INVALID");
          for (const key of broken) expect(e.fieldErrors[key], `${c.name}.${key}`).toBeTruthy();
          expectItalianMessages(e.fieldErrors);
        }),
        runs(30),
      );
    }
    expect(await fingerprint()).toEqual(before);
  }, 120_000);

  it("valid input aimed at a project (or child) outside the officer's comune is NOT_FOUND", async () => {
    const before = await fingerprint();
    const children = ["funding-lines", "actions", "indicators"] as const;
    const shapes = { "funding-lines": fundingLineShape, actions: actionShape, indicators: indicatorShape };
    await fc.assert(
      fc.asyncProperty(
        foreignId(),
        fc.constantFrom("project", ...children),
        fc.constantFrom("update", "create"),
        validRecord(withVersion(projectShape("00000000-0000-4000-8000-000000000000"))),
        fc.constantFrom(...children).chain((c) => validRecord(withVersion(shapes[c]))),
        async (id, target, verb, projectInput, childInput) => {
          counts.lib++;
          const call =
            target === "project"
              ? updateProject(fx.officer, id, { ...projectInput, streamId: fx.streamId })
              : verb === "create"
                ? childCollection(target).create(fx.officer, id, childInput)
                : childCollection(target).update(
                    fx.officer,
                    id,
                    fx.children[target as (typeof children)[number]].id,
                    childInput,
                  );
          const e = await rejection(call);
          if (!(e instanceof AppError)) throw e;
          expect(["NOT_FOUND", "INVALID"]).toContain(e.code);
        },
      ),
      runs(120),
    );
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------
// (c) the HTTP API: the real route handlers, authenticated with a personal API token

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
let officerToken = "";
let coordinatorToken = "";

async function call(
  handler: unknown,
  method: string,
  path: string,
  params: Record<string, string>,
  opts: { token?: string; body?: BodyInit | null; headers?: Record<string, string> } = {},
) {
  counts.http++;
  const request = new Request(`http://127.0.0.1${path}`, {
    method,
    headers: { authorization: `Bearer ${opts.token ?? officerToken}`, ...(opts.headers ?? {}) },
    body: opts.body ?? null,
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(params as never) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text };
}

function expectClientError(res: { status: number; type: string | null; text: string }, label: string) {
  expect(res.status, `${label} → ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.type).toBe("application/problem+json");
}

/** A JSON body, or something that is not (quite) JSON. */
const body = (record: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: record.map((r) => JSON.stringify(r)) },
    { weight: 1, arbitrary: notARecord.map((r) => JSON.stringify(r) ?? "") },
    { weight: 1, arbitrary: notJson.map((r) => (typeof r === "string" ? r : new Uint8Array(r))) },
  );

describe("(c) HTTP API: always a 4xx problem, never a 5xx, nothing written", () => {
  beforeAll(async () => {
    officerToken = (await createApiToken(fx.officer, { name: "fuzz" })).token;
    coordinatorToken = (await createApiToken(fx.coordinator, { name: "fuzz" })).token;
  });

  it("POST /api/v1/projects and PATCH /api/v1/projects/{id} with malformed bodies and foreign ids", async () => {
    const before = await fingerprint();
    const shape = projectShape(fx.streamId);
    await fc.assert(
      fc.asyncProperty(
        body(malformedRecord(shape).map((m) => m.input)),
        fc.oneof(fc.constant(fx.own.id), foreignId()),
        fc.boolean(),
        async (payload, id, create) => {
          const res = create
            ? await call(projectsRoute.POST, "POST", "/api/v1/projects", {}, { body: payload })
            : await call(
                projectRoute.PATCH,
                "PATCH",
                `/api/v1/projects/${encodeURIComponent(id)}`,
                { id },
                { body: payload },
              );
          expectClientError(res, `${create ? "POST" : `PATCH ${id}`} ${String(payload).slice(0, 120)}`);
        },
      ),
      runs(120),
    );
    // Valid bodies aimed at other comuni's projects: 404, not a write.
    await fc.assert(
      fc.asyncProperty(foreignId(), validRecord(withVersion(shape)), async (id, record) => {
        const res = await call(
          projectRoute.PATCH,
          "PATCH",
          `/api/v1/projects/x`,
          { id },
          { body: JSON.stringify(record) },
        );
        expectClientError(res, `PATCH foreign ${id}`);
        const del = await call(projectRoute.DELETE, "DELETE", `/api/v1/projects/x?version=1`, { id });
        expectClientError(del, `DELETE foreign ${id}`);
      }),
      runs(40),
    );
    expect(await fingerprint()).toEqual(before);
  }, 120_000);

  it("children: POST /projects/{id}/{child} and PATCH /projects/{id}/{child}/{childId}", async () => {
    const before = await fingerprint();
    const shapes = { "funding-lines": fundingLineShape, actions: actionShape, indicators: indicatorShape };
    const child = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom("funding-lines", "actions", "indicators") },
      {
        weight: 1,
        arbitrary: fc.constantFrom("users", "__proto__", "constructor", "toString", "../tokens", ""),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(child, fc.boolean()).chain(([name, create]) => {
          const shape = Object.hasOwn(shapes, name) ? shapes[name as keyof typeof shapes] : null;
          // A create ignores `version`: only the update's body may be broken there.
          const payload = shape
            ? malformedRecord(create ? shape : withVersion(shape)).map((m) => m.input)
            : validRecord(fundingLineShape);
          return fc.tuple(fc.constant(name), fc.constant(create), body(payload));
        }),
        fc.oneof(fc.constant(fx.own.id), foreignId()),
        fc.oneof(fc.constant("existing"), foreignId()),
        async ([name, create, payload], id, childId) => {
          const realChild =
            childId === "existing" && Object.hasOwn(fx.children, name)
              ? fx.children[name as keyof typeof fx.children].id
              : childId;
          const res = create
            ? await call(
                childRoute.POST,
                "POST",
                "/api/v1/projects/x/y",
                { id, child: name },
                { body: payload },
              )
            : await call(
                childItemRoute.PATCH,
                "PATCH",
                "/api/v1/projects/x/y/z",
                { id, child: name, childId: realChild },
                { body: payload },
              );
          expectClientError(
            res,
            `${create ? "POST" : "PATCH"} ${name} ${id}/${realChild} ${String(payload).slice(0, 120)}`,
          );
        },
      ),
      runs(120),
    );
    expect(await fingerprint()).toEqual(before);
  }, 120_000);

  it("GET /api/v1/rollup and GET /api/v1/projects with hostile query parameters answer 200 or 4xx", async () => {
    const keys = [
      "provincia",
      "smartland",
      "filone",
      "tema",
      "fonte",
      "stato",
      "andamento",
      "anno_da",
      "anno_a",
    ];
    const listKeys = [
      "q",
      "filone",
      "stato",
      "andamento",
      "fonte",
      "anno",
      "ambito",
      "ordina",
      "verso",
      "page",
      "pageSize",
      "comune",
    ];
    const value = fc.oneof(
      fc.constantFrom(...HOSTILE_TEXT),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.constantFrom(
        "\u0000",
        "%00",
        "-1",
        "99999999999999999999",
        "1e308",
        "NaN",
        "",
        "015",
        "PNRR",
        "2024",
        "0",
      ),
      fc.uuid(),
    );
    const query = (names: string[]) =>
      fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })), value, { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(query(keys), query(listKeys), fc.boolean(), async (rq, lq, asCoordinator) => {
        const token = asCoordinator ? coordinatorToken : officerToken;
        for (const [handler, path, q] of [
          [rollupRoute.GET, "/api/v1/rollup", rq],
          [projectsRoute.GET, "/api/v1/projects", lq],
        ] as const) {
          const qs = new URLSearchParams(
            Object.entries(q).map(([k, v]) => [k, v.replace(/[\uD800-\uDFFF]/g, "")]),
          );
          const res = await call(handler, "GET", `${path}?${qs}`, {}, { token });
          const label = `${path}?${qs}`;
          if (res.status !== 200) expectClientError(res, label);
          else expect(res.type, label).toContain("application/json");
        }
      }),
      runs(70),
    );
  }, 120_000);

  it("POST /api/v1/comuni/{istat}/import with garbage files: 4xx (or a preview), nothing imported", async () => {
    const before = await fingerprint();
    const badCell = fc.constantFrom(
      ["Costo totale", "-5"],
      ["Costo totale", "abc"],
      ["Inizio previsto", "31/02/2026"],
      ["Stato procedurale", "<script>alert(1)</script>"],
      ["Titolo", "Titolo con NUL \u0000 dentro"],
      ["Titolo", ""],
      ["Codice filone", '\'; DROP TABLE "Project"; --'],
    );
    const csvRow = fc
      .tuple(badCell, fc.constantFrom(...HOSTILE_TEXT), fc.integer({ min: 1, max: 1e6 }))
      .map(([[header, bad], title, n]) => {
        const cells: Record<string, string> = {
          "Tipo riga": "INTERVENTO",
          "Codice locale": `FUZZ-${n}`,
          Titolo: title,
          "Codice filone": "SL-01",
          "Costo totale": "1.000,00",
        };
        cells[header] = bad;
        return HEADERS.map((h) => `"${(cells[h] ?? "").replace(/"/g, '""')}"`).join(";");
      });
    const file = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .array(csvRow, { minLength: 1, maxLength: 4 })
          .map((rows) => [HEADERS.join(";"), ...rows].join("\n")),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "",
          "PK\u0003\u0004garbage",
          "\uFEFF;;;\n;;;",
          'a,b\n"unterminated',
          "\u0000\u0000",
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    );
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.constantFrom(SAN_DONATO, PAULLO, "999999", "abc", "' OR 1=1"),
        fc.constantFrom("", "?dryRun=1", "?dryRun=true", "?token=%00", "?dryRun=0&token=abc"),
        fc.constantFrom("text/csv", "application/octet-stream", "multipart/form-data; boundary=x", ""),
        fc.constantFrom(
          "interventi.csv",
          "%E0%A4%A",
          "..%2F..%2Fetc%2Fpasswd",
          "a%00.xlsx",
          encodeURIComponent("😀.csv"),
        ),
        async (content, istat, qs, type, name) => {
          const headers: Record<string, string> = { "x-file-name": name };
          if (type) headers["content-type"] = type;
          const res = await call(
            importRoute.POST,
            "POST",
            `/api/v1/comuni/${istat}/import${qs}`,
            { istat },
            {
              body: typeof content === "string" ? content : new Uint8Array(content),
              headers,
            },
          );
          const preview = qs.includes("dryRun=1") || qs.includes("dryRun=true");
          if (preview && res.status === 200) return;
          expectClientError(res, `import ${istat}${qs} ${type} ${String(content).slice(0, 100)}`);
        },
      ),
      runs(100),
    );
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});
