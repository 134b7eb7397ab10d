// One-time activation and reset links are built only from the configured public URL (NEXTAUTH_URL, or the
// documented local default when it is unset), never from the request's Origin or Host: a forged Host or
// X-Forwarded-Host must not put another domain in front of a valid secret. The server actions are called
// as Next would call them, with the request's headers mocked.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { INITIAL_FORM_STATE } from "@/lib/validation/form-state";
import { actorFor, ADMIN, ownerQuery } from "./helpers";

const request = vi.hoisted(() => ({ headers: new Headers(), actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => request.actor,
}));

const { createUserAction, forcePasswordResetAction } = await import("@/app/(portal)/admin/utenti/actions");

const FOREIGN = {
  origin: "https://phish.example",
  host: "phish.example",
  "x-forwarded-host": "phish.example",
  "x-forwarded-proto": "https",
};
const saved = { url: process.env.NEXTAUTH_URL, port: process.env.PORT };
let seq = 0;

beforeAll(async () => {
  request.actor = await actorFor(ADMIN);
  request.headers = new Headers(FOREIGN);
});
afterEach(() => {
  process.env.NEXTAUTH_URL = saved.url;
  process.env.PORT = saved.port;
  if (saved.url === undefined) delete process.env.NEXTAUTH_URL;
  if (saved.port === undefined) delete process.env.PORT;
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function invite() {
  const state = await createUserAction(
    INITIAL_FORM_STATE,
    form({
      name: `Invitato ${++seq}`,
      email: `link.${Date.now().toString(36)}.${seq}@prova.example`,
      role: "COORDINATOR",
    }),
  );
  expect(state.ok, state.message).toBe(true);
  return state as typeof state & { link: string; userId: string };
}

describe("one-time links and the request's Origin/Host", () => {
  it("use NEXTAUTH_URL when set", async () => {
    process.env.NEXTAUTH_URL = "https://portale.smartland.example/";
    const issued = await invite();
    expect(issued.link).toMatch(/^https:\/\/portale\.smartland\.example\/attiva\/[A-Za-z0-9_-]{43}$/);
    const [{ version }] = await ownerQuery<{ version: number }>(`SELECT version FROM "User" WHERE id = $1`, [
      issued.userId,
    ]);
    await ownerQuery(`UPDATE "User" SET "passwordHash" = 'x' WHERE id = $1`, [issued.userId]);
    const reset = await forcePasswordResetAction(
      INITIAL_FORM_STATE,
      form({ id: issued.userId, version: String(version) }),
    );
    expect(reset.ok, reset.message).toBe(true);
    expect((reset as { link: string }).link).toMatch(/^https:\/\/portale\.smartland\.example\/reimposta\//);
  });

  it("unset, fall back to the local default (http://localhost:$PORT), never to the request", async () => {
    delete process.env.NEXTAUTH_URL;
    delete process.env.PORT;
    expect((await invite()).link).toMatch(/^http:\/\/localhost:3000\/attiva\//);
    process.env.PORT = "4321";
    const issued = await invite();
    expect(issued.link).toMatch(/^http:\/\/localhost:4321\/attiva\//);
    expect(issued.link).not.toContain("phish");
  });
});
