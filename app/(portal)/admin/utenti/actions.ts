"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { IssuedLinkState } from "@/components/users/issued-link";
import type { Actor } from "@/lib/auth/actor";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { revokeUserApiToken } from "@/lib/users/api-tokens";
import { formatDateTime } from "@/lib/users/labels";
import {
  createUser,
  deactivateUser,
  forcePasswordReset,
  reactivateUser,
  resendActivation,
  updateUserAssignment,
  type IssuedLink,
} from "@/lib/users/manage-users";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/users decides (a non-admin
// gets "Non trovato." from every function).

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const userPath = (id: string) => `/admin/utenti/${id}`;

function linkState(state: FormState, issued: IssuedLink | undefined): IssuedLinkState {
  if (!state.ok || !issued) return state;
  return {
    ...state,
    link: issued.link,
    linkKind: issued.kind,
    expiresLabel: formatDateTime(issued.expiresAt),
    mailedTo: issued.mailed ? issued.email : null,
    userId: issued.userId,
    recipient: issued.name,
  };
}

function done(state: FormState, path: string, notice: string): FormState {
  if (!state.ok) return state;
  revalidatePath(path);
  redirect(`${path}?esito=${notice}`);
}

export async function createUserAction(_prev: IssuedLinkState, formData: FormData): Promise<IssuedLinkState> {
  let issued: IssuedLink | undefined;
  const state = await runFormAction(formData, async (actor) => {
    issued = await createUser(actor, formDataToObject(formData));
    revalidatePath("/admin/utenti");
  });
  return linkState(state, issued);
}

export async function updateUserAssignmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = str(formData, "id");
  const state = await runFormAction(formData, async (actor) => {
    await updateUserAssignment(actor, id, formDataToObject(formData));
  });
  return done(state, userPath(id), "salvato");
}

export async function deactivateUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = str(formData, "id");
  const state = await runFormAction(formData, async (actor) => {
    await deactivateUser(actor, id, formDataToObject(formData));
  });
  return done(state, userPath(id), "disattivato");
}

export async function reactivateUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const id = str(formData, "id");
  const state = await runFormAction(formData, async (actor) => {
    await reactivateUser(actor, id, formDataToObject(formData));
  });
  return done(state, userPath(id), "riattivato");
}

type IssueLink = (actor: Actor, id: string, input: unknown) => Promise<IssuedLink>;

async function issueLinkAction(issue: IssueLink, formData: FormData): Promise<IssuedLinkState> {
  const id = str(formData, "id");
  let issued: IssuedLink | undefined;
  const state = await runFormAction(formData, async (actor) => {
    issued = await issue(actor, id, formDataToObject(formData));
    revalidatePath(userPath(id));
  });
  return linkState(state, issued);
}

export async function forcePasswordResetAction(
  _prev: IssuedLinkState,
  formData: FormData,
): Promise<IssuedLinkState> {
  return issueLinkAction(forcePasswordReset, formData);
}

export async function resendActivationAction(
  _prev: IssuedLinkState,
  formData: FormData,
): Promise<IssuedLinkState> {
  return issueLinkAction(resendActivation, formData);
}

/** Revokes one of the user's personal API tokens (users.manage; anyone else: "Non trovato."). */
export async function revokeUserApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const userId = str(formData, "userId");
  const state = await runFormAction(formData, async (actor) => {
    await revokeUserApiToken(actor, userId, str(formData, "id"));
  });
  if (!state.ok) return state;
  revalidatePath(userPath(userId));
  return { ok: true, message: "Token revocato." };
}
