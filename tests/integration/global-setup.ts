import pg from "pg";

// Integration tests run on a real PostgreSQL. `npm test` (scripts/with-db.mjs) gives us DATABASE_URL for
// a migrated and seeded test database; from it we make a template, and every test file gets its own
// database copied from the template (tests/integration/per-file-database.ts), so files never interfere.

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host) && !process.env.ALLOW_NONLOCAL_TEST_DB) {
    throw new Error(`Refusing to create test databases on non-local host ${host}`);
  }
}

export const templateName = (url: string) => `${new URL(url).pathname.slice(1)}_tpl`;

export async function adminQuery(url: string, sql: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  assertLocal(url);
  const source = new URL(url).pathname.slice(1);
  const template = templateName(url);
  await adminQuery(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE "${template}" TEMPLATE "${source}"`);
  return async () => {
    await adminQuery(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}
