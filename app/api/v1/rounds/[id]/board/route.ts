import { parseQuery, roundBoardQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { getRoundBoard } from "@/lib/rounds/board";

/** GET /api/v1/rounds/{id}/board — per comune: status, dates, days late; filtered and paged. */
export const GET = apiRoute<{ id: string }>(async ({ actor, request, params }) => {
  const { data, meta, ...rest } = await getRoundBoard(
    actor,
    params.id,
    parseQuery(roundBoardQuerySchema, request),
  );
  return { data: { ...rest, comuni: data }, meta };
});
