import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../../lib/generated/prisma/client";

/** What the factories accept: the client itself or an interactive transaction. */
export type SeedDb = Prisma.TransactionClient;

/**
 * A client for seeding and tests. It connects as DATABASE_URL (the database owner): row-level
 * security does not apply to it, so it must never be used to check access rules.
 */
export function createSeedClient(connectionString = process.env.DATABASE_URL): PrismaClient {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

/** createMany in slices, so a large batch stays below PostgreSQL's 65,535 bind parameters. */
export async function insertInBatches<T>(
  rows: readonly T[],
  insert: (batch: T[]) => Promise<{ count: number }>,
  batchSize = 500,
): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    count += (await insert(rows.slice(i, i + batchSize))).count;
  }
  return count;
}
