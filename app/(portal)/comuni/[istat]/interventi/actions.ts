"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { childCollection } from "@/lib/api/child-records";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { publishProject, unpublishProject } from "@/lib/projects/publish-project";
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

export async function publishProjectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const id = str(formData, "id");
      await publishProject(actor, id, Number(str(formData, "version")));
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", id)}?pubblicato=1` };
    }),
  );
}

export async function unpublishProjectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const id = str(formData, "id");
      await unpublishProject(actor, id, Number(str(formData, "version")));
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", id)}?ritirato=1` };
    }),
  );
}

/** The child form names its kind with the portal's segment ("risorse", …); anything else is not found. */
const childKind = (formData: FormData) => childCollection(str(formData, "childKind"), "page");

export async function saveChildAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const child = childKind(formData);
      const projectId = str(formData, "projectId");
      const id = str(formData, "id");
      const input = formDataToObject(formData);
      if (id) await child.update(actor, projectId, id, input);
      else await child.create(actor, projectId, input);
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", projectId)}?salvato=1#${child.page}` };
    }),
  );
}

export async function deleteChildAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return done(
    await runFormAction(formData, async (actor) => {
      const child = childKind(formData);
      const projectId = str(formData, "projectId");
      await child.remove(actor, projectId, str(formData, "id"));
      return { redirectTo: `${projectPath(actor.comuneIstat ?? "", projectId)}?eliminato=1#${child.page}` };
    }),
  );
}
