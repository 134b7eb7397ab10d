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
  id?: string;
  version?: number;
  code: string;
  name: string;
  description: string;
  theme: string;
  pnrrMission: string | null;
  values: string[];
};

/** Create or edit a stream ("filone di intervento"). */
export function StreamForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  saved: Saved;
  themes: Option[];
  missions: Option[];
  values: Option[];
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
      hidden={{ id: s.id, version: s.version }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <TextField {...field("code")} label="Codice" required hint="Ad esempio SL-11" />
        <TextField {...field("name")} label="Nome" required className="md:col-span-2" />
      </div>
      <TextAreaField {...field("description")} label="Descrizione" />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          {...field("theme")}
          label="Tema OpenCoesione"
          required
          placeholder="— Scegli —"
          options={props.themes}
        />
        <SelectField
          {...field("pnrrMission")}
          label="Missione PNRR"
          placeholder="— Nessuna —"
          options={props.missions}
        />
      </div>
      <CheckboxGroup
        {...list("values")}
        label="Valori del programma"
        legend="Valori del programma (almeno uno)"
        options={props.values}
      />
      <SubmitButton label={props.submitLabel} pending={pending} />
    </ActionForm>
  );
}
