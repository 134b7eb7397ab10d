import Link from "next/link";
import { ActionButton } from "@/components/projects/delete-button";
import type { FormState } from "@/lib/validation/form-state";

/** The server action that deletes a child record (fields: childKind, projectId, id). */
export type DeleteChildAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** Where a project's child records are edited: the project's page and the action that deletes them. */
export type ChildRecords = { projectHref: string; projectId: string; deleteChild: DeleteChildAction };

/**
 * «Modifica» and «Elimina» of one child record (a funding line, an action, an indicator); `what` names it
 * for screen readers ("la risorsa FESR 2026").
 */
export function ChildCommands(props: {
  records: ChildRecords;
  kind: "risorse" | "azioni" | "indicatori";
  id: string;
  what: string;
  confirm: string;
}) {
  const { records } = props;
  return (
    <>
      <Link href={`${records.projectHref}/${props.kind}/${props.id}`} aria-label={`Modifica ${props.what}`}>
        Modifica
      </Link>
      <ActionButton
        action={records.deleteChild}
        fields={{ childKind: props.kind, projectId: records.projectId, id: props.id }}
        label="Elimina"
        accessibleLabel={`Elimina ${props.what}`}
        variant="link"
        confirm={props.confirm}
      />
    </>
  );
}
