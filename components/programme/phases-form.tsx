"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton, TextField } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

export type PhaseSaved = { name: string; startYear: number | null; endYear: number | null };

const EXTRA_ROWS = 1;

/** The coordinator's phases of the programme ("Fase 1", "Fase 2"…), in order; a blank row is no phase. */
export function PhasesForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  saved: PhaseSaved[];
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const rows = props.saved.length + EXTRA_ROWS;
  const flat: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    const p = props.saved[i];
    flat[`phases.${i}.name`] = p?.name ?? "";
    flat[`phases.${i}.startYear`] = p?.startYear == null ? "" : String(p.startYear);
    flat[`phases.${i}.endYear`] = p?.endYear == null ? "" : String(p.endYear);
  }
  const { field } = bindFields<Record<string, string>>(state, flat);
  const listError = state.fieldErrors?.phases;
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-4"
      hidden={props.hidden}
      reloadHref={props.reloadHref}
    >
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Fasi del programma</legend>
        <p className="text-xs text-slate-600">
          Lascia vuota una riga per eliminarla: la fase perde anche le sue dotazioni e i suoi obiettivi.
        </p>
        {listError ? <p className="text-sm text-red-800">{listError.join(" ")}</p> : null}
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-3">
            <TextField {...field(`phases.${i}.name`)} label={`Nome della fase ${i + 1}`} />
            <TextField
              {...field(`phases.${i}.startYear`)}
              label={`Anno di inizio (fase ${i + 1})`}
              inputMode="numeric"
            />
            <TextField
              {...field(`phases.${i}.endYear`)}
              label={`Anno di fine (fase ${i + 1})`}
              inputMode="numeric"
            />
          </div>
        ))}
      </fieldset>
      <SubmitButton label="Salva le fasi" pending={pending} />
    </ActionForm>
  );
}
