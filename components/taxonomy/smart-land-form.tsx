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
  const err = (name: string) => state.fieldErrors?.[name];
  const s = props.saved;
  return (
    <form key={JSON.stringify(state.values ?? {})} action={formAction} className="space-y-4" noValidate>
      {s.slug ? <input type="hidden" name="slug" value={s.slug} /> : null}
      {s.version ? <input type="hidden" name="version" value={s.version} /> : null}
      <FormMessage
        message={state.message}
        ok={state.ok}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          name="name"
          label="Nome"
          required
          className="md:col-span-2"
          hint="L'indirizzo della pagina deriva dal nome."
          defaultValue={shown(state, "name", s.name)}
          errors={err("name")}
        />
        <TextField
          name="phase"
          label="Fase"
          required
          hint="Ad esempio «Fase 1»"
          defaultValue={shown(state, "phase", s.phase)}
          errors={err("phase")}
        />
      </div>
      <TextAreaField
        name="description"
        label="Descrizione"
        defaultValue={shown(state, "description", s.description)}
        errors={err("description")}
      />
      <CheckboxGroup
        name="members"
        label="Comuni"
        legend="Comuni della Smart Land (solo comuni aderenti al programma)"
        className="max-h-96 overflow-y-auto rounded-md border border-slate-300 p-3"
        options={props.comuni}
        defaultValues={shownList(state, "members", s.members)}
        errors={err("members")}
      />
      <SelectField
        name="leadIstat"
        label="Comune capofila"
        hint="Deve essere uno dei comuni scelti sopra."
        placeholder="— Nessuno —"
        options={props.comuni}
        defaultValue={shown(state, "leadIstat", s.leadIstat)}
        errors={err("leadIstat")}
      />
      <SubmitButton label={props.submitLabel} pending={pending} />
    </form>
  );
}
