"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SelectField, SubmitButton } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Option = { value: string; label: string };

/** Role and comune of an existing user (optimistic locking through `version`). */
export function UserAssignmentForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  id: string;
  version: number;
  role: string;
  comuneIstat: string | null;
  roles: Option[];
  comuni: Option[];
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields(state, { role: props.role, comuneIstat: props.comuneIstat });
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-4"
      hidden={{ id: props.id, version: props.version }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField {...field("role")} label="Ruolo" required options={props.roles} />
        <SelectField
          {...field("comuneIstat")}
          label="Comune"
          hint="Solo per i referenti comunali."
          placeholder="— Nessuno —"
          options={props.comuni}
        />
      </div>
      <SubmitButton label="Salva ruolo e comune" pending={pending} />
    </ActionForm>
  );
}
