"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decidePlan, planFromForm, saveAdherence, savePlan, submitPlan } from "@/lib/adherence/adherence";
import { adherenceOwner } from "@/lib/documents/adherence-owner";
import { deleteOwnedDocument } from "@/lib/documents/store";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/adherence decides.
const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const scopeOf = (formData: FormData) => ({ istat: str(formData, "istat"), slug: str(formData, "slug") });
const seg = (formData: FormData, key: string) => encodeURIComponent(str(formData, key));
const planPath = (f: FormData) => `/comuni/${seg(f, "istat")}/adesione/${seg(f, "slug")}/${seg(f, "stream")}`;

async function run(formData: FormData, path: string, work: Parameters<typeof runFormAction>[1]) {
  const state = await runFormAction(formData, async (actor) => {
    await work(actor);
  });
  if (!state.ok) return state;
  revalidatePath(path.split("?")[0]);
  redirect(path);
}

export async function saveAdherenceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `/comuni/${seg(formData, "istat")}/adesione?esito=atto`, async (actor) => {
    await saveAdherence(actor, scopeOf(formData), formDataToObject(formData));
  });
}

export async function savePlanAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${planPath(formData)}?esito=salvato`, async (actor) => {
    await savePlan(
      actor,
      scopeOf(formData),
      str(formData, "stream"),
      planFromForm(formDataToObject(formData)),
    );
  });
}

export async function submitPlanAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${planPath(formData)}?esito=inviato`, async (actor) => {
    await submitPlan(actor, scopeOf(formData), str(formData, "stream"), {
      version: str(formData, "version"),
    });
  });
}

export async function approvePlanAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${planPath(formData)}?esito=approvato`, async (actor) => {
    await decidePlan(actor, scopeOf(formData), str(formData, "stream"), "APPROVED", {
      version: str(formData, "version"),
    });
  });
}

export async function returnPlanAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, `${planPath(formData)}?esito=restituito`, async (actor) => {
    await decidePlan(actor, scopeOf(formData), str(formData, "stream"), "RETURNED", {
      version: str(formData, "version"),
      comment: str(formData, "comment"),
    });
  });
}

export async function deleteActDocumentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { istat, slug } = scopeOf(formData);
  return run(
    formData,
    `/comuni/${seg(formData, "istat")}/adesione/${seg(formData, "slug")}/atto?esito=eliminato`,
    async (actor) => {
      const version = Number(str(formData, "version"));
      await deleteOwnedDocument(
        actor,
        await adherenceOwner(actor, istat, slug),
        str(formData, "id"),
        version || undefined,
      );
    },
  );
}
