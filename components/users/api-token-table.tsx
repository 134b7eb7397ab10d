import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import type { FormState } from "@/lib/validation/form-state";

/** A personal API token as text (formatted by the page): never its secret, which is not stored. */
export type ApiTokenTableRow = {
  id: string;
  name: string;
  prefix: string;
  created: string;
  expires: string;
  lastUsed: string;
  state: string;
  live: boolean;
};

/**
 * The tokens of one user, with a «Revoca» button on each live one. The profile page shows the actor's own;
 * the administrator's user page shows the user's (its `fields` add the user's id to the revocation).
 */
export function ApiTokenTable(props: {
  caption: string;
  captionHidden?: boolean;
  rows: ApiTokenTableRow[];
  revoke: (state: FormState, formData: FormData) => Promise<FormState>;
  fields?: Record<string, string>;
  confirm?: string;
  reloadHref: string;
}) {
  return (
    <DataTable
      caption={props.caption}
      captionHidden={props.captionHidden}
      rows={props.rows}
      rowKey={(t) => t.id}
      empty="Nessun token."
      columns={[
        { header: "Nome", cell: (t) => t.name },
        { header: "Inizio", cell: (t) => <code>{`slt_${t.prefix}_…`}</code> },
        { header: "Creato il", cell: (t) => t.created },
        { header: "Scadenza", cell: (t) => t.expires },
        { header: "Ultimo uso", cell: (t) => t.lastUsed },
        {
          header: "Stato",
          cell: (t) =>
            t.live ? (
              <div className="flex flex-wrap items-center gap-3">
                <span>{t.state}</span>
                <ActionButton
                  action={props.revoke}
                  fields={{ ...props.fields, id: t.id }}
                  label="Revoca"
                  variant="secondary"
                  confirm={props.confirm?.replace("{name}", t.name)}
                  reloadHref={props.reloadHref}
                />
              </div>
            ) : (
              t.state
            ),
        },
      ]}
    />
  );
}
