"use server";

import { revalidatePath } from "next/cache";
import { deleteDocument, setDocumentPublic } from "@/lib/documents/store";
import { runFormAction, type FormState } from "@/lib/http/server-action";

// The project page's document commands. Ids from the form are only requests: lib/documents decides whether
// this actor may touch them (another comune's → "Non trovato.").

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");

export async function setDocumentPublicAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    const projectId = str(formData, "projectId");
    const doc = await setDocumentPublic(actor, projectId, str(formData, "id"), {
      public: str(formData, "public") === "true",
      version: Number(str(formData, "version")),
    });
    return {
      message: doc.public ? "Il documento è ora pubblico." : "Il documento è ora riservato.",
      redirectTo: `/comuni/${doc.comuneIstat}/interventi/${projectId}`,
    };
  });
  if (state.ok && state.redirectTo) revalidatePath(state.redirectTo);
  return { ...state, redirectTo: undefined };
}

export async function deleteDocumentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    const projectId = str(formData, "projectId");
    await deleteDocument(
      actor,
      projectId,
      str(formData, "id"),
      Number(str(formData, "version")) || undefined,
    );
    return {
      message: "Documento eliminato.",
      redirectTo: `/comuni/${actor.comuneIstat}/interventi/${projectId}`,
    };
  });
  if (state.ok && state.redirectTo) revalidatePath(state.redirectTo);
  return { ...state, redirectTo: undefined };
}
