import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { adminQuery, assertLocal, templateName } from "./global-setup";

const ownerUrl = process.env.DATABASE_URL;
const baseOwnerUrl = process.env.TEST_BASE_DATABASE_URL ?? ownerUrl;

if (baseOwnerUrl && process.env.APP_DATABASE_URL) {
  process.env.TEST_BASE_DATABASE_URL = baseOwnerUrl;
  assertLocal(baseOwnerUrl);
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(baseOwnerUrl, `CREATE DATABASE "${name}" TEMPLATE "${templateName(baseOwnerUrl)}"`);
      break;
    } catch (e) {
      // Two files copying the template at the same instant can collide; wait and retry.
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const owner = new URL(baseOwnerUrl);
  owner.pathname = `/${name}`;
  const app = new URL(process.env.APP_DATABASE_URL);
  app.pathname = `/${name}`;
  process.env.DATABASE_URL = owner.toString();
  process.env.APP_DATABASE_URL = app.toString();
  const g = globalThis as unknown as { smartlandDb?: { $disconnect(): Promise<void> } };
  g.smartlandDb = undefined;

  afterAll(async () => {
    await g.smartlandDb?.$disconnect();
    g.smartlandDb = undefined;
    await adminQuery(baseOwnerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
