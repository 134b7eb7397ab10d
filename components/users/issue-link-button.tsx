"use client";

import { useActionState } from "react";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import { INITIAL_FORM_STATE } from "@/lib/validation/form-state";
import { IssuedLinkPanel, type IssuedLinkState } from "./issued-link";

/** A confirmed one-button action that issues a one-time link and then shows it (once). */
export function IssueLinkButton(props: {
  action: (state: IssuedLinkState, formData: FormData) => Promise<IssuedLinkState>;
  fields: Record<string, string>;
  label: string;
  confirm: string;
  recipient: string;
}) {
  const [state, formAction, pending] = useActionState<IssuedLinkState, FormData>(
    props.action,
    INITIAL_FORM_STATE,
  );
  const { onSubmit, dialog } = useConfirmedSubmit(props.confirm, props.label);
  return (
    <div className="space-y-3">
      <form action={formAction} onSubmit={onSubmit}>
        {dialog}
        {Object.entries(props.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
        >
          {props.label}
        </button>
      </form>
      {state.message && !state.ok ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {state.ok ? <IssuedLinkPanel state={state} recipient={props.recipient} /> : null}
    </div>
  );
}
