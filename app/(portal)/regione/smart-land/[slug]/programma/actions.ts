"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { programmeFromForm, savePhases, saveProgrammeStream } from "@/lib/programme/programme";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/programme decides.
const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const base = (formData: FormData) =>
  `/regione/smart-land/${encodeURIComponent(str(formData, "slug"))}/programma`;

async function run(formData: FormData, path: string, work: Parameters<typeof runFormAction>[1]) {
  const state = await runFormAction(formData, async (actor) => {
    await work(actor);
  });
  if (!state.ok) return state;
  revalidatePath(path.split("?")[0]);
  redirect(path);
}

export async function savePhasesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${base(formData)}?esito=fasi`, async (actor) => {
    await savePhases(actor, str(formData, "slug"), programmeFromForm(formDataToObject(formData)));
  });
}

export async function saveProgrammeStreamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${base(formData)}?esito=filone`, async (actor) => {
    await saveProgrammeStream(actor, str(formData, "slug"), programmeFromForm(formDataToObject(formData)));
  });
}
