"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextAreaField, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";
import {
  envelopeValues,
  EnvelopeFieldset,
  EXTRA_ROWS,
  IndicatorFieldset,
  indicatorValues,
  type EnvelopeRow,
  type IndicatorRow,
} from "./plan-rows";

export type PlanFormSaved = {
  objectives: string;
  envelope: EnvelopeRow[];
  indicators: IndicatorRow[];
  contactName: string;
  contactRole: string;
  contactEmail: string;
};

/** The officer's local plan: objectives, the envelope per year, the indicators, the office's contact. */
export function PlanForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  saved: PlanFormSaved;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const rows = {
    envelope: props.saved.envelope.length + EXTRA_ROWS,
    indicators: props.saved.indicators.length + EXTRA_ROWS,
  };
  const { field } = bindFields<Record<string, string>>(state, {
    objectives: props.saved.objectives,
    contactName: props.saved.contactName,
    contactRole: props.saved.contactRole,
    contactEmail: props.saved.contactEmail,
    ...envelopeValues(props.saved.envelope, rows.envelope),
    ...indicatorValues("indicators", props.saved.indicators, rows.indicators),
  });
  const errors = (name: string) => state.fieldErrors?.[name];
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-6"
      hidden={props.hidden}
      reloadHref={props.reloadHref}
    >
      <TextAreaField {...field("objectives")} label="Obiettivi" rows={5} hint="Richiesti per l'invio." />
      <EnvelopeFieldset
        legend="Dotazione prevista per anno"
        rows={rows.envelope}
        field={field}
        errors={errors("envelope")}
        amountHint="Ad esempio 150.000,00"
      />
      <IndicatorFieldset
        legend="Indicatori"
        name="indicators"
        rows={rows.indicators}
        field={field}
        errors={errors("indicators")}
      />
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Referente dell&apos;ufficio</legend>
        <p className="text-xs text-slate-600">
          Dati personali: visibili solo al comune e alla regione, mai pubblicati.
        </p>
        <div className="grid gap-3 md:grid-cols-3">
          <TextField {...field("contactName")} label="Nome e cognome" autoComplete="off" />
          <TextField {...field("contactRole")} label="Ruolo" />
          <TextField
            {...field("contactEmail")}
            label="Email dell'ufficio"
            type="email"
            hint="Richiesta per l'invio."
          />
        </div>
      </fieldset>
      <SubmitButton label="Salva la bozza" pending={pending} />
    </ActionForm>
  );
}
