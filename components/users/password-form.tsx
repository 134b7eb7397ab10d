"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/**
 * New password + confirmation (and, for the own change, the current password). Passwords are never
 * echoed back after a refused submit: the fields come back empty, with the messages next to them.
 */
export function PasswordForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden?: Record<string, string>;
  askCurrent?: boolean;
  submitLabel: string;
  /** The account's e-mail, for password managers (a hidden username field). */
  username?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.username ? (
        <input type="text" name="username" autoComplete="username" value={props.username} readOnly hidden />
      ) : null}
      <FormMessage message={state.message} ok={state.ok} fieldErrors={state.fieldErrors} />
      {props.askCurrent ? (
        <TextField
          name="currentPassword"
          label="Password attuale"
          type="password"
          autoComplete="current-password"
          required
          errors={err("currentPassword")}
        />
      ) : null}
      <TextField
        name="password"
        label="Nuova password"
        type="password"
        autoComplete="new-password"
        required
        hint="Almeno 12 caratteri. Una frase facile da ricordare va benissimo; evita password comuni e il tuo indirizzo email."
        errors={err("password")}
      />
      <TextField
        name="passwordConfirm"
        label="Conferma la nuova password"
        type="password"
        autoComplete="new-password"
        required
        errors={err("passwordConfirm")}
      />
      <SubmitButton label={props.submitLabel} pending={pending} />
    </form>
  );
}
