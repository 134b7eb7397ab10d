"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { IssuedLinkState } from "@/components/users/issued-link";
import type { Actor } from "@/lib/auth/actor";
import { runFormAction, type FormState } from "@/lib/http/server-action";
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
import { publicOrigin } from "@/lib/users/tokens";
import { formDataToObject } from "@/lib/validation/schemas";

// Thin wrappers: the actor comes from the session inside runFormAction; lib/users decides (a non-admin
// gets "Non trovato." from every function).

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const userPath = (id: string) => `/admin/utenti/${id}`;

/** The origin for links: NEXTAUTH_URL, else the origin the browser posted from. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const proto = h.get("x-forwarded-proto") ?? "http";
  return publicOrigin(h.get("origin") ?? (host ? `${proto}://${host}` : null));
}

function linkState(state: FormState, issued: IssuedLink | undefined): IssuedLinkState {
  if (!state.ok || !issued) return state;
  return {
    ...state,
    link: issued.link,
    linkKind: issued.kind,
    expiresLabel: formatDateTime(issued.expiresAt),
    mailedTo: issued.mailed ? issued.email : null,
    userId: issued.userId,
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
    issued = await createUser(actor, formDataToObject(formData), await requestOrigin());
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

type IssueLink = (actor: Actor, id: string, input: unknown, origin: string) => Promise<IssuedLink>;

async function issueLinkAction(issue: IssueLink, formData: FormData): Promise<IssuedLinkState> {
  const id = str(formData, "id");
  let issued: IssuedLink | undefined;
  const state = await runFormAction(formData, async (actor) => {
    issued = await issue(actor, id, formDataToObject(formData), await requestOrigin());
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
