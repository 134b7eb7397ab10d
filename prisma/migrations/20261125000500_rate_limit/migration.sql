-- Login throttling shared by every app instance: one row per key (account or client address).
CREATE TABLE "RateLimit" (
  "key"     text PRIMARY KEY,
  "count"   int NOT NULL,
  "resetAt" timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "RateLimit" TO smartland_app;
