import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CONCURRENT_EDIT, getWritableProject } from "./writable";

/**
 * Publishes a project: the public side (Smart Land page, open data, public figures) shows from now on the
 * values it has at `version`, until the next publication. The same guard as an edit (own comune, write
 * permission; anything else NOT_FOUND); a stale version is CONFLICT and nothing is written. The copy is
 * taken in the database by publish_project() (migration publish) under the officer's row-level security.
 */
export async function publishProject(actor: Actor, id: string, version: number) {
  const result = await withActor(actor, async (tx) => {
    const current = await getWritableProject(tx, actor, id);
    if (!Number.isInteger(version) || current.version !== version) {
      throw new AppError("CONFLICT", CONCURRENT_EDIT);
    }
    const before = await tx.publicProject.findUnique({
      where: { projectId: id },
      select: { publishedVersion: true, publishedAt: true },
    });
    // Lock the row so an edit cannot slip between the check and the copy.
    const locked = await tx.$queryRaw<{ version: number }[]>`
      SELECT version FROM "Project" WHERE id = ${id}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
    if (locked[0]?.version !== version) throw new AppError("CONFLICT", CONCURRENT_EDIT);
    await tx.$executeRaw`SELECT publish_project(${id}::uuid, ${actor.userId}::uuid)`;
    const after = await tx.publicProject.findUniqueOrThrow({
      where: { projectId: id },
      select: { publishedVersion: true, publishedAt: true },
    });
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: id,
      action: "PUBLISH",
      comuneIstat: current.comuneIstat,
      before,
      after,
    });
    return after;
  });
  return result;
}

/**
 * Withdraws a project from the public side: its copy is removed, so the project is a draft again until
 * published. Same guard and version check as publishing; audit action `UNPUBLISH`. Not published → CONFLICT.
 */
export async function unpublishProject(actor: Actor, id: string, version: number) {
  await withActor(actor, async (tx) => {
    const current = await getWritableProject(tx, actor, id);
    if (!Number.isInteger(version) || current.version !== version) {
      throw new AppError("CONFLICT", CONCURRENT_EDIT);
    }
    const before = await tx.publicProject.findUnique({
      where: { projectId: id },
      select: { publishedVersion: true, publishedAt: true },
    });
    if (!before) throw new AppError("CONFLICT", NOT_PUBLISHED);
    await tx.publicProject.delete({ where: { projectId: id } });
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: id,
      action: "UNPUBLISH",
      comuneIstat: current.comuneIstat,
      before,
      after: null,
    });
  });
}

const NOT_PUBLISHED = "L'intervento non è pubblicato. Ricarica la pagina per vederne lo stato attuale.";
