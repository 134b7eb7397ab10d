"use client";

// The officer's form for a project's eight phases: one fieldset per phase (planned and actual start/end,
// note), each with the version read; messages next to the field they concern.
import { useActionState } from "react";
import { ActionForm, bindFields, DateField, SubmitButton, TextField } from "@/components/ui/form-fields";
import { formatIsoDate } from "@/lib/format/phases";
import type { PhaseView } from "@/lib/phases/phases";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

export function PhaseForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  istat: string;
  projectId: string;
  phases: PhaseView[];
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const saved: Record<string, string> = {};
  for (const p of props.phases) {
    for (const f of ["plannedStart", "plannedEnd", "actualStart", "actualEnd"] as const)
      saved[`${p.kind}.${f}`] = p[f] ? formatIsoDate(p[f]) : "";
    saved[`${p.kind}.note`] = p.note;
  }
  const { field } = bindFields<Record<string, string>>(state, saved);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-6"
      hidden={{ istat: props.istat, projectId: props.projectId }}
      reloadHref={props.reloadHref}
    >
      <p className="text-sm text-slate-700">
        Le date effettive non possono essere nel futuro; la fine non precede l&apos;inizio. Le fasi possono
        sovrapporsi: la pagina dell&apos;intervento lo segnala. Una fase lasciata vuota non viene registrata.
      </p>
      {props.phases.map((p) => (
        <fieldset key={p.kind} className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{p.label}</legend>
          <input type="hidden" name={`${p.kind}.version`} value={String(p.version)} />
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <DateField {...field(`${p.kind}.plannedStart`)} label="Inizio previsto" />
            <DateField {...field(`${p.kind}.plannedEnd`)} label="Fine prevista" />
            <DateField {...field(`${p.kind}.actualStart`)} label="Inizio effettivo" />
            <DateField {...field(`${p.kind}.actualEnd`)} label="Fine effettiva" />
          </div>
          <TextField {...field(`${p.kind}.note`)} label="Note" className="mt-3" />
        </fieldset>
      ))}
      <SubmitButton label="Salva le fasi" pending={pending} />
    </ActionForm>
  );
}
