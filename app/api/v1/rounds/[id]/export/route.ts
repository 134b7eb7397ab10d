import { parseQuery, roundExportQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { exportRound } from "@/lib/rounds/export";

/** GET /api/v1/rounds/{id}/export?formato=csv|xlsx&inclusi=validati|trasmessi — the OpenCoesione layout. */
export const GET = apiRoute<{ id: string }>(async ({ actor, request, params }) => {
  const { format, scope } = parseQuery(roundExportQuerySchema, request);
  return exportRound(actor, params.id, format, scope);
});
