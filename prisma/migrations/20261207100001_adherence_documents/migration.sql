-- The act of adherence's documents (issue #18, items 1 and 4): the act's PDF attaches to the Adherence row
-- (lib/documents/owners.ts resolves the kind to the act's comune). Its own migration: a value added to an
-- enum cannot be used in the transaction that adds it.
ALTER TYPE "DocumentOwnerKind" ADD VALUE IF NOT EXISTS 'ADHERENCE';
