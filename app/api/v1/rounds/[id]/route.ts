import { apiRoute } from "@/lib/http/api-handler";
import { getRound } from "@/lib/rounds/rounds";

/** GET /api/v1/rounds/{id} — one round with its counts per status (coordinators, administrators). */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => ({
  data: await getRound(actor, params.id),
}));
