"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { closeRound, openRound } from "@/lib/rounds/rounds";
import { decideSubmission } from "@/lib/rounds/submission";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/rounds decides.
const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const seg = (formData: FormData, key: string) => encodeURIComponent(str(formData, key));
const scopeOf = (f: FormData) => ({ roundId: str(f, "roundId"), istat: str(f, "istat") });
const submissionPath = (f: FormData) =>
  `/regione/monitoraggio/${seg(f, "roundId")}/comuni/${seg(f, "istat")}`;

export async function openRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await runFormAction(formData, async (actor) => {
    const values = { ...formDataToObject(formData), items: formData.getAll("items").map(String) };
    id = (await openRound(actor, values)).id;
  });
  if (!state.ok) return state;
  revalidatePath("/regione/monitoraggio");
  redirect(`/regione/monitoraggio/${id}?esito=aperta`);
}

export async function closeRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    await closeRound(actor, str(formData, "roundId"), { version: str(formData, "version") });
  });
  if (!state.ok) return state;
  revalidatePath(`/regione/monitoraggio/${seg(formData, "roundId")}`);
  redirect(`/regione/monitoraggio/${seg(formData, "roundId")}?esito=chiusa`);
}

export async function validateSubmissionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    await decideSubmission(actor, scopeOf(formData), "VALIDATED", { version: str(formData, "version") });
  });
  if (!state.ok) return state;
  revalidatePath(submissionPath(formData));
  redirect(`${submissionPath(formData)}?esito=validato`);
}

/** The per-project notes arrive as fields "nota.<projectId>". */
export async function returnSubmissionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    const projectNotes = [...formData.entries()]
      .filter(([key, value]) => key.startsWith("nota.") && typeof value === "string" && value.trim())
      .map(([key, value]) => ({ projectId: key.slice(5), note: String(value) }));
    await decideSubmission(actor, scopeOf(formData), "RETURNED", {
      version: str(formData, "version"),
      note: str(formData, "note"),
      projectNotes,
    });
  });
  if (!state.ok) return state;
  revalidatePath(submissionPath(formData));
  redirect(`${submissionPath(formData)}?esito=restituito`);
}
