"use client";

import { useActionState } from "react";
import { ActionForm, bindFields, SubmitButton } from "@/components/ui/form-fields";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";
import {
  envelopeValues,
  EnvelopeFieldset,
  EXTRA_ROWS,
  IndicatorFieldset,
  indicatorValues,
  type EnvelopeRow,
  type IndicatorRow,
} from "@/components/adherence/plan-rows";

export type StreamSaved = { envelope: EnvelopeRow[]; targets: IndicatorRow[] };

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
  const { field } = bindFields<Record<string, string>>(state, {
    ...envelopeValues(props.saved.envelope, rows.envelope),
    ...indicatorValues("targets", props.saved.targets, rows.targets),
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
      <EnvelopeFieldset
        legend="Dotazione del programma per anno"
        rows={rows.envelope}
        field={field}
        errors={errors("envelope")}
        amountHint="Ad esempio 1.500.000,00"
      />
      <IndicatorFieldset
        legend="Obiettivi (indicatori)"
        name="targets"
        rows={rows.targets}
        field={field}
        errors={errors("targets")}
      />
      <SubmitButton label="Salva dotazione e obiettivi" pending={pending} />
    </ActionForm>
  );
}
