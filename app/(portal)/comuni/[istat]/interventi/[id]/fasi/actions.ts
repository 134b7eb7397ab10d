"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { phasesFromForm, saveProjectPhases } from "@/lib/phases/phases";
import { formDataToObject } from "@/lib/validation/schemas";

const str = (formData: FormData, key: string) => encodeURIComponent(String(formData.get(key) ?? ""));

/** Saves the phases (lib/phases decides who may); back to the project page's «Cronoprogramma». */
export async function savePhasesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    await saveProjectPhases(
      actor,
      String(formData.get("projectId") ?? ""),
      phasesFromForm(formDataToObject(formData)),
    );
  });
  if (!state.ok) return state;
  const path = `/comuni/${str(formData, "istat")}/interventi/${str(formData, "projectId")}`;
  revalidatePath(path);
  redirect(`${path}?fasi=salvate#fasi`);
}
