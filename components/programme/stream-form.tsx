"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Envelope = { year: number; amount: string };
type Target = { name: string; unit: string; baseline: string | null; target: string | null; year: number };
export type StreamSaved = { envelope: Envelope[]; targets: Target[] };

const EXTRA_ROWS = 2;
const it = (v: string | null) => (v === null ? "" : v.replace(".", ","));

function flatten(saved: StreamSaved, rows: { envelope: number; targets: number }) {
  const out: Record<string, string> = {};
  for (let i = 0; i < rows.envelope; i++) {
    const r = saved.envelope[i];
    out[`envelope.${i}.year`] = r ? String(r.year) : "";
    out[`envelope.${i}.amount`] = r ? it(r.amount) : "";
  }
  for (let i = 0; i < rows.targets; i++) {
    const r = saved.targets[i];
    out[`targets.${i}.name`] = r?.name ?? "";
    out[`targets.${i}.unit`] = r?.unit ?? "";
    out[`targets.${i}.baseline`] = r ? it(r.baseline) : "";
    out[`targets.${i}.target`] = r ? it(r.target) : "";
    out[`targets.${i}.year`] = r ? String(r.year) : "";
  }
  return out;
}

/** The programme's envelope per year and targets for one stream of one phase (the coordinator's). */
export function ProgrammeStreamForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  saved: StreamSaved;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const rows = {
    envelope: props.saved.envelope.length + EXTRA_ROWS,
    targets: props.saved.targets.length + EXTRA_ROWS,
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
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Dotazione del programma per anno</legend>
        {errors("envelope") ? <p className="text-sm text-red-800">{errors("envelope")!.join(" ")}</p> : null}
        {Array.from({ length: rows.envelope }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2">
            <TextField {...field(`envelope.${i}.year`)} label={`Anno (riga ${i + 1})`} inputMode="numeric" />
            <TextField
              {...field(`envelope.${i}.amount`)}
              label={`Importo in euro (riga ${i + 1})`}
              inputMode="decimal"
              hint="Ad esempio 1.500.000,00"
            />
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Obiettivi (indicatori)</legend>
        {errors("targets") ? <p className="text-sm text-red-800">{errors("targets")!.join(" ")}</p> : null}
        {Array.from({ length: rows.targets }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
            <TextField
              {...field(`targets.${i}.name`)}
              label={`Indicatore ${i + 1}`}
              className="lg:col-span-2"
            />
            <TextField {...field(`targets.${i}.unit`)} label={`Unità di misura (indicatore ${i + 1})`} />
            <TextField
              {...field(`targets.${i}.baseline`)}
              label={`Valore di partenza (${i + 1})`}
              inputMode="decimal"
            />
            <TextField {...field(`targets.${i}.target`)} label={`Obiettivo (${i + 1})`} inputMode="decimal" />
            <TextField
              {...field(`targets.${i}.year`)}
              label={`Anno dell'obiettivo (${i + 1})`}
              inputMode="numeric"
            />
          </div>
        ))}
      </fieldset>
      <SubmitButton label="Salva dotazione e obiettivi" pending={pending} />
    </ActionForm>
  );
}
