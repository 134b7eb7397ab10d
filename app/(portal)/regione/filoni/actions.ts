"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { createStream, deleteStream, setStreamArchived, updateStream } from "@/lib/streams/manage-streams";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/streams decides.
const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");

function done(state: FormState, path: string): FormState {
  if (!state.ok) return state;
  revalidatePath("/regione/filoni");
  redirect(path);
}

export async function createStreamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await runFormAction(formData, async (actor) => {
    id = (await createStream(actor, formDataToObject(formData, ["values"]))).id;
  });
  return done(state, `/regione/filoni/${id}?esito=creato`);
}

export async function updateStreamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = str(formData, "id");
  const state = await runFormAction(formData, (actor) =>
    updateStream(actor, id, formDataToObject(formData, ["values"])),
  );
  return done(state, `/regione/filoni/${id}?esito=salvato`);
}

export async function archiveStreamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = str(formData, "id");
  const archived = str(formData, "archived") === "true";
  const state = await runFormAction(formData, (actor) =>
    setStreamArchived(actor, id, archived, str(formData, "version")),
  );
  return done(state, `/regione/filoni/${id}?esito=${archived ? "archiviato" : "ripristinato"}`);
}

export async function deleteStreamAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, (actor) =>
    deleteStream(actor, str(formData, "id"), str(formData, "version")),
  );
  return done(state, "/regione/filoni?esito=eliminato");
}
