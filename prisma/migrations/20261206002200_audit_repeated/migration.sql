-- Events anyone can repeat at will (throttled and failed logins, access refusals) are aggregated: one row
-- per (action, entity, actor, source, minute) whose `count` grows (lib/audit/repeated.ts). `bucket` is that
-- key, NULL on every other event. The app role still has no UPDATE on the log: only this definer function
-- increments a count.
ALTER TABLE "AuditEvent" ADD COLUMN "count" int NOT NULL DEFAULT 1;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_count_check" CHECK ("count" >= 1);
ALTER TABLE "AuditEvent" ADD COLUMN "bucket" text;
CREATE UNIQUE INDEX "AuditEvent_bucket_key" ON "AuditEvent"("bucket") WHERE "bucket" IS NOT NULL;

-- p_actor_*: used by SYSTEM only (a login, where nobody is signed in). For a signed-in actor who they are
-- comes from the transaction's settings (lib/db withActor), never from the caller.
CREATE FUNCTION audit_repeated(
  p_action text, p_entity text, p_entity_id text, p_source text, p_after jsonb,
  p_actor_id uuid, p_actor_role text, p_comune text
) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  who text := app_role();
  actor uuid := p_actor_id;
  actor_role text := p_actor_role;
  actor_name text;
  comune text := p_comune;
BEGIN
  IF who = '' OR who = 'PUBLIC' THEN
    RAISE EXCEPTION 'audit_repeated needs an actor' USING ERRCODE = '42501';
  END IF;
  IF who <> 'SYSTEM' THEN
    actor := app_user();
    actor_role := who;
    comune := CASE WHEN who = 'OFFICER' THEN app_comune() END;
    SELECT u."name" INTO actor_name FROM "User" u WHERE u."id" = actor;
  END IF;
  INSERT INTO "AuditEvent"
    ("actorId", "actorName", "actorRole", "comuneIstat", "entity", "entityId", "action", "after", "bucket")
  VALUES (
    actor, actor_name, actor_role, comune, p_entity, left(p_entity_id, 400), p_action, p_after,
    md5(concat_ws('|', p_action, p_entity, coalesce(actor::text, '-'), p_source,
                  to_char(date_trunc('minute', now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI')))
  )
  ON CONFLICT ("bucket") WHERE "bucket" IS NOT NULL
  DO UPDATE SET "count" = "AuditEvent"."count" + 1;
END
$$;
REVOKE ALL ON FUNCTION audit_repeated(text, text, text, text, jsonb, uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_repeated(text, text, text, text, jsonb, uuid, text, text) TO smartland_app;
