"use client";

import { useActionState } from "react";
import {
  ActionForm,
  bindFields,
  CheckboxGroup,
  DateField,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/ui/form-fields";
import { ROUND_ITEM_LABELS } from "@/lib/format/rounds";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Fields = {
  title: string;
  smartLand: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  items: string[];
};

/** «Apri una rilevazione»: title, the comuni involved, reference period, due date, what must be updated. */
export function OpenRoundForm(props: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  smartLands: { slug: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_FORM_STATE);
  const items = Object.keys(ROUND_ITEM_LABELS);
  const { field, list } = bindFields<Fields>(state, {
    title: "",
    smartLand: "",
    periodStart: "",
    periodEnd: "",
    dueDate: "",
    items,
  });
  return (
    <ActionForm state={state} action={formAction} className="grid max-w-3xl gap-4 sm:grid-cols-2">
      <TextField {...field("title")} label="Titolo" required className="sm:col-span-2" />
      <SelectField
        {...field("smartLand")}
        label="Comuni coinvolti"
        className="sm:col-span-2"
        placeholder="Tutti i comuni aderenti alle Smart Land"
        options={props.smartLands.map((s) => ({ value: s.slug, label: `Smart Land ${s.name}` }))}
      />
      <DateField {...field("periodStart")} label="Inizio del periodo di riferimento" required />
      <DateField {...field("periodEnd")} label="Fine del periodo di riferimento" required />
      <DateField {...field("dueDate")} label="Scadenza" required />
      <CheckboxGroup
        {...list("items")}
        label="Da aggiornare"
        legend="Cosa i comuni devono aggiornare"
        className="sm:col-span-2"
        options={items.map((value) => ({ value, label: ROUND_ITEM_LABELS[value] }))}
      />
      <div className="sm:col-span-2">
        <SubmitButton label="Apri la rilevazione" pending={pending} />
      </div>
    </ActionForm>
  );
}
