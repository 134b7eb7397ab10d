import type { Metadata } from "next";
import { FactList } from "@/components/ui/fact-list";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { IssueLinkButton } from "@/components/users/issue-link-button";
import { ApiTokenTable } from "@/components/users/api-token-table";
import { UserAssignmentForm } from "@/components/users/user-assignment-form";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS, ROLES } from "@/lib/format";
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
  const user = await orNotFound(getUserForActor(actor, id));
  const [options, tokens] = await Promise.all([getUserFormOptions(actor), listUserApiTokens(actor, user.id)]);
  // The current comune stays selectable even if it is no longer a member (lib refuses moving *to* one).
  const comuni =
    user.comune && !options.assignableComuni.some((c) => c.value === user.comune?.istat)
      ? [
          ...options.assignableComuni,
          { value: user.comune.istat, label: `${user.comune.name} (non assegnabile)` },
        ]
      : options.assignableComuni;
  const path = `/admin/utenti/${user.id}`;
  const fields = { id: user.id, version: String(user.version) };
  const notice = lookup(NOTICES, search.esito);
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
      user.pendingLink
        ? `${user.pendingLink.kind === "ACTIVATION" ? "Attivazione" : "Reimpostazione password"}, valido fino al ${formatDateTime(user.pendingLink.expiresAt)}`
        : "Nessuno",
    ],
  ];
  return (
    <div className="max-w-4xl space-y-8">
      <p className="text-sm">
        <Link href="/admin/utenti">← Utenti</Link>
      </p>
      <h1 className="text-3xl font-semibold">{user.name}</h1>
      {notice ? (
        <p role="status" className="rounded-md bg-green-50 px-4 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <FactList facts={facts} />

      <section aria-labelledby="ruolo-title" className="space-y-3">
        <h2 id="ruolo-title" className="text-xl font-semibold">
          Ruolo e comune
        </h2>
        <p className="text-sm text-slate-700">
          Un cambio di ruolo o di comune chiude le sessioni aperte dell&apos;utente.
        </p>
        <UserAssignmentForm
          action={updateUserAssignmentAction}
          id={user.id}
          version={user.version}
          role={user.role}
          comuneIstat={user.comune?.istat ?? null}
          roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          comuni={comuni}
          reloadHref={path}
        />
      </section>

      <section aria-labelledby="accesso-title" className="space-y-4">
        <h2 id="accesso-title" className="text-xl font-semibold">
          Accesso
        </h2>
        {user.active ? (
          <>
            {user.neverActivated ? (
              <IssueLinkButton
                action={resendActivationAction}
                fields={fields}
                label="Genera un nuovo link di attivazione"
                confirm="Il link di attivazione precedente smetterà di funzionare. Continuare?"
                recipient={user.name}
              />
            ) : (
              <IssueLinkButton
                action={forcePasswordResetAction}
                fields={fields}
                label="Forza il cambio password"
                confirm={`La password attuale di ${user.name} smetterà di funzionare e le sue sessioni verranno chiuse. Continuare?`}
                recipient={user.name}
              />
            )}
            <div>
              <ActionButton
                action={deactivateUserAction}
                fields={fields}
                label="Disattiva utente"
                confirm={`Disattivare ${user.name}? Non potrà più accedere finché non verrà riattivato.`}
                variant="danger"
              />
            </div>
          </>
        ) : (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">L&apos;utente è disattivato e non può accedere.</p>
            <ActionButton
              action={reactivateUserAction}
              fields={fields}
              label="Riattiva utente"
              variant="secondary"
            />
          </div>
        )}
      </section>

      <section aria-labelledby="token-title" className="space-y-3">
        <h2 id="token-title" className="text-xl font-semibold">
          Token API
        </h2>
        <p className="text-sm text-slate-700">
          I token personali con cui {user.name} usa l&apos;API. Un token revocato è rifiutato dalla richiesta
          successiva; cambio password, cambio di ruolo o di comune, disattivazione e sospensione del comune li
          revocano tutti.
        </p>
        <ApiTokenTable
          caption={`Token API di ${user.name}`}
          captionHidden
          rows={tokens.map((t) => apiTokenRow(t))}
          revoke={revokeUserApiTokenAction}
          fields={{ userId: user.id }}
          confirm={`Revocare il token «{name}» di ${user.name}? Smetterà di funzionare subito.`}
          reloadHref={path}
        />
      </section>
    </div>
  );
}
