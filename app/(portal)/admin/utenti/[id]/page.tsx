import type { Metadata } from "next";
import Link from "next/link";
import { SuccessNotice } from "@/components/ui/notice";
import { FactList } from "@/components/ui/fact-list";
import {
  UserAccessSection,
  UserAssignmentSection,
  UserTokensSection,
} from "@/components/users/user-admin-sections";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getUserForActor } from "@/lib/users/get-user";
import { listUserApiTokens } from "@/lib/users/api-tokens";
import { apiTokenRow, formatDateTime, USER_STATE_LABELS } from "@/lib/users/labels";
import { getUserFormOptions } from "@/lib/users/list-users";
import {
  deactivateUserAction,
  forcePasswordResetAction,
  reactivateUserAction,
  resendActivationAction,
  revokeUserApiTokenAction,
  updateUserAssignmentAction,
} from "../actions";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Utente" };

const NOTICES: Record<string, string> = {
  salvato: "Modifiche salvate. Le sessioni aperte dell'utente sono state chiuse.",
  disattivato: "Utente disattivato: non può più accedere e le sue sessioni aperte sono state chiuse.",
  riattivato: "Utente riattivato.",
};

export default async function UserPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await props.params;
  const search = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const user = await orNotFound(getUserForActor(actor, id), "/admin/utenti/[id]");
  const [options, tokens] = await Promise.all([getUserFormOptions(actor), listUserApiTokens(actor, user.id)]);
  const path = `/admin/utenti/${user.id}`;
  const notice = lookup(NOTICES, search.esito);
  const link = user.pendingLink;
  const facts: [string, string][] = [
    ["Email", user.email],
    ["Ruolo", ROLE_LABELS[user.role]],
    ["Comune", user.comune ? `${user.comune.name} (${user.comune.istat})` : "—"],
    ["Stato", USER_STATE_LABELS[user.state]],
    ["Ultimo accesso", user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Mai"],
    ["Password impostata il", formatDateTime(user.passwordChangedAt)],
    ["Creato il", formatDateTime(user.createdAt)],
    [
      "Link in attesa di uso",
      link
        ? `${link.kind === "ACTIVATION" ? "Attivazione" : "Reimpostazione password"}, valido fino al ${formatDateTime(link.expiresAt)}`
        : "Nessuno",
    ],
  ];
  return (
    <div className="max-w-4xl space-y-8">
      <p className="text-sm">
        <Link href="/admin/utenti">← Utenti</Link>
      </p>
      <h1 className="text-3xl font-semibold">{user.name}</h1>
      {notice ? <SuccessNotice compact>{notice}</SuccessNotice> : null}
      <FactList facts={facts} />
      <UserAssignmentSection
        user={user}
        assignableComuni={options.assignableComuni}
        action={updateUserAssignmentAction}
        reloadHref={path}
      />
      <UserAccessSection
        user={user}
        actions={{
          resendActivation: resendActivationAction,
          forcePasswordReset: forcePasswordResetAction,
          deactivate: deactivateUserAction,
          reactivate: reactivateUserAction,
        }}
      />
      <UserTokensSection
        user={user}
        tokens={tokens.map((t) => apiTokenRow(t))}
        revoke={revokeUserApiTokenAction}
        reloadHref={path}
      />
    </div>
  );
}
