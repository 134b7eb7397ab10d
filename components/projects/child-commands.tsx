import Link from "next/link";
import type { ReactNode } from "react";
import { ActionButton } from "@/components/ui/action-button";
import type { Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import type { FormState } from "@/lib/validation/form-state";

/** The server action that deletes a child record (fields: childKind, projectId, id). */
export type DeleteChildAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** Where a project's child records are edited: the project's page and the action that deletes them. */
export type ChildRecords = { projectHref: string; projectId: string; deleteChild: DeleteChildAction };

/** The kinds of child records, as they appear in URLs and in the section ids of the project page. */
export type ChildKind = "risorse" | "azioni" | "indicatori";

/**
 * A section of the project page listing one kind of child record (id `risorse`, heading `risorse-titolo`…),
 * with an «add» link for those who may write.
 */
export function ChildSection(props: {
  kind: ChildKind;
  title: string;
  addLabel: string;
  records?: ChildRecords;
  children: ReactNode;
}) {
  const { kind, records } = props;
  return (
    <Section
      id={kind}
      headingId={`${kind}-titolo`}
      title={props.title}
      aside={records ? <Link href={`${records.projectHref}/${kind}/nuovo`}>{props.addLabel}</Link> : null}
    >
      {props.children}
    </Section>
  );
}

/**
 * «Modifica» and «Elimina» of one child record (a funding line, an action, an indicator); `what` names it
 * for screen readers ("la risorsa FESR 2026").
 */
export function ChildCommands(props: {
  records: ChildRecords;
  kind: ChildKind;
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

/** The «Comandi» column of a table of child records: ChildCommands on each row. */
export function childCommandsColumn<T extends { id: string }>(
  records: ChildRecords,
  kind: ChildKind,
  what: (row: T) => string,
  confirm: string,
): Column<T> {
  return {
    header: "Comandi",
    cell: (r) => (
      <span className="flex gap-3">
        <ChildCommands records={records} kind={kind} id={r.id} what={what(r)} confirm={confirm} />
      </span>
    ),
  };
}
