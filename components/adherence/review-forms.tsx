"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextAreaField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/** The coordinator returns a submitted plan with a comment the comune will see (required). */
export function ReturnForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields<{ comment: string }>(state, { comment: "" });
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-3"
      hidden={props.hidden}
      reloadHref={props.reloadHref}
    >
      <TextAreaField {...field("comment")} label="Osservazioni per il comune" required rows={3} />
      <SubmitButton label="Restituisci il piano" pending={pending} variant="secondary" />
    </ActionForm>
  );
}
