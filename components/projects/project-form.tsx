"use client";

import { useActionState } from "react";
import {
  CheckboxGroup,
  DateField,
  FormMessage,
  MoneyField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/ui/form-fields";
import { HEALTH_LABELS, HEALTHS, PROJECT_STATUSES, STATUS_LABELS } from "@/lib/format";
import { INITIAL_FORM_STATE, shown, shownList, type FormState } from "@/lib/validation/form-state";

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
  const err = (name: string) => state.fieldErrors?.[name];
  const v = (name: keyof ProjectFormValues) => shown(state, name, s[name] as string);
  // Remount with the submitted values after every answer: React resets a form after its action runs.
  const formKey = JSON.stringify(state.values ?? {});
  return (
    <form key={formKey} action={formAction} className="space-y-6" noValidate>
      {s.id ? <input type="hidden" name="id" value={s.id} /> : null}
      {s.version ? <input type="hidden" name="version" value={s.version} /> : null}
      <FormMessage
        message={state.message}
        ok={state.ok}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="title"
          label="Titolo"
          required
          defaultValue={v("title")}
          errors={err("title")}
          className="md:col-span-2"
        />
        <SelectField
          name="streamId"
          label="Filone di intervento"
          required
          placeholder="— Scegli —"
          options={props.streams}
          defaultValue={v("streamId")}
          errors={err("streamId")}
        />
        <SelectField
          name="smartLandId"
          label="Smart Land"
          placeholder="Nessuna"
          options={props.smartLands}
          defaultValue={v("smartLandId")}
          errors={err("smartLandId")}
        />
        <TextAreaField
          name="summary"
          label="Descrizione"
          defaultValue={v("summary")}
          errors={err("summary")}
          className="md:col-span-2"
        />
        <TextField
          name="cup"
          label="CUP"
          hint="15 caratteri, ad esempio J71B19000120004"
          defaultValue={v("cup")}
          errors={err("cup")}
        />
        <TextField
          name="localCode"
          label="Codice locale"
          defaultValue={v("localCode")}
          errors={err("localCode")}
        />
        <MoneyField
          name="totalCost"
          label="Costo totale"
          required
          defaultValue={v("totalCost")}
          errors={err("totalCost")}
        />
        <TextField
          name="progress"
          label="Avanzamento (%)"
          inputMode="numeric"
          defaultValue={v("progress")}
          errors={err("progress")}
        />
        <DateField
          name="plannedStart"
          label="Inizio previsto"
          defaultValue={v("plannedStart")}
          errors={err("plannedStart")}
        />
        <DateField
          name="plannedEnd"
          label="Fine prevista"
          defaultValue={v("plannedEnd")}
          errors={err("plannedEnd")}
        />
        <DateField
          name="actualStart"
          label="Inizio effettivo"
          defaultValue={v("actualStart")}
          errors={err("actualStart")}
        />
        <DateField
          name="actualEnd"
          label="Fine effettiva"
          defaultValue={v("actualEnd")}
          errors={err("actualEnd")}
        />
        <SelectField
          name="status"
          label="Stato procedurale"
          options={PROJECT_STATUSES.map((x) => ({ value: x, label: STATUS_LABELS[x] }))}
          defaultValue={v("status")}
          errors={err("status")}
        />
        <SelectField
          name="health"
          label="Andamento"
          options={HEALTHS.map((x) => ({ value: x, label: HEALTH_LABELS[x] }))}
          defaultValue={v("health")}
          errors={err("health")}
        />
        {props.partnerOptions.length ? (
          <CheckboxGroup
            name="partnerIstat"
            label="Comuni partner"
            legend="Comuni partner (intervento intercomunale: i partner lo vedono in sola lettura)"
            options={props.partnerOptions}
            defaultValues={shownList(state, "partnerIstat", s.partnerIstat)}
            errors={err("partnerIstat")}
            className="md:col-span-2"
          />
        ) : null}
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton label={s.id ? "Salva le modifiche" : "Crea l'intervento"} pending={pending} />
        <a href={props.cancelHref}>Annulla</a>
      </div>
    </form>
  );
}
