import { DocumentUpload } from "@/components/projects/document-upload";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import type { RoundSubmissionDocuments } from "@/lib/documents/round-owner";
import { formatDate } from "@/lib/format";
import { documentTypeLabel, formatBytes } from "@/lib/format/documents";

type Row = RoundSubmissionDocuments["documents"][number];

/**
 * «Documenti della trasmissione»: the files a comune attaches to its submission of a round (determine, SAL,
 * certificates of payment), with download links for the comune, coordinators and administrators; the
 * comune's officers upload while the submission is editable (`canUpload`).
 */
export function SubmissionDocuments(props: RoundSubmissionDocuments & { roundId: string; istat: string }) {
  const base = `/api/v1/rounds/${props.roundId}/comuni/${props.istat}/documents`;
  return (
    <Section headingId="documenti-trasmissione" title="Documenti della trasmissione" className="space-y-4">
      <DataTable
        caption="Documenti allegati alla trasmissione"
        captionHidden
        rows={props.documents}
        rowKey={(d: Row) => d.id}
        empty="Nessun documento allegato."
        columns={[
          {
            header: "Documento",
            cell: (d: Row) => (
              <a href={`${base}/${d.id}`} className="break-all" download>
                {d.fileName}
              </a>
            ),
          },
          { header: "Tipo", cell: (d: Row) => documentTypeLabel(d.mediaType) },
          { header: "Dimensione", cell: (d: Row) => formatBytes(d.size), align: "right" },
          {
            header: "Caricato",
            cell: (d: Row) => `${formatDate(d.createdAt)}${d.uploadedBy ? ` da ${d.uploadedBy}` : ""}`,
          },
        ]}
      />
      {props.canUpload ? <DocumentUpload url={base} actions={[]} /> : null}
    </Section>
  );
}
