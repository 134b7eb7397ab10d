"use client";

import { useActionState } from "react";
import { useConfirmedSubmit } from "@/components/ui/confirm-dialog";
import { FormMessage, SubmitButton } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  /** Asked in an accessible confirmation dialog before posting. */
  confirm?: string;
  /**
   * A page-level action (archive, suspend, revoke) that may meet a concurrent edit: the answer is shown
   * above a full-size button, with a reload link on a conflict. Without it the button is a compact one in a
   * row or a line of text (delete a funding line, restore a project) and a refusal is shown beside it.
   */
  reloadHref?: string;
  variant?: "primary" | "danger" | "secondary" | "link";
  /** Compact buttons only: a name that says which row the button acts on. */
  accessibleLabel?: string;
};

const COMPACT_STYLES = {
  danger: "rounded-md bg-red-700 px-3 py-1.5 text-sm text-white hover:bg-red-800",
  link: "text-sm text-red-800 underline",
  secondary: "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100",
};

/** One button that posts a few hidden fields to a server action and shows its answer. */
export function ActionButton(props: Props) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const compact = props.reloadHref === undefined;
  const hidden = Object.entries(props.fields).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
  const { onSubmit, dialog } = useConfirmedSubmit(props.confirm, props.label);
  if (!compact) {
    return (
      <form action={formAction} className="space-y-2" onSubmit={onSubmit}>
        {hidden}
        {dialog}
        <FormMessage
          message={state.message}
          ok={state.ok}
          reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
        />
        <SubmitButton
          label={props.label}
          pending={pending}
          variant={props.variant === "link" ? "secondary" : props.variant}
        />
      </form>
    );
  }
  const style =
    props.variant === "danger" || props.variant === "link"
      ? COMPACT_STYLES[props.variant]
      : COMPACT_STYLES.secondary;
  return (
    <form action={formAction} className="inline" onSubmit={onSubmit}>
      {hidden}
      {dialog}
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
