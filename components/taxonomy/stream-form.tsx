"use client";

import { useActionState } from "react";
import {
  CheckboxGroup,
  FormMessage,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, shown, shownList, type FormState } from "@/lib/validation/form-state";

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
  const err = (name: string) => state.fieldErrors?.[name];
  const s = props.saved;
  return (
    <form key={JSON.stringify(state.values ?? {})} action={formAction} className="space-y-4" noValidate>
      {s.id ? <input type="hidden" name="id" value={s.id} /> : null}
      {s.version ? <input type="hidden" name="version" value={s.version} /> : null}
      <FormMessage
        message={state.message}
        ok={state.ok}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          name="code"
          label="Codice"
          required
          hint="Ad esempio SL-11"
          defaultValue={shown(state, "code", s.code)}
          errors={err("code")}
        />
        <TextField
          name="name"
          label="Nome"
          required
          className="md:col-span-2"
          defaultValue={shown(state, "name", s.name)}
          errors={err("name")}
        />
      </div>
      <TextAreaField
        name="description"
        label="Descrizione"
        defaultValue={shown(state, "description", s.description)}
        errors={err("description")}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          name="theme"
          label="Tema OpenCoesione"
          required
          placeholder="— Scegli —"
          options={props.themes}
          defaultValue={shown(state, "theme", s.theme)}
          errors={err("theme")}
        />
        <SelectField
          name="pnrrMission"
          label="Missione PNRR"
          placeholder="— Nessuna —"
          options={props.missions}
          defaultValue={shown(state, "pnrrMission", s.pnrrMission)}
          errors={err("pnrrMission")}
        />
      </div>
      <CheckboxGroup
        name="values"
        label="Valori del programma"
        legend="Valori del programma (almeno uno)"
        options={props.values}
        defaultValues={shownList(state, "values", s.values)}
        errors={err("values")}
      />
      <SubmitButton label={props.submitLabel} pending={pending} />
    </form>
  );
}
