-- The actor's display name at the time of the change: the history stays readable without reading users.
ALTER TABLE "AuditEvent" ADD COLUMN "actorName" TEXT;
