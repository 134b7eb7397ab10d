-- Counters whose window is over mean nothing (the next attempt starts at 1): successful logins delete them
-- a batch at a time (lib/auth/throttle.ts), so addresses that tried once do not pile up.
CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");
