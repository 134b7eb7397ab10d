import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, MESSAGES, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { readJson } from "@/lib/http/api-handler";
import { problem, problemFromError } from "@/lib/http/problem";
import { childCollection } from "@/lib/api/child-records";
import { createProject } from "@/lib/projects/save-project";
import { CONCURRENT_EDIT } from "@/lib/projects/writable";
import { projectCreateSchema } from "@/lib/validation/schemas";
import { actorFor, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

// The route handlers need a session, which vitest cannot give them; what they add on top of lib/ is
// apiRoute() → problemFromError() → problem(). These tests pin the RFC 9457 bodies those produce.

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Record<string, string[]>;
};

async function read(
  res: Response,
): Promise<{ status: number; contentType: string | null; body: ProblemBody; text: string }> {
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), body: JSON.parse(text), text };
}

/** What a lib call rejected with. */
async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("problem(): RFC 9457 bodies", () => {
  it("INVALID → 422 with field errors", async () => {
    const res = await read(problem("INVALID", MESSAGES.INVALID, { title: ["Campo obbligatorio."] }));
    expect(res.status).toBe(422);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/invalid",
      title: MESSAGES.INVALID,
      status: 422,
      code: "INVALID",
      errors: { title: ["Campo obbligatorio."] },
    });
  });

  it("UNAUTHENTICATED → 401, no detail, no errors", async () => {
    const res = await read(problem("UNAUTHENTICATED"));
    expect(res.status).toBe(401);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/unauthenticated",
      title: "Accedi per continuare.",
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it("an empty errors object is left out", async () => {
    const res = await read(problem("INVALID", undefined, {}));
    expect(res.body).not.toHaveProperty("errors");
    expect(res.body).not.toHaveProperty("detail");
  });

  it("extra headers are kept next to the problem content type", () => {
    const res = problem("RATE_LIMITED", undefined, undefined, { "retry-after": "60" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("problemFromError(): AppError and database errors", () => {
  it("a real validation failure (createProject with bad input) → 422 with every field message", async () => {
    const actor = await actorFor(OFFICER_SAN_DONATO);
    const error = await thrownBy(
      createProject(actor, {
        title: "x",
        totalCost: "abc",
        plannedStart: "01/03/2026",
        plannedEnd: "01/02/2026",
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    const res = await read(problemFromError(error));
    expect(res.status).toBe(422);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/invalid",
      title: MESSAGES.INVALID,
      status: 422,
      code: "INVALID",
      errors: {
        streamId: ["Scegli un filone di intervento."],
        title: ["Inserisci almeno 3 caratteri."],
        totalCost: ["Importo non valido: scrivi ad esempio 1.234,56."],
        plannedEnd: ["La data di fine non può precedere la data di inizio."],
      },
    });
  });

  it("a body that is not an object → 422 with a form-level error", async () => {
    const error = await thrownBy(Promise.resolve().then(() => parseOrThrow(projectCreateSchema, "ciao")));
    const res = await read(problemFromError(error));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ _form: ["Dati non validi."] });
  });

  it("malformed JSON (readJson) → 422 with the reason as detail", async () => {
    const request = new Request("http://localhost/api/v1/projects", { method: "POST", body: "{ title: " });
    const error = await thrownBy(readJson(request));
    const res = await read(problemFromError(error));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      type: "/problems/invalid",
      title: MESSAGES.INVALID,
      status: 422,
      code: "INVALID",
      detail: "Il corpo della richiesta non è un JSON valido.",
    });
  });

  it("NOT_FOUND → 404, nothing else", async () => {
    const res = await read(problemFromError(notFound()));
    expect(res.status).toBe(404);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/not-found",
      title: "Non trovato.",
      status: 404,
      code: "NOT_FOUND",
    });
  });

  it("FORBIDDEN is indistinguishable from NOT_FOUND (never reveal that the record exists)", async () => {
    const forbidden = await read(problemFromError(new AppError("FORBIDDEN", MESSAGES.FORBIDDEN)));
    const missing = await read(problemFromError(notFound()));
    expect(forbidden.status).toBe(404);
    expect(forbidden.body).toEqual(missing.body);
  });

  it("CONFLICT → 409 with the Italian explanation as detail", async () => {
    const res = await read(problemFromError(new AppError("CONFLICT", CONCURRENT_EDIT)));
    expect(res.status).toBe(409);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/conflict",
      title: MESSAGES.CONFLICT,
      status: 409,
      code: "CONFLICT",
      detail: CONCURRENT_EDIT,
    });
  });

  it("a real unique violation from PostgreSQL (duplicate live CUP) → 409, no SQL in the body", async () => {
    const actor = await actorFor(OFFICER_SAN_DONATO);
    const [taken] = await ownerQuery<{ cup: string; streamId: string }>(
      `SELECT cup, "streamId" FROM "Project" WHERE "comuneIstat" = $1 AND cup IS NOT NULL AND "deletedAt" IS NULL
        ORDER BY id LIMIT 1`,
      [SAN_DONATO],
    );
    const error = await thrownBy(
      createProject(actor, {
        streamId: taken.streamId,
        title: "CUP duplicato",
        totalCost: "1",
        cup: taken.cup,
      }),
    );
    const res = await read(problemFromError(error));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: "/problems/conflict", status: 409, code: "CONFLICT" });
    expect(res.text).not.toMatch(/Project_cup|duplicate key|unique constraint/i);
  });

  it("row-level security refusing a row (42501) → 404", async () => {
    const rls = Object.assign(new Error('new row violates row-level security policy for table "Project"'), {
      code: "42501",
    });
    const res = await read(problemFromError(rls));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect(res.text).not.toContain("row-level security");
  });

  it("the database being down → 503 with retry-after", async () => {
    const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const res = problemFromError(down);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const { body, text } = await read(res);
    expect(body.code).toBe("UNAVAILABLE");
    expect(text).not.toContain("127.0.0.1");
  });
});

