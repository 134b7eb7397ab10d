"use client";

import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, shown, type FormState } from "@/lib/validation/form-state";

type State = FormState & { token?: string };

/** Creates a personal API token with the chosen duration and shows its secret once. */
export function ApiTokenForm(props: {
  action: (state: State, formData: FormData) => Promise<State>;
  durations: { value: string; label: string }[];
  defaultDuration: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE as State);
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-end gap-3" noValidate>
        <TextField
          name="name"
          label="Nome del token"
          hint="Per ricordare dove lo usi, ad esempio «Gestionale protocollo»."
          defaultValue={state.ok ? "" : shown(state, "name", "")}
          errors={state.fieldErrors?.name}
          className="w-80"
        />
        <SelectField
          name="expiresInDays"
          label="Durata"
          options={props.durations}
          defaultValue={
            state.ok ? props.defaultDuration : shown(state, "expiresInDays", props.defaultDuration)
          }
          errors={state.fieldErrors?.expiresInDays}
          className="w-40"
        />
        <SubmitButton label="Crea token" pending={pending} />
      </form>
      <FormMessage message={state.message} ok={state.ok} fieldErrors={state.fieldErrors} />
      {state.token ? (
        <div className="space-y-1">
          <label htmlFor="nuovo-token" className="block text-sm font-medium">
            Il tuo nuovo token
          </label>
          <input
            id="nuovo-token"
            readOnly
            value={state.token}
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
          <p className="text-xs text-slate-700">
            Usalo nell&apos;intestazione <code>Authorization: Bearer …</code> delle richieste a{" "}
            <code>/api/v1</code>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
