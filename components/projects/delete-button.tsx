"use client";

import { useActionState } from "react";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/** A one-button form posting hidden fields to a server action, with a confirmation and an error message. */
export function ActionButton(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  accessibleLabel?: string;
  confirm?: string;
  variant?: "danger" | "secondary" | "link";
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const style =
    props.variant === "danger"
      ? "rounded-md bg-red-700 px-3 py-1.5 text-sm text-white hover:bg-red-800"
      : props.variant === "link"
        ? "text-sm text-red-800 underline"
        : "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  return (
    <form
      action={formAction}
      className="inline"
      onSubmit={(e) => {
        if (props.confirm && !window.confirm(props.confirm)) e.preventDefault();
      }}
    >
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={style} aria-label={props.accessibleLabel}>
        {props.label}
      </button>
      {state.message && !state.ok ? (
        <span role="alert" className="ml-2 text-sm text-red-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
