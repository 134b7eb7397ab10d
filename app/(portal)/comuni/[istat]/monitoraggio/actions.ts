"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { submitRound } from "@/lib/rounds/submission";

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");

/** The officer submits the comune's figures for a round (lib/rounds re-checks and freezes the snapshot). */
export async function submitRoundAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const scope = { roundId: str(formData, "roundId"), istat: str(formData, "istat") };
  const state = await runFormAction(formData, async (actor) => {
    await submitRound(actor, scope, { version: str(formData, "version") });
  });
  if (!state.ok) return state;
  const path = `/comuni/${encodeURIComponent(scope.istat)}/monitoraggio/${encodeURIComponent(scope.roundId)}`;
  revalidatePath(path);
  redirect(`${path}?esito=inviato`);
}
