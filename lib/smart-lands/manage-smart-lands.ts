import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { invalidField, parseOrThrow } from "@/lib/validation/parse";
import {
  slugify,
  smartLandSchema,
  smartLandUpdateSchema,
  TAXONOMY_MESSAGES,
  type SmartLandData,
} from "@/lib/validation/taxonomy";

export const CONCURRENT_SMART_LAND_EDIT =
  "Qualcun altro ha modificato questa Smart Land mentre la stavi modificando. Ricarica la pagina: le tue modifiche non sono state salvate.";

function requireEditor(actor: Actor) {
  if (!can(actor, "smartlands.write")) throw notFound();
}

/** Whether the actor may create and edit Smart Lands (`smartlands.write`: coordinators). */
export const canEditSmartLands = (actor: Actor) => can(actor, "smartlands.write");

/** The Smart Land's form (`smartlands.write`, else NOT_FOUND): its fields, members and the version to send back. */
export async function getSmartLandForActor(actor: Actor, slug: string) {
  requireEditor(actor);
  return withActor(actor, (tx) => getCurrent(tx, slug));
}

/** The comuni that may join a Smart Land: the programme's member comuni. */
export async function smartLandMemberOptions(actor: Actor) {
  requireEditor(actor);
  return withActor(actor, (tx) =>
    tx.comune.findMany({
      where: { member: true },
      orderBy: { name: "asc" },
      select: { istat: true, name: true, province: { select: { acronym: true } } },
    }),
  );
}

/**
 * Members must be comuni of the programme; a comune that leaves must have no project assigned to this
 * Smart Land (the project would point at a Smart Land its comune is not in).
 */
async function checkMembers(tx: Tx, data: SmartLandData, smartLandId?: string) {
  const found = await tx.comune.count({ where: { istat: { in: data.members }, member: true } });
  if (found !== data.members.length)
    throw invalidField("members", "Scegli solo comuni aderenti al programma.");
  if (!smartLandId) return;
  const leaving = await tx.project.groupBy({
    by: ["comuneIstat"],
    where: { smartLandId, deletedAt: null, comuneIstat: { notIn: data.members } },
    _count: { _all: true },
  });
  if (leaving.length) {
    const names = await tx.comune.findMany({
      where: { istat: { in: leaving.map((l) => l.comuneIstat) } },
      select: { name: true },
    });
    throw invalidField(
      "members",
      `Non puoi togliere ${names.map((n) => n.name).join(", ")}: ha interventi assegnati a questa Smart Land. Spostali prima su un'altra Smart Land o nessuna.`,
    );
  }
  // A comune that has recorded its act of adherence keeps it, its local plans and their history: leaving
  // would delete them with the membership (issue #18).
  const adhered = await tx.adherence.findMany({
    where: { smartLandId, comuneIstat: { notIn: data.members } },
    select: { member: { select: { comune: { select: { name: true } } } } },
  });
  if (adhered.length) {
    throw invalidField(
      "members",
      `Non puoi togliere ${adhered.map((a) => a.member.comune.name).join(", ")}: ha registrato l'atto di adesione a questa Smart Land, con i piani locali e la loro storia.`,
    );
  }
}

async function assertSlugFree(tx: Tx, slug: string, exceptId?: string) {
  if (!slug) throw invalidField("name", TAXONOMY_MESSAGES.name);
  const clash = await tx.smartLand.findFirst({
    where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw invalidField("name", TAXONOMY_MESSAGES.slugTaken);
}

export async function createSmartLand(actor: Actor, input: unknown) {
  requireEditor(actor);
  const data = parseOrThrow(smartLandSchema, input);
  const slug = slugify(data.name);
  return withActor(actor, async (tx) => {
    await assertSlugFree(tx, slug);
    await checkMembers(tx, data);
    const sl = await tx.smartLand.create({
      data: {
        slug,
        name: data.name,
        phase: data.phase,
        description: data.description,
        leadIstat: data.leadIstat,
        members: { createMany: { data: data.members.map((comuneIstat) => ({ comuneIstat })) } },
      },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, actor, {
      entity: "SmartLand",
      entityId: sl.id,
      action: "CREATE",
      comuneIstat: null,
      after: { slug, ...data },
    });
    return sl;
  });
}

/** Renames (the slug follows the name), sets the phase, the members and the lead comune. */
export async function updateSmartLand(actor: Actor, slug: string, input: unknown) {
  requireEditor(actor);
  const data = parseOrThrow(smartLandUpdateSchema, input);
  return withActor(actor, async (tx) => {
    const current = await getCurrent(tx, slug);
    if (current.version !== data.version) throw new AppError("CONFLICT", CONCURRENT_SMART_LAND_EDIT);
    const newSlug = slugify(data.name);
    await assertSlugFree(tx, newSlug, current.id);
    await checkMembers(tx, data, current.id);
    const { count } = await tx.smartLand.updateMany({
      where: { id: current.id, version: data.version },
      data: {
        slug: newSlug,
        name: data.name,
        phase: data.phase,
        description: data.description,
        leadIstat: data.leadIstat,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", CONCURRENT_SMART_LAND_EDIT);
    const before = current.members;
    const removed = before.filter((m) => !data.members.includes(m));
    const added = data.members.filter((m) => !before.includes(m));
    if (removed.length) {
      await tx.smartLandMember.deleteMany({
        where: { smartLandId: current.id, comuneIstat: { in: removed } },
      });
    }
    if (added.length) {
      await tx.smartLandMember.createMany({
        data: added.map((comuneIstat) => ({ smartLandId: current.id, comuneIstat })),
      });
    }
    await recordAudit(tx, actor, {
      entity: "SmartLand",
      entityId: current.id,
      action: "UPDATE",
      comuneIstat: null,
      before: {
        slug: current.slug,
        name: current.name,
        phase: current.phase,
        leadIstat: current.leadIstat,
        members: before,
      },
      after: {
        slug: newSlug,
        name: data.name,
        phase: data.phase,
        leadIstat: data.leadIstat,
        members: data.members,
      },
    });
    return { slug: newSlug };
  });
}

async function getCurrent(tx: Tx, slug: string) {
  const sl = await tx.smartLand.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      phase: true,
      description: true,
      leadIstat: true,
      version: true,
      members: { select: { comuneIstat: true } },
    },
  });
  if (!sl) throw notFound();
  return { ...sl, members: sl.members.map((m) => m.comuneIstat) };
}
