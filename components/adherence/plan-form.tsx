"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextAreaField, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Envelope = { year: number; amount: string };
type Indicator = { name: string; unit: string; baseline: string | null; target: string | null; year: number };
export type PlanFormSaved = {
  objectives: string;
  envelope: Envelope[];
  indicators: Indicator[];
  contactName: string;
  contactRole: string;
  contactEmail: string;
};

const EXTRA_ROWS = 2;
const it = (v: string | null) => (v === null ? "" : v.replace(".", ","));

/** The saved plan as the form's flat fields ("envelope.0.year"…): the names the server reads back. */
function flatten(saved: PlanFormSaved, rows: { envelope: number; indicators: number }) {
  const out: Record<string, string> = {
    objectives: saved.objectives,
    contactName: saved.contactName,
    contactRole: saved.contactRole,
    contactEmail: saved.contactEmail,
  };
  for (let i = 0; i < rows.envelope; i++) {
    const r = saved.envelope[i];
    out[`envelope.${i}.year`] = r ? String(r.year) : "";
    out[`envelope.${i}.amount`] = r ? it(r.amount) : "";
  }
  for (let i = 0; i < rows.indicators; i++) {
    const r = saved.indicators[i];
    out[`indicators.${i}.name`] = r?.name ?? "";
    out[`indicators.${i}.unit`] = r?.unit ?? "";
    out[`indicators.${i}.baseline`] = r ? it(r.baseline) : "";
    out[`indicators.${i}.target`] = r ? it(r.target) : "";
    out[`indicators.${i}.year`] = r ? String(r.year) : "";
  }
  return out;
}

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
  const { field } = bindFields<Record<string, string>>(state, flatten(props.saved, rows));
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
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Dotazione prevista per anno</legend>
        {errors("envelope") ? <p className="text-sm text-red-800">{errors("envelope")!.join(" ")}</p> : null}
        {Array.from({ length: rows.envelope }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2">
            <TextField {...field(`envelope.${i}.year`)} label={`Anno (riga ${i + 1})`} inputMode="numeric" />
            <TextField
              {...field(`envelope.${i}.amount`)}
              label={`Importo in euro (riga ${i + 1})`}
              inputMode="decimal"
              hint="Ad esempio 150.000,00"
            />
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Indicatori</legend>
        {errors("indicators") ? (
          <p className="text-sm text-red-800">{errors("indicators")!.join(" ")}</p>
        ) : null}
        {Array.from({ length: rows.indicators }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
            <TextField
              {...field(`indicators.${i}.name`)}
              label={`Indicatore ${i + 1}`}
              className="lg:col-span-2"
            />
            <TextField {...field(`indicators.${i}.unit`)} label={`Unità di misura (indicatore ${i + 1})`} />
            <TextField
              {...field(`indicators.${i}.baseline`)}
              label={`Valore di partenza (${i + 1})`}
              inputMode="decimal"
            />
            <TextField
              {...field(`indicators.${i}.target`)}
              label={`Obiettivo (${i + 1})`}
              inputMode="decimal"
            />
            <TextField
              {...field(`indicators.${i}.year`)}
              label={`Anno dell'obiettivo (${i + 1})`}
              inputMode="numeric"
            />
          </div>
        ))}
      </fieldset>
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
