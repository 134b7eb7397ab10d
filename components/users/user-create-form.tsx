"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form-fields";
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
    const name = shown(state, "name", "");
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
  const err = (name: string) => state.fieldErrors?.[name];
  const v = (name: string) => shown(state, name, "");
  return (
    <form key={JSON.stringify(state.values ?? {})} action={formAction} className="space-y-6" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="name"
          label="Nome e cognome"
          required
          defaultValue={v("name")}
          errors={err("name")}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          defaultValue={v("email")}
          errors={err("email")}
        />
        <SelectField
          name="role"
          label="Ruolo"
          required
          placeholder="— Scegli —"
          options={props.roles}
          defaultValue={v("role")}
          errors={err("role")}
        />
        <SelectField
          name="comuneIstat"
          label="Comune"
          hint="Solo per i referenti comunali: comuni aderenti e non sospesi."
          placeholder="— Nessuno —"
          options={props.comuni}
          defaultValue={v("comuneIstat")}
          errors={err("comuneIstat")}
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
    </form>
  );
}
