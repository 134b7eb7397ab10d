"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/** «Password dimenticata?»: the address, and one neutral answer. */
export function ForgotPasswordForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields(state);
  return (
    <ActionForm state={state} action={formAction} className="space-y-4">
      <TextField {...field("email")} label="Email" type="email" autoComplete="email" required />
      <SubmitButton label="Invia il link" pending={pending} />
    </ActionForm>
  );
}
