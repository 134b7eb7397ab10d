import { ActionButton } from "@/components/ui/action-button";
import { Section } from "@/components/ui/section";
import type { FormState } from "@/lib/validation/form-state";
import { ReturnForm } from "./review-forms";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The workflow's next step for the actor: the officer submits a draft; the coordinator decides on a submitted plan. */
export function PlanReview(props: {
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  hidden: Record<string, string>;
  here: string;
  canSubmit: boolean;
  canReview: boolean;
  actions: { submit: Action; approve: Action; giveBack: Action };
}) {
  if (props.canSubmit && props.status === "DRAFT") {
    return (
      <Section headingId="invio" title="Invio al coordinatore">
        <p className="text-sm text-slate-700">
          Una volta inviato, il piano non si modifica finché il coordinatore non lo approva o lo restituisce.
        </p>
        <ActionButton
          action={props.actions.submit}
          fields={props.hidden}
          label="Invia il piano"
          confirm="Inviare il piano al coordinatore? Non potrai modificarlo finché non avrà deciso."
          reloadHref={props.here}
        />
      </Section>
    );
  }
  if (props.canReview && props.status === "SUBMITTED") {
    return (
      <Section headingId="esame" title="Esame del piano" className="space-y-6">
        <ActionButton
          action={props.actions.approve}
          fields={props.hidden}
          label="Approva il piano"
          confirm="Approvare il piano inviato dal comune?"
          reloadHref={props.here}
        />
        <ReturnForm action={props.actions.giveBack} hidden={props.hidden} reloadHref={props.here} />
      </Section>
    );
  }
  return null;
}
