"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { createSmartLand, updateSmartLand } from "@/lib/smart-lands/manage-smart-lands";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/smart-lands decides.

export async function createSmartLandAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let slug = "";
  const state = await runFormAction(formData, async (actor) => {
    slug = (await createSmartLand(actor, formDataToObject(formData, ["members"]))).slug;
  });
  if (!state.ok) return state;
  revalidatePath("/regione/smart-land");
  redirect(`/regione/smart-land/${slug}?esito=creata`);
}

export async function updateSmartLandAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const current = String(formData.get("slug") ?? "");
  let slug = current;
  const state = await runFormAction(formData, async (actor) => {
    slug = (await updateSmartLand(actor, current, formDataToObject(formData, ["members"]))).slug;
  });
  if (!state.ok) return state;
  revalidatePath("/regione/smart-land");
  redirect(`/regione/smart-land/${slug}?esito=salvata`);
}
