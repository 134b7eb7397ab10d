-- Documents on a monitoring round's submission (issue #18, items 3 and 4): the comune's officer attaches
-- the acts behind its figures (determine, SAL, certificates of payment) to its submission of a round;
-- lib/documents/owners.ts resolves the kind to the submission's comune. Its own migration: a value added to
-- an enum cannot be used in the transaction that adds it. The Document table's policies (the comune's wall)
-- apply unchanged.
ALTER TYPE "DocumentOwnerKind" ADD VALUE IF NOT EXISTS 'ROUND_SUBMISSION';
