import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";
import { canWriteProject } from "./scope";

/**
 * The write guard: the project exists, belongs to the actor's comune and the actor may write it.
 * Anything else — another comune, a partner, a coordinator — is NOT_FOUND, and nothing is written.
 */
export async function getWritableProject(
  tx: Tx,
  actor: Actor,
  projectId: string,
  opts: { deleted?: boolean } = {},
) {
  if (!isUuid(projectId) || !actor.comuneIstat || !can(actor, "projects.write", actor.comuneIstat)) {
    throw notFound();
  }
  const project = await tx.project.findFirst({
    where: { id: projectId, comuneIstat: actor.comuneIstat, deletedAt: opts.deleted ? { not: null } : null },
  });
  if (!project || !canWriteProject(actor, project)) throw notFound();
  return project;
}

export const CONCURRENT_EDIT =
  "Qualcun altro ha modificato questo intervento mentre lo stavi modificando. Ricarica la pagina per vedere la versione aggiornata: le tue modifiche non sono state salvate.";
export const CONCURRENT_EDIT_ITEM =
  "Qualcun altro ha modificato questo elemento mentre lo stavi modificando. Ricarica la pagina per vedere la versione aggiornata: le tue modifiche non sono state salvate.";
