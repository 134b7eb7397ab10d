// «Password dimenticata?» (issue #16 item 10): a reset link by e-mail to active users of active comuni only,
// one neutral answer whoever asks, throttled and audited. Mail goes through the real lib/mail with a
// capturing nodemailer transport in place of SMTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { INITIAL_FORM_STATE } from "@/lib/validation/form-state";
import { ownerQuery, PAULLO } from "./helpers";

const mail = vi.hoisted(() => ({ sent: [] as { to: string; subject: string; text: string }[] }));
vi.mock("nodemailer", () => ({
  default: {
    createTransport: () => ({
      sendMail: async (m: { to: string; subject: string; text: string }) => {
        mail.sent.push(m);
        return { messageId: "captured" };
      },
    }),
  },
}));
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));

const { forgotPasswordAction } = await import("@/app/(auth)/password-dimenticata/actions");
const { requestPasswordReset, SELF_RESET_ANSWER } = await import("@/lib/users/self-reset");

const saved = process.env.SMTP_URL;
const tag = Date.now().toString(36);
let seq = 0;

beforeAll(() => {
  process.env.SMTP_URL = "smtp://capture.invalid:25";
});
afterAll(() => {
  if (saved === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = saved;
});
beforeEach(() => {
  mail.sent.length = 0;
});

async function user(fields: { role?: string; comune?: string | null; active?: boolean; password?: boolean }) {
  const email = `dimenticata.${tag}.${++seq}@prova.example`;
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO "User" (email, name, role, "comuneIstat", active, "passwordHash")
       VALUES ($1, $2, $3::"Role", $4, $5, $6) RETURNING id::text AS id`,
    [
      email,
      `Utente ${seq}`,
      fields.role ?? "OFFICER",
      fields.comune === undefined ? PAULLO : fields.comune,
      fields.active ?? true,
      fields.password === false ? null : "not-a-real-hash",
    ],
  );
  return { id: row.id, email };
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const tokens = (userId: string) =>
  ownerQuery<{ n: string }>(
    `SELECT count(*) AS n FROM "UserToken" WHERE "userId" = $1 AND kind = 'PASSWORD_RESET' AND "expiresAt" > now()`,
    [userId],
  ).then((r) => Number(r[0].n));

describe("self-service password reset", () => {
  it("mails an active officer a single-use reset link, audited, with the neutral answer", async () => {
    const u = await user({});
    const state = await forgotPasswordAction(
      INITIAL_FORM_STATE,
      form({ email: ` ${u.email.toUpperCase()} ` }),
    );
    expect(state).toMatchObject({ ok: true, message: SELF_RESET_ANSWER });
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0].to).toBe(u.email);
    expect(mail.sent[0].subject).toBe("Reimposta la password Smart Land Lombardia");
    expect(mail.sent[0].text).toMatch(/\/reimposta\/[A-Za-z0-9_-]{43}\n/);
    expect(await tokens(u.id)).toBe(1);
    const audit = await ownerQuery<{ action: string; actorId: string }>(
      `SELECT action, "actorId"::text AS "actorId" FROM "AuditEvent" WHERE "entityId" = $1`,
      [u.id],
    );
    expect(audit).toEqual([{ action: "PASSWORD_RESET_REQUESTED", actorId: u.id }]);
    // The current password still works until the link is used.
    const [{ hash }] = await ownerQuery<{ hash: string }>(
      `SELECT "passwordHash" AS hash FROM "User" WHERE id = $1`,
      [u.id],
    );
    expect(hash).toBe("not-a-real-hash");
  });

  it("answers the same and sends nothing for unknown, deactivated, never activated or non-member accounts", async () => {
    const [outside] = await ownerQuery<{ istat: string }>(
      `SELECT istat FROM "Comune" WHERE NOT member ORDER BY istat LIMIT 1`,
    );
    const cases = [
      { email: `nessuno.${tag}@prova.example` },
      await user({ active: false }),
      await user({ password: false }),
      await user({ comune: outside.istat }), // a comune that is not a member of the programme
    ];
    for (const c of cases) {
      const state = await forgotPasswordAction(INITIAL_FORM_STATE, form({ email: c.email }));
      expect(state, c.email).toEqual({ ok: true, message: SELF_RESET_ANSWER });
      if ("id" in c) expect(await tokens(c.id)).toBe(0);
    }
    expect(mail.sent).toEqual([]);
  });

  it("refuses a malformed address next to the field", async () => {
    const state = await forgotPasswordAction(INITIAL_FORM_STATE, form({ email: "mario.rossi" }));
    expect(state.ok).toBe(false);
    expect(state.fieldErrors?.email?.[0]).toMatch(/Indirizzo email non valido/);
    expect(mail.sent).toEqual([]);
  });

  it("is throttled per address (three an hour), with the same answer", async () => {
    const u = await user({ role: "COORDINATOR", comune: null });
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email: u.email }, `198.51.100.${seq}`);
    expect(mail.sent).toHaveLength(3);
  });

  it("sends nothing without SMTP", async () => {
    const u = await user({});
    delete process.env.SMTP_URL;
    try {
      await requestPasswordReset({ email: u.email }, null);
    } finally {
      process.env.SMTP_URL = "smtp://capture.invalid:25";
    }
    expect(mail.sent).toEqual([]);
    expect(await tokens(u.id)).toBe(0);
  });
});
