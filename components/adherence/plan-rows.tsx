// The rows an envelope-and-indicators form repeats — a local plan (components/adherence/plan-form.tsx) and a
// stream of the programme plan (components/programme/stream-form.tsx): the saved values as the flat field
// names the server reads back ("envelope.0.year"…), and the two fieldsets that show them.
import { TextField } from "@/components/ui/form-fields";

export type EnvelopeRow = { year: number; amount: string };
export type IndicatorRow = {
  name: string;
  unit: string;
  baseline: string | null;
  target: string | null;
  year: number;
};

/** Blank rows offered after the saved ones. */
export const EXTRA_ROWS = 2;

const it = (v: string | null) => (v === null ? "" : v.replace(".", ","));

type Field = (name: string) => { name: string; defaultValue: string; errors?: string[] };

/** `rows` envelope rows as flat fields, the saved ones filled. */
export function envelopeValues(saved: EnvelopeRow[], rows: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    const r = saved[i];
    out[`envelope.${i}.year`] = r ? String(r.year) : "";
    out[`envelope.${i}.amount`] = r ? it(r.amount) : "";
  }
  return out;
}

/** `rows` indicator rows under `name` ("indicators", "targets") as flat fields, the saved ones filled. */
export function indicatorValues(name: string, saved: IndicatorRow[], rows: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    const r = saved[i];
    out[`${name}.${i}.name`] = r?.name ?? "";
    out[`${name}.${i}.unit`] = r?.unit ?? "";
    out[`${name}.${i}.baseline`] = r ? it(r.baseline) : "";
    out[`${name}.${i}.target`] = r ? it(r.target) : "";
    out[`${name}.${i}.year`] = r ? String(r.year) : "";
  }
  return out;
}

function ListError(props: { errors?: string[] }) {
  return props.errors ? <p className="text-sm text-red-800">{props.errors.join(" ")}</p> : null;
}

/** The envelope per year: a year and an amount per row. */
export function EnvelopeFieldset(props: {
  legend: string;
  rows: number;
  field: Field;
  errors?: string[];
  amountHint: string;
}) {
  const { field } = props;
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold">{props.legend}</legend>
      <ListError errors={props.errors} />
      {Array.from({ length: props.rows }, (_, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-2">
          <TextField {...field(`envelope.${i}.year`)} label={`Anno (riga ${i + 1})`} inputMode="numeric" />
          <TextField
            {...field(`envelope.${i}.amount`)}
            label={`Importo in euro (riga ${i + 1})`}
            inputMode="decimal"
            hint={props.amountHint}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** Indicators with baseline, target and the target's year, under the field name `name`. */
export function IndicatorFieldset(props: {
  legend: string;
  name: string;
  rows: number;
  field: Field;
  errors?: string[];
}) {
  const { field, name } = props;
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold">{props.legend}</legend>
      <ListError errors={props.errors} />
      {Array.from({ length: props.rows }, (_, i) => (
        <div key={i} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <TextField
            {...field(`${name}.${i}.name`)}
            label={`Indicatore ${i + 1}`}
            className="lg:col-span-2"
          />
          <TextField {...field(`${name}.${i}.unit`)} label={`Unità di misura (indicatore ${i + 1})`} />
          <TextField
            {...field(`${name}.${i}.baseline`)}
            label={`Valore di partenza (${i + 1})`}
            inputMode="decimal"
          />
          <TextField {...field(`${name}.${i}.target`)} label={`Obiettivo (${i + 1})`} inputMode="decimal" />
          <TextField
            {...field(`${name}.${i}.year`)}
            label={`Anno dell'obiettivo (${i + 1})`}
            inputMode="numeric"
          />
        </div>
      ))}
    </fieldset>
  );
}
