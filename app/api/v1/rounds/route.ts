import { apiRoute, readJson } from "@/lib/http/api-handler";
import { listRounds, openRound } from "@/lib/rounds/rounds";

/** GET /api/v1/rounds — the rounds (coordinators, administrators: all with counts; officers: their comune's). */
export const GET = apiRoute(async ({ actor }) => ({ data: await listRounds(actor) }));

/** POST /api/v1/rounds — the coordinator opens a round (one submission per comune in scope). */
export const POST = apiRoute(async ({ actor, request }) =>
  Response.json({ data: await openRound(actor, await readJson(request)) }, { status: 201 }),
);
