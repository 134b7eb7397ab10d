"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/** One button that posts a few hidden fields to a server action and shows its answer next to it. */
export function ActionButton(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  variant?: "primary" | "danger" | "secondary";
  confirm?: string;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  return (
    <form
      action={formAction}
      className="space-y-2"
      onSubmit={(e) => {
        if (props.confirm && !window.confirm(props.confirm)) e.preventDefault();
      }}
    >
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage
        message={state.message}
        ok={state.ok}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      <SubmitButton label={props.label} pending={pending} variant={props.variant} />
    </form>
  );
}
