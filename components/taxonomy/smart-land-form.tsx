"use client";

import { useActionState } from "react";
import {
  ActionForm,
  bindFields,
  CheckboxGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Option = { value: string; label: string };
type Saved = {
  slug?: string;
  version?: number;
  name: string;
  phase: string;
  description: string;
  members: string[];
  leadIstat: string | null;
};

/** Create or edit a Smart Land: name, phase, description, member comuni and the lead comune. */
export function SmartLandForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  saved: Saved;
  comuni: Option[];
  submitLabel: string;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const s = props.saved;
  const { field, list } = bindFields(state, s);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-4"
      hidden={{ slug: s.slug, version: s.version }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          {...field("name")}
          label="Nome"
          required
          className="md:col-span-2"
          hint="L'indirizzo della pagina deriva dal nome."
        />
        <TextField {...field("phase")} label="Fase" required hint="Ad esempio «Fase 1»" />
      </div>
      <TextAreaField {...field("description")} label="Descrizione" />
      <CheckboxGroup
        {...list("members")}
        label="Comuni"
        legend="Comuni della Smart Land (solo comuni aderenti al programma)"
        className="max-h-96 overflow-y-auto rounded-md border border-slate-300 p-3"
        options={props.comuni}
      />
      <SelectField
        {...field("leadIstat")}
        label="Comune capofila"
        hint="Deve essere uno dei comuni scelti sopra."
        placeholder="— Nessuno —"
        options={props.comuni}
      />
      <SubmitButton label={props.submitLabel} pending={pending} />
    </ActionForm>
  );
}
