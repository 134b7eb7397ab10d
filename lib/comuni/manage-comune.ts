import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { versionField } from "@/lib/validation/taxonomy";

export const CONCURRENT_COMUNE_EDIT =
  "Lo stato del comune è stato cambiato nel frattempo da un altro amministratore. Ricarica la pagina.";

/** What an administrator can do with a comune's account. */
export type ComuneAccountAction = "onboard" | "suspend" | "reinstate";

export async function getComuneAccount(actor: Actor, istat: string) {
  if (!can(actor, "comuni.manage") || !/^\d{6}$/.test(istat)) throw notFound();
  const comune = await withActor(actor, async (tx) => {
    const c = await tx.comune.findUnique({
      where: { istat },
      select: {
        istat: true,
        name: true,
        population: true,
        member: true,
        memberSince: true,
        suspended: true,
        version: true,
        province: { select: { name: true, acronym: true } },
        smartLands: { select: { smartLand: { select: { slug: true, name: true, phase: true } } } },
        _count: { select: { users: true } },
      },
    });
    if (!c) return null;
    const projects = await tx.project.count({ where: { comuneIstat: istat, deletedAt: null } });
    return { ...c, projects };
  });
  if (!comune) throw notFound();
  return comune;
}

/**
 * Onboard (make a member), suspend or reinstate. A suspended comune's officers cannot sign in; suspension
 * and reinstatement end their open sessions and API tokens; its data stays as it is, in the roll-up too.
 */
export async function changeComuneAccount(
  actor: Actor,
  istat: string,
  action: ComuneAccountAction,
  rawVersion: unknown,
) {
  if (!can(actor, "comuni.manage") || !/^\d{6}$/.test(istat)) throw notFound();
  const version = parseOrThrow(versionField, rawVersion);
  await withActor(actor, async (tx) => {
    const current = await tx.comune.findUnique({
      where: { istat },
      select: { member: true, suspended: true, memberSince: true, version: true },
    });
    if (!current) throw notFound();
    if (current.version !== version) throw new AppError("CONFLICT", CONCURRENT_COMUNE_EDIT);
    const next =
      action === "onboard"
        ? { member: true, suspended: false, memberSince: current.memberSince ?? new Date() }
        : action === "suspend"
          ? { suspended: true }
          : { suspended: false };
    if (action !== "onboard" && !current.member) {
      throw new AppError("INVALID", "Il comune non aderisce al programma: prima rendilo aderente.");
    }
    const { count } = await tx.comune.updateMany({
      where: { istat, version },
      data: { ...next, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", CONCURRENT_COMUNE_EDIT);
    if (action !== "onboard") {
      // Suspension and reinstatement both end the comune's users' sessions and API tokens for good (the
      // new session version revokes the tokens in the database): reinstating revives neither.
      await tx.user.updateMany({ where: { comuneIstat: istat }, data: { sessionVersion: { increment: 1 } } });
    }
    await recordAudit(tx, actor, {
      entity: "Comune",
      entityId: istat,
      action: action.toUpperCase(),
      comuneIstat: istat,
      before: { member: current.member, suspended: current.suspended },
      after: { member: next.member ?? current.member, suspended: next.suspended ?? current.suspended },
    });
  });
}
