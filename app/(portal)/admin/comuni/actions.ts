"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeComuneAccount, type ComuneAccountAction } from "@/lib/comuni/manage-comune";
import { runFormAction, type FormState } from "@/lib/http/server-action";

const ACTIONS: readonly ComuneAccountAction[] = ["onboard", "suspend", "reinstate"];

/** Onboard, suspend or reinstate a comune; lib/comuni decides who may (administrators only). */
export async function comuneAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const istat = String(formData.get("istat") ?? "");
  const requested = String(formData.get("operation") ?? "");
  const operation = ACTIONS.find((a) => a === requested) ?? "reinstate";
  const state = await runFormAction(formData, (actor) =>
    changeComuneAccount(actor, istat, operation, formData.get("version")),
  );
  if (!state.ok) return state;
  revalidatePath("/admin/comuni");
  redirect(`/admin/comuni/${istat}?esito=${operation}`);
}
