-- The per-request session check (lib/auth/actor.ts loadActor) in one round trip, without opening a
-- transaction to set the SYSTEM actor: a definer function that returns only what the check needs about
-- one user and their comune. It never returns password hashes, and decides nothing itself.
CREATE FUNCTION session_user_state(uid uuid)
RETURNS TABLE (
  "id" uuid, "email" text, "name" text, "role" text, "active" boolean, "sessionVersion" int,
  "comuneIstat" text, "comuneName" text, "comuneMember" boolean, "comuneSuspended" boolean
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u."id", u."email", u."name", u."role"::text, u."active", u."sessionVersion",
         u."comuneIstat"::text, c."name", c."member", c."suspended"
  FROM "User" u LEFT JOIN "Comune" c ON c."istat" = u."comuneIstat"
  WHERE u."id" = uid
$$;
REVOKE ALL ON FUNCTION session_user_state(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_user_state(uuid) TO smartland_app;
