"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ActionForm, bindFields, SelectField, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, shown } from "@/lib/validation/form-state";
import { IssuedLinkPanel, type IssuedLinkState } from "./issued-link";

type Option = { value: string; label: string };

export function UserCreateForm(props: {
  action: (state: IssuedLinkState, formData: FormData) => Promise<IssuedLinkState>;
  roles: Option[];
  comuni: Option[];
}) {
  const [state, formAction, pending] = useActionState<IssuedLinkState, FormData>(
    props.action,
    INITIAL_FORM_STATE,
  );
  if (state.ok && state.link) {
    const name = state.recipient ?? shown(state, "name", "");
    return (
      <div className="space-y-4">
        <IssuedLinkPanel state={state} recipient={name} />
        <p className="flex gap-4 text-sm">
          <Link href={`/admin/utenti/${state.userId}`}>Vai alla scheda di {name}</Link>
          {/* A full load on purpose: it clears the form and the link shown above. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/admin/utenti/nuovo">Crea un altro utente</a>
        </p>
      </div>
    );
  }
  const { field } = bindFields(state);
  return (
    <ActionForm state={state} action={formAction} className="space-y-6">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField {...field("name")} label="Nome e cognome" required />
        <TextField {...field("email")} label="Email" type="email" autoComplete="off" required />
        <SelectField
          {...field("role")}
          label="Ruolo"
          required
          placeholder="— Scegli —"
          options={props.roles}
        />
        <SelectField
          {...field("comuneIstat")}
          label="Comune"
          hint="Solo per i referenti comunali: comuni aderenti e non sospesi."
          placeholder="— Nessuno —"
          options={props.comuni}
        />
      </div>
      <p className="text-sm text-slate-700">
        L&apos;utente riceverà un link di attivazione valido 72 ore con cui scegliere la propria password.
      </p>
      <div className="flex items-center gap-4">
        <SubmitButton label="Crea utente" pending={pending} />
        <Link href="/admin/utenti" className="text-sm">
          Annulla
        </Link>
      </div>
    </ActionForm>
  );
}
