import { DocumentUpload } from "@/components/projects/document-upload";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import type { AdherenceDocumentRow } from "@/lib/documents/adherence-owner";
import { formatDate } from "@/lib/format";
import { documentTypeLabel, formatBytes } from "@/lib/format/documents";
import type { FormState } from "@/lib/validation/form-state";

type Command = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * «Documenti dell'atto»: the act of adherence's files (the deliberation's PDF) with download links; the
 * comune's officers upload and delete (`remove` given), everyone else reads.
 */
export function ActDocuments(props: {
  istat: string;
  slug: string;
  documents: AdherenceDocumentRow[];
  hasAct: boolean;
  remove?: Command;
}) {
  const base = `/api/v1/comuni/${props.istat}/adherence/${props.slug}/documents`;
  const { remove } = props;
  return (
    <Section headingId="documenti-atto" title="Documenti dell'atto" className="space-y-4">
      {props.hasAct ? (
        <DataTable
          caption="Documenti dell'atto di adesione"
          captionHidden
          rows={props.documents}
          rowKey={(d) => d.id}
          empty="Nessun documento caricato."
          columns={[
            {
              header: "Documento",
              cell: (d) => (
                <a href={`${base}/${d.id}`} className="break-all" download>
                  {d.fileName}
                </a>
              ),
            },
            { header: "Tipo", cell: (d) => documentTypeLabel(d.mediaType) },
            { header: "Dimensione", cell: (d) => formatBytes(d.size), align: "right" },
            {
              header: "Caricato",
              cell: (d) => `${formatDate(d.createdAt)}${d.uploadedBy ? ` da ${d.uploadedBy}` : ""}`,
            },
            ...(remove
              ? [
                  {
                    header: "Comandi",
                    cell: (d: AdherenceDocumentRow) => (
                      <ActionButton
                        action={remove}
                        fields={{
                          istat: props.istat,
                          slug: props.slug,
                          id: d.id,
                          version: String(d.version),
                        }}
                        label="Elimina"
                        accessibleLabel={`Elimina il documento ${d.fileName}`}
                        confirm={`Eliminare il documento «${d.fileName}»?`}
                        variant="link"
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <p className="text-sm text-slate-700">Registra l&apos;atto per allegarne il documento.</p>
      )}
      {props.hasAct && remove ? <DocumentUpload url={base} actions={[]} /> : null}
    </Section>
  );
}
