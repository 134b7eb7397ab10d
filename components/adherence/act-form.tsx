"use client";

import { useActionState } from "react";
import {
  ActionForm,
  bindFields,
  DateField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/ui/form-fields";
import { ADHERENCE_ACT_KIND_LABELS } from "@/lib/format";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

const KINDS = Object.entries(ADHERENCE_ACT_KIND_LABELS).map(([value, label]) => ({ value, label }));

type Saved = { actKind: string; actNumber: string; actDate: string; note: string };

/** The comune's act of adherence to one Smart Land: record it, or correct it (optimistic version). */
export function ActForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  istat: string;
  slug: string;
  version: number;
  saved: Saved;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields(state, props.saved);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-4"
      hidden={{ istat: props.istat, slug: props.slug, version: String(props.version) }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          {...field("actKind")}
          label="Tipo di atto"
          required
          placeholder="— Scegli —"
          options={KINDS}
        />
        <TextField {...field("actNumber")} label="Numero dell'atto" required />
        <DateField {...field("actDate")} label="Data dell'atto" required />
      </div>
      <TextAreaField {...field("note")} label="Note" rows={2} />
      <SubmitButton label={props.version ? "Salva l'atto" : "Registra l'adesione"} pending={pending} />
    </ActionForm>
  );
}
