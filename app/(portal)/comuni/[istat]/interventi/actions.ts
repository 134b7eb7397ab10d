"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAction, deleteAction, updateAction } from "@/lib/actions/project-actions";
import { notFound } from "@/lib/errors";
import { createFundingLine, deleteFundingLine, updateFundingLine } from "@/lib/funding/funding-lines";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { createIndicator, deleteIndicator, updateIndicator } from "@/lib/indicators/indicators";
import { createProject, deleteProject, restoreProject, updateProject } from "@/lib/projects/save-project";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction, ids from the form are only
// *requests* — lib/ decides whether this actor may touch them (another comune's id → "Non trovato.").

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const projectPath = (istat: string, id: string) => `/comuni/${istat}/interventi/${id}`;

function done(state: FormState): FormState {
  if (state.ok && state.redirectTo) {
    revalidatePath(state.redirectTo);
    redirect(state.redirectTo);
  }
  return state;
}

export async function saveProjectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const input = formDataToObject(formData, ["partnerIstat"]);
      const id = str(formData, "id");
      const project = id ? await updateProject(actor, id, input) : await createProject(actor, input);
      return { redirectTo: `${projectPath(project.comuneIstat, project.id)}?salvato=1` };
    }),
  );
}

export async function deleteProjectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const version = Number(str(formData, "version")) || undefined;
      await deleteProject(actor, str(formData, "id"), version);
      return { redirectTo: `/comuni/${actor.comuneIstat}/interventi?eliminato=1` };
    }),
  );
}

export async function restoreProjectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const id = str(formData, "id");
      await restoreProject(actor, id);
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", id)}?ripristinato=1` };
    }),
  );
}

const CHILDREN = {
  risorse: {
    create: createFundingLine,
    update: updateFundingLine,
    remove: deleteFundingLine,
    anchor: "risorse",
  },
  azioni: { create: createAction, update: updateAction, remove: deleteAction, anchor: "azioni" },
  indicatori: {
    create: createIndicator,
    update: updateIndicator,
    remove: deleteIndicator,
    anchor: "indicatori",
  },
} as const;

function childKind(formData: FormData) {
  const kind = str(formData, "childKind");
  if (!Object.hasOwn(CHILDREN, kind)) throw notFound();
  return CHILDREN[kind as keyof typeof CHILDREN];
}

export async function saveChildAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const child = childKind(formData);
      const projectId = str(formData, "projectId");
      const id = str(formData, "id");
      const input = formDataToObject(formData);
      if (id) await child.update(actor, projectId, id, input);
      else await child.create(actor, projectId, input);
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", projectId)}?salvato=1#${child.anchor}` };
    }),
  );
}

export async function deleteChildAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const child = childKind(formData);
      const projectId = str(formData, "projectId");
      await child.remove(actor, projectId, str(formData, "id"));
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", projectId)}?eliminato=1#${child.anchor}` };
    }),
  );
}
