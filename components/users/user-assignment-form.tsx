"use client";

import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, shown, type FormState } from "@/lib/validation/form-state";

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
  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <form key={JSON.stringify(state.values ?? {})} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={props.id} />
      <input type="hidden" name="version" value={props.version} />
      <FormMessage
        message={state.message}
        ok={state.ok}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          name="role"
          label="Ruolo"
          required
          options={props.roles}
          defaultValue={shown(state, "role", props.role)}
          errors={err("role")}
        />
        <SelectField
          name="comuneIstat"
          label="Comune"
          hint="Solo per i referenti comunali."
          placeholder="— Nessuno —"
          options={props.comuni}
          defaultValue={shown(state, "comuneIstat", props.comuneIstat)}
          errors={err("comuneIstat")}
        />
      </div>
      <SubmitButton label="Salva ruolo e comune" pending={pending} />
    </form>
  );
}
