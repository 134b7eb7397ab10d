import { createApiToken, listApiTokens } from "@/lib/users/api-tokens";
import { apiRoute, readJson } from "@/lib/http/api-handler";

/** The caller's own personal API tokens (never the secrets). Managed with a browser session only. */
export const GET = apiRoute(async ({ actor }) => ({ items: await listApiTokens(actor) }), {
  sessionOnly: true,
});

/** Creates a token; the response is the only place its secret ever appears. */
export const POST = apiRoute(
  async ({ actor, request }) => {
    const { token, summary } = await createApiToken(actor, await readJson(request));
    return Response.json({ ...summary, token }, { status: 201 });
  },
  { sessionOnly: true },
);
