import { ActionButton } from "@/components/ui/action-button";
import { labelledOptions } from "@/components/ui/filter-form";
import { Section } from "@/components/ui/section";
import { ApiTokenTable, type ApiTokenTableRow } from "@/components/users/api-token-table";
import { IssueLinkButton } from "@/components/users/issue-link-button";
import type { IssuedLinkState } from "@/components/users/issued-link";
import { UserAssignmentForm } from "@/components/users/user-assignment-form";
import { ROLE_LABELS, ROLES } from "@/lib/format";
import type { FormState } from "@/lib/validation/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type LinkAction = (state: IssuedLinkState, formData: FormData) => Promise<IssuedLinkState>;
type Option = { value: string; label: string };

/** «Ruolo e comune» of a user; the user's current comune stays selectable even if it is no longer a member. */
export function UserAssignmentSection(props: {
  user: {
    id: string;
    version: number;
    role: keyof typeof ROLE_LABELS;
    comune: { istat: string; name: string } | null;
  };
  assignableComuni: Option[];
  action: Action;
  reloadHref: string;
}) {
  const { user } = props;
  // lib refuses moving a user *to* a comune that is not a member, not keeping one there.
  const comuni =
    user.comune && !props.assignableComuni.some((c) => c.value === user.comune?.istat)
      ? [
          ...props.assignableComuni,
          { value: user.comune.istat, label: `${user.comune.name} (non assegnabile)` },
        ]
      : props.assignableComuni;
  return (
    <Section headingId="ruolo-title" title="Ruolo e comune">
      <p className="text-sm text-slate-700">
        Un cambio di ruolo o di comune chiude le sessioni aperte dell&apos;utente.
      </p>
      <UserAssignmentForm
        action={props.action}
        id={user.id}
        version={user.version}
        role={user.role}
        comuneIstat={user.comune?.istat ?? null}
        roles={labelledOptions(ROLES, ROLE_LABELS)}
        comuni={comuni}
        reloadHref={props.reloadHref}
      />
    </Section>
  );
}

/**
 * «Accesso»: a new activation link (never activated) or a forced password change, and deactivation; for a
 * deactivated user, reactivation.
 */
export function UserAccessSection(props: {
  user: { id: string; version: number; name: string; active: boolean; neverActivated: boolean };
  actions: {
    resendActivation: LinkAction;
    forcePasswordReset: LinkAction;
    deactivate: Action;
    reactivate: Action;
  };
}) {
  const { user, actions } = props;
  const fields = { id: user.id, version: String(user.version) };
  return (
    <Section headingId="accesso-title" title="Accesso" className="space-y-4">
      {user.active ? (
        <>
          {user.neverActivated ? (
            <IssueLinkButton
              action={actions.resendActivation}
              fields={fields}
              label="Genera un nuovo link di attivazione"
              confirm="Il link di attivazione precedente smetterà di funzionare. Continuare?"
              recipient={user.name}
            />
          ) : (
            <IssueLinkButton
              action={actions.forcePasswordReset}
              fields={fields}
              label="Forza il cambio password"
              confirm={`La password attuale di ${user.name} smetterà di funzionare e le sue sessioni verranno chiuse. Continuare?`}
              recipient={user.name}
            />
          )}
          <div>
            <ActionButton
              action={actions.deactivate}
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
            action={actions.reactivate}
            fields={fields}
            label="Riattiva utente"
            variant="secondary"
          />
        </div>
      )}
    </Section>
  );
}

/** «Token API»: the user's personal tokens, each live one with «Revoca». */
export function UserTokensSection(props: {
  user: { id: string; name: string };
  tokens: ApiTokenTableRow[];
  revoke: Action;
  reloadHref: string;
}) {
  const { user } = props;
  return (
    <Section headingId="token-title" title="Token API">
      <p className="text-sm text-slate-700">
        I token personali con cui {user.name} usa l&apos;API. Un token revocato è rifiutato dalla richiesta
        successiva; cambio password, cambio di ruolo o di comune, disattivazione e sospensione del comune li
        revocano tutti.
      </p>
      <ApiTokenTable
        caption={`Token API di ${user.name}`}
        captionHidden
        rows={props.tokens}
        revoke={props.revoke}
        fields={{ userId: user.id }}
        confirm={`Revocare il token «{name}» di ${user.name}? Smetterà di funzionare subito.`}
        reloadHref={props.reloadHref}
      />
    </Section>
  );
}