describe("problemFromError(): unknown errors", () => {
  it("an unknown Error → 500 without its message or stack, logged on the server", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("password authentication failed for user smartland_app (s3cr3t)");
    const res = await read(problemFromError(secret));
    expect(res.status).toBe(500);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.body).toEqual({
      type: "/problems/internal",
      title: "Errore interno. Riprova più tardi.",
      status: 500,
      code: "INTERNAL",
    });
    expect(res.text).not.toContain("s3cr3t");
    expect(res.text).not.toContain("smartland_app");
    expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(log).toHaveBeenCalledWith(expect.any(String), secret);
  });

  it("something thrown that is not an Error → 500 as well", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await read(problemFromError("a string"));
    expect(res.status).toBe(500);
    expect(res.body.code).toBe("INTERNAL");
    expect(res.text).not.toContain("a string");
  });
});

function collectionOrError(name: string): { value: unknown } | { error: unknown } {
  try {
    return { value: childCollection(name) };
  } catch (error) {
    return { error };
  }
}

describe("childCollection(): the [child] segment of /api/v1/projects/{id}/{child}/{childId}", () => {
  it("maps the three collections", () => {
    expect(childCollection("funding-lines").pick).toBe("fundingLines");
    expect(childCollection("actions").pick).toBe("actions");
    expect(childCollection("indicators").pick).toBe("indicators");
  });

  it.each(["azioni", "", "FUNDING-LINES"])("an unknown name (%j) is NOT_FOUND", (name) => {
    const outcome = collectionOrError(name);
    expect(outcome).toHaveProperty("error");
    expect((outcome as { error: unknown }).error).toBeInstanceOf(AppError);
    expect((outcome as { error: unknown }).error).toMatchObject({ code: "NOT_FOUND" });
  });

  // `name in COLLECTIONS` also finds Object.prototype members: /api/v1/projects/{id}/constructor/{childId}
  // would get a function instead of a collection, and answer 500 instead of 404.
  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])(
    "an inherited property name (%j) is NOT_FOUND, not a collection",
    (name) => {
      const outcome = collectionOrError(name);
      expect(outcome).toHaveProperty("error");
      expect((outcome as { error: unknown }).error).toMatchObject({ code: "NOT_FOUND" });
    },
  );

  it("end to end through the PATCH handler's body: /constructor/ answers 404, not 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const actor = await actorFor(OFFICER_SAN_DONATO);
    const [child] = await ownerQuery<{ id: string; projectId: string }>(
      `SELECT id, "projectId" FROM "Action" WHERE "comuneIstat" = $1 ORDER BY id LIMIT 1`,
      [SAN_DONATO],
    );
    // What app/api/v1/projects/[id]/[child]/[childId]/route.ts PATCH does inside apiRoute().
    const res = await (async () => {
      try {
        const collection = childCollection("constructor");
        await collection.update(actor, child.projectId, child.id, { version: 1 });
        return new Response(null, { status: 204 });
      } catch (e) {
        return problemFromError(e);
      }
    })();
    expect(res.status).toBe(404);
  });
});
