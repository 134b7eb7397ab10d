import { revokeApiToken } from "@/lib/users/api-tokens";
import { apiRoute } from "@/lib/http/api-handler";

/** Revokes one of the caller's tokens (refused at once on its next use). */
export const DELETE = apiRoute<{ id: string }>(
  async ({ actor, params }) => revokeApiToken(actor, params.id),
  { sessionOnly: true },
);
