"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextAreaField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

/**
 * The coordinator returns a submission: a note for the comune (required) and, optionally, a note on each
 * project, which the officer sees beside the project in the checklist.
 */
export function ReturnSubmissionForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  reloadHref: string;
  projects: { projectId: string; title: string }[];
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields<Record<string, string>>(state, {});
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-3"
      hidden={props.hidden}
      reloadHref={props.reloadHref}
    >
      <TextAreaField {...field("note")} label="Osservazioni per il comune" required rows={3} />
      <details className="rounded-md border border-slate-200 bg-white p-3">
        <summary className="cursor-pointer text-sm font-medium">
          Osservazioni sui singoli interventi (facoltative)
        </summary>
        <div className="mt-3 space-y-3">
          {props.projects.map((p) => (
            <TextAreaField
              key={p.projectId}
              {...field(`nota.${p.projectId}`)}
              label={`Osservazioni su «${p.title}»`}
              rows={2}
            />
          ))}
        </div>
      </details>
      <SubmitButton label="Restituisci con osservazioni" pending={pending} variant="secondary" />
    </ActionForm>
  );
}
