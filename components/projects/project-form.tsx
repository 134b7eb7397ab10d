"use client";

import { useActionState } from "react";
import {
  ActionForm,
  bindFields,
  CheckboxGroup,
  DateField,
  MoneyField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/ui/form-fields";
import { HEALTH_LABELS, HEALTHS, PROJECT_STATUSES, STATUS_LABELS } from "@/lib/format";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

export type ProjectFormValues = {
  id?: string;
  version?: number;
  streamId: string;
  title: string;
  summary: string;
  cup: string;
  localCode: string;
  totalCost: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  status: string;
  health: string;
  progress: string;
  smartLandId: string;
  partnerIstat: string[];
};

type Option = { value: string; label: string };

export function ProjectForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  saved: ProjectFormValues;
  streams: Option[];
  smartLands: Option[];
  partnerOptions: Option[];
  cancelHref: string;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const s = props.saved;
  const { field, list } = bindFields(state, s);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-6"
      hidden={{ id: s.id, version: s.version }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <TextField {...field("title")} label="Titolo" required className="md:col-span-2" />
        <SelectField
          {...field("streamId")}
          label="Filone di intervento"
          required
          placeholder="— Scegli —"
          options={props.streams}
        />
        <SelectField
          {...field("smartLandId")}
          label="Smart Land"
          placeholder="Nessuna"
          options={props.smartLands}
        />
        <TextAreaField {...field("summary")} label="Descrizione" className="md:col-span-2" />
        <TextField {...field("cup")} label="CUP" hint="15 caratteri, ad esempio J71B19000120004" />
        <TextField {...field("localCode")} label="Codice locale" />
        <MoneyField {...field("totalCost")} label="Costo totale" required />
        <TextField {...field("progress")} label="Avanzamento (%)" inputMode="numeric" />
        <DateField {...field("plannedStart")} label="Inizio previsto" />
        <DateField {...field("plannedEnd")} label="Fine prevista" />
        <DateField {...field("actualStart")} label="Inizio effettivo" />
        <DateField {...field("actualEnd")} label="Fine effettiva" />
        <SelectField
          {...field("status")}
          label="Stato procedurale"
          options={PROJECT_STATUSES.map((x) => ({ value: x, label: STATUS_LABELS[x] }))}
        />
        <SelectField
          {...field("health")}
          label="Andamento"
          options={HEALTHS.map((x) => ({ value: x, label: HEALTH_LABELS[x] }))}
        />
        {props.partnerOptions.length ? (
          <CheckboxGroup
            {...list("partnerIstat")}
            label="Comuni partner"
            legend="Comuni partner (intervento intercomunale: i partner lo vedono in sola lettura)"
            options={props.partnerOptions}
            className="md:col-span-2"
          />
        ) : null}
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton label={s.id ? "Salva le modifiche" : "Crea l'intervento"} pending={pending} />
        <a href={props.cancelHref}>Annulla</a>
      </div>
    </ActionForm>
  );
}
