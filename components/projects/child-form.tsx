"use client";

import { useActionState } from "react";
import {
  ActionForm,
  bindFields,
  DateField,
  MoneyField,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/ui/form-fields";
import type { ChildPageSegment } from "@/lib/api/child-kinds";
import {
  ACTION_KIND_LABELS,
  ACTION_KINDS,
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  FUNDING_SOURCES,
  INDICATOR_THEME_LABELS,
  INDICATOR_THEMES,
  SOURCE_LABELS,
} from "@/lib/format";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

// A new kind in lib/api/child-kinds.ts fails to compile here until the form knows its fields.
const _FORM_KINDS = { risorse: true, azioni: true, indicatori: true } satisfies Record<
  ChildPageSegment,
  true
>;

/** The form of a funding line, an action or an indicator (new or edit), posted to one server action. */
export function ChildForm(props: {
  /**
   * The portal's name of the kind (the `page` segment of lib/api/child-kinds.ts): which fields it shows;
   * posted as `childKind`.
   */
  kind: ChildPageSegment;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  projectId: string;
  saved: Record<string, string> & { id?: string; version?: string };
  cancelHref: string;
  reloadHref: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const { field } = bindFields(state, props.saved);
  const { id, version } = props.saved;
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="space-y-6"
      hidden={{ childKind: props.kind, projectId: props.projectId, id, version }}
      reloadHref={props.reloadHref}
    >
      <div className="grid gap-4 md:grid-cols-2">
        {props.kind === "risorse" ? (
          <>
            <SelectField
              {...field("source")}
              label="Fonte di finanziamento"
              required
              placeholder="— Scegli —"
              options={options(FUNDING_SOURCES, SOURCE_LABELS)}
            />
            <TextField {...field("programme")} label="Programma / strumento" />
            <TextField {...field("year")} label="Anno" required inputMode="numeric" />
            <MoneyField {...field("amountPlanned")} label="Previsto" required />
            <MoneyField {...field("amountCommitted")} label="Impegnato" />
            <MoneyField {...field("amountPaid")} label="Pagato" />
          </>
        ) : null}
        {props.kind === "azioni" ? (
          <>
            <TextField {...field("title")} label="Azione" required className="md:col-span-2" />
            <SelectField
              {...field("kind")}
              label="Tipo"
              required
              placeholder="— Scegli —"
              options={options(ACTION_KINDS, ACTION_KIND_LABELS)}
            />
            <SelectField
              {...field("status")}
              label="Stato"
              options={options(ACTION_STATUSES, ACTION_STATUS_LABELS)}
            />
            <TextField {...field("owner")} label="Responsabile" />
            <TextField
              {...field("cig")}
              label="CIG"
              hint="Per le azioni di affidamento: 10 caratteri, ad esempio 8874674CA7"
            />
            <DateField {...field("dueDate")} label="Scadenza" />
            <DateField {...field("doneDate")} label="Data di completamento" />
          </>
        ) : null}
        {props.kind === "indicatori" ? (
          <>
            <TextField {...field("name")} label="Indicatore" required className="md:col-span-2" />
            <SelectField
              {...field("theme")}
              label="Tema CITYkeys"
              required
              placeholder="— Scegli —"
              options={options(INDICATOR_THEMES, INDICATOR_THEME_LABELS)}
            />
            <TextField {...field("unit")} label="Unità di misura" required />
            <TextField {...field("baseline")} label="Valore di partenza" inputMode="decimal" />
            <TextField {...field("target")} label="Obiettivo" inputMode="decimal" />
            <TextField {...field("actual")} label="Valore attuale" inputMode="decimal" />
            <TextField {...field("period")} label="Periodo di riferimento" hint="Ad esempio 2025" />
          </>
        ) : null}
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton label="Salva" pending={pending} />
        <a href={props.cancelHref}>Annulla</a>
      </div>
    </ActionForm>
  );
}
