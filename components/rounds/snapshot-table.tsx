import { DataTable } from "@/components/ui/data-table";
import { formatEuro, STATUS_LABELS } from "@/lib/format";
import { formatCalendarDate } from "@/lib/format/time";
import type { SubmissionPage } from "@/lib/rounds/submission";

type Row = SubmissionPage["snapshot"][number];
const date = (iso: string | null) => (iso ? formatCalendarDate(new Date(`${iso}T00:00:00Z`)) : "—");

/** The figures frozen by the comune's current submission, per project. */
export function SnapshotTable(props: { rows: Row[]; revision: number }) {
  return (
    <DataTable
      caption={`Dati congelati alla trasmissione n. ${props.revision}`}
      rows={props.rows}
      rowKey={(r) => r.projectId}
      empty="Il comune non ha ancora inviato dati."
      columns={[
        { header: "CUP", cell: (r) => r.cup ?? "—" },
        { header: "Intervento", cell: (r) => r.title },
        { header: "Stato", cell: (r) => STATUS_LABELS[r.status] },
        { header: "Avanzamento", align: "right", cell: (r) => `${r.progress}%` },
        { header: "Inizio effettivo", cell: (r) => date(r.actualStart) },
        { header: "Fine effettiva", cell: (r) => date(r.actualEnd) },
        { header: "Previsto", align: "right", cell: (r) => formatEuro(r.planned) },
        { header: "Impegnato", align: "right", cell: (r) => formatEuro(r.committed) },
        { header: "Pagato", align: "right", cell: (r) => formatEuro(r.paid) },
      ]}
    />
  );
}
