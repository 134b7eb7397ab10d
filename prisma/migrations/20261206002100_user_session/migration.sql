-- Server-side sessions (lib/auth/session.ts). The sealed cookie names one row (`sid`); the row decides
-- whether it is still a session: not ended (logout), not idle longer than SESSION_IDLE_MINUTES, not older
-- than its absolute lifetime. A captured cookie stops working when its session ends on the server.
CREATE TABLE "UserSession" (
  "id"         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "userId"     uuid NOT NULL REFERENCES "User"("id") ON DELETE CASCADE,
  "createdAt"  timestamptz NOT NULL DEFAULT now(),
  "lastSeenAt" timestamptz NOT NULL DEFAULT now(),
  "expiresAt"  timestamptz NOT NULL,
  "endedAt"    timestamptz
);
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- The app role never touches the table: only the definer functions below, which do one thing each.
ALTER TABLE "UserSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "UserSession" FORCE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE "UserSession" FROM smartland_app;

-- Sign-in (next-auth's jwt callback): a new session; the user's sessions over for a day are dropped.
CREATE FUNCTION session_start(uid uuid, lifetime_seconds int) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  sid uuid;
BEGIN
  DELETE FROM "UserSession" s
   WHERE s."userId" = uid
     AND (s."endedAt" < now() - interval '1 day' OR s."expiresAt" < now() - interval '1 day');
  INSERT INTO "UserSession" ("userId", "expiresAt")
  VALUES (uid, now() + make_interval(secs => lifetime_seconds))
  RETURNING "id" INTO sid;
  RETURN sid;
END
$$;

-- Logout (next-auth's events.signOut).
CREATE FUNCTION session_end(sid uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE "UserSession" SET "endedAt" = now() WHERE "id" = sid AND "endedAt" IS NULL
$$;

-- The per-request check (lib/auth/actor.ts getActor), still ONE round trip: session_user_state's row plus
-- whether the session is open. An open session's lastSeenAt moves at most once a minute (a request within
-- the minute writes nothing). Decides nothing about the user: lib/auth/actor.ts does.
CREATE FUNCTION session_state(uid uuid, sid uuid, idle_seconds int)
RETURNS TABLE (
  "id" uuid, "email" text, "name" text, "role" text, "active" boolean, "sessionVersion" int,
  "comuneIstat" text, "comuneName" text, "comuneMember" boolean, "comuneSuspended" boolean,
  "sessionOpen" boolean
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
DECLARE
  is_open boolean;
BEGIN
  UPDATE "UserSession" s SET "lastSeenAt" = now()
   WHERE s."id" = sid AND s."userId" = uid AND s."endedAt" IS NULL AND s."expiresAt" > now()
     AND s."lastSeenAt" > now() - make_interval(secs => idle_seconds)
     AND s."lastSeenAt" <= now() - interval '1 minute';
  SELECT true INTO is_open FROM "UserSession" s
   WHERE s."id" = sid AND s."userId" = uid AND s."endedAt" IS NULL AND s."expiresAt" > now()
     AND s."lastSeenAt" > now() - make_interval(secs => idle_seconds);
  RETURN QUERY SELECT u.*, coalesce(is_open, false) FROM session_user_state(uid) u;
END
$$;

REVOKE ALL ON FUNCTION session_start(uuid, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION session_end(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION session_state(uuid, uuid, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_start(uuid, int) TO smartland_app;
GRANT EXECUTE ON FUNCTION session_end(uuid) TO smartland_app;
GRANT EXECUTE ON FUNCTION session_state(uuid, uuid, int) TO smartland_app;
