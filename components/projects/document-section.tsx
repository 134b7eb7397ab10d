import { DocumentUpload } from "@/components/projects/document-upload";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { formatDate } from "@/lib/format";
import { documentTypeLabel, formatBytes } from "@/lib/format/documents";
import type { FormState } from "@/lib/validation/form-state";

export type DocumentRow = {
  id: string;
  ownerKind: "PROJECT" | "ACTION" | "ADHERENCE" | "ROUND_SUBMISSION";
  ownerId: string;
  fileName: string;
  mediaType: string;
  size: number;
  public: boolean;
  uploadedBy: string;
  createdAt: Date;
  version: number;
};

type Command = (state: FormState, formData: FormData) => Promise<FormState>;

/** What the comune's officers may do here (absent for everyone else: the list is read-only). */
export type DocumentCommands = { setPublic: Command; remove: Command };

/**
 * «Documenti» of a project: its own and its actions' files, with download links; the comune's officers
 * upload, mark public or reserved and delete (with a confirmation).
 */
export function DocumentSection(props: {
  projectId: string;
  documents: DocumentRow[];
  actions: { id: string; title: string }[];
  commands?: DocumentCommands;
}) {
  const { commands, projectId } = props;
  const actionTitle = new Map(props.actions.map((a) => [a.id, a.title]));
  const columns: Column<DocumentRow>[] = [
    {
      header: "Documento",
      cell: (d) => (
        <a href={`/api/v1/projects/${projectId}/documents/${d.id}`} className="break-all" download>
          {d.fileName}
        </a>
      ),
    },
    {
      header: "Allegato a",
      cell: (d) => (d.ownerKind === "ACTION" ? `Azione: ${actionTitle.get(d.ownerId) ?? "—"}` : "Intervento"),
    },
    { header: "Tipo", cell: (d) => documentTypeLabel(d.mediaType) },
    { header: "Dimensione", cell: (d) => formatBytes(d.size), align: "right" },
    {
      header: "Caricato",
      cell: (d) => `${formatDate(d.createdAt)}${d.uploadedBy ? ` da ${d.uploadedBy}` : ""}`,
    },
    {
      header: "Visibilità",
      cell: (d) =>
        d.public ? (
          <span className="rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900">
            Pubblico
          </span>
        ) : (
          "Riservato"
        ),
    },
  ];
  if (commands)
    columns.push({
      header: "Comandi",
      cell: (d) => (
        <span className="flex flex-wrap gap-3">
          <ActionButton
            action={commands.setPublic}
            fields={{ projectId, id: d.id, version: String(d.version), public: d.public ? "false" : "true" }}
            label={d.public ? "Rendi riservato" : "Rendi pubblico"}
            accessibleLabel={`${d.public ? "Rendi riservato" : "Rendi pubblico"} il documento ${d.fileName}`}
            variant="secondary"
          />
          <ActionButton
            action={commands.remove}
            fields={{ projectId, id: d.id, version: String(d.version) }}
            label="Elimina"
            accessibleLabel={`Elimina il documento ${d.fileName}`}
            confirm={`Eliminare il documento «${d.fileName}»?`}
            variant="link"
          />
        </span>
      ),
    });
  return (
    <Section id="documenti" headingId="documenti-titolo" title="Documenti">
      <p className="text-sm text-slate-700">
        Un documento pubblico compare sulla pagina pubblica dell&apos;intervento, quando è pubblicato.
      </p>
      <DataTable
        caption="Documenti dell'intervento e delle sue azioni"
        captionHidden
        rows={props.documents}
        rowKey={(d) => d.id}
        columns={columns}
        empty="Nessun documento caricato."
      />
      {commands ? <DocumentUpload projectId={projectId} actions={props.actions} /> : null}
    </Section>
  );
}
