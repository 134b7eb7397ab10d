import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, diff } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { projectCreateSchema, projectUpdateSchema, type ProjectData } from "@/lib/validation/schemas";
import { checkProjectReferences } from "./references";
import { CONCURRENT_EDIT, getWritableProject } from "./writable";

function columns(data: ProjectData) {
  const { partnerIstat: _partners, ...rest } = data;
  return rest;
}

/** Creates a project in the officer's own comune (the comune comes from the actor, never from input). */
export async function createProject(actor: Actor, input: unknown) {
  if (!actor.comuneIstat || !can(actor, "projects.write", actor.comuneIstat)) throw notFound();
  const data = parseOrThrow(projectCreateSchema, input);
  const comuneIstat = actor.comuneIstat;
  return withActor(actor, async (tx) => {
    const partners = await checkProjectReferences(tx, comuneIstat, data);
    const project = await tx.project.create({ data: { ...columns(data), comuneIstat } });
    if (partners.length) {
      await tx.projectPartner.createMany({
        data: partners.map((partnerIstat) => ({ projectId: project.id, comuneIstat, partnerIstat })),
      });
    }
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: project.id,
      action: "CREATE",
      comuneIstat,
      after: { ...project, partnerIstat: partners },
    });
    return project;
  });
}

/** Updates a project if nobody changed it since `version` was read; otherwise CONFLICT, nothing written. */
export async function updateProject(actor: Actor, id: string, input: unknown) {
  return withActor(actor, async (tx) => {
    // Scope first: outside it the answer is "not found" whatever the input.
    const current = await getWritableProject(tx, actor, id);
    const { version, ...data } = parseOrThrow(projectUpdateSchema, input);
    const partners = await checkProjectReferences(tx, current.comuneIstat, data, current.streamId);
    const { count } = await tx.project.updateMany({
      where: { id, comuneIstat: current.comuneIstat, version, deletedAt: null },
      data: { ...columns(data), version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", CONCURRENT_EDIT);
    const before = await tx.projectPartner.findMany({
      where: { projectId: id },
      select: { partnerIstat: true },
    });
    const beforePartners = before.map((p) => p.partnerIstat).sort();
    if (beforePartners.join() !== [...partners].sort().join()) {
      await tx.projectPartner.deleteMany({ where: { projectId: id } });
      await tx.projectPartner.createMany({
        data: partners.map((partnerIstat) => ({
          projectId: id,
          comuneIstat: current.comuneIstat,
          partnerIstat,
        })),
      });
    }
    const updated = await tx.project.findUniqueOrThrow({ where: { id } });
    const changes = diff(
      { ...current, partnerIstat: beforePartners },
      { ...updated, partnerIstat: [...partners].sort() },
    );
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: id,
      action: "UPDATE",
      comuneIstat: current.comuneIstat,
      ...changes,
    });
    return updated;
  });
}

/** Soft delete: the project leaves every list and total but can be restored. */
export async function deleteProject(actor: Actor, id: string, version?: number) {
  return withActor(actor, async (tx) => {
    const current = await getWritableProject(tx, actor, id);
    const { count } = await tx.project.updateMany({
      where: { id, comuneIstat: current.comuneIstat, deletedAt: null, ...(version ? { version } : {}) },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", CONCURRENT_EDIT);
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: id,
      action: "DELETE",
      comuneIstat: current.comuneIstat,
      before: { deletedAt: null },
      after: { deletedAt: new Date() },
    });
  });
}

export async function restoreProject(actor: Actor, id: string) {
  return withActor(actor, async (tx) => {
    const current = await getWritableProject(tx, actor, id, { deleted: true });
    await tx.project.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entity: "Project",
      entityId: id,
      action: "RESTORE",
      comuneIstat: current.comuneIstat,
      before: { deletedAt: current.deletedAt },
      after: { deletedAt: null },
    });
  });
}
