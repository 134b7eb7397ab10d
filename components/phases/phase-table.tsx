// The cronoprogramma as a table: the same data as the Gantt, readable without the chart.
import { DataTable } from "@/components/ui/data-table";
import { formatIsoDate, LATE_PHASE_STATES, PHASE_STATE_LABELS } from "@/lib/format/phases";
import type { PhaseView } from "@/lib/phases/phases";

export function PhaseTable(props: { phases: PhaseView[]; caption: string }) {
  return (
    <DataTable
      caption={props.caption}
      rows={props.phases}
      rowKey={(p) => p.kind}
      columns={[
        { header: "Fase", cell: (p) => p.label },
        { header: "Inizio previsto", cell: (p) => formatIsoDate(p.plannedStart) },
        { header: "Fine prevista", cell: (p) => formatIsoDate(p.plannedEnd) },
        { header: "Inizio effettivo", cell: (p) => formatIsoDate(p.actualStart) },
        { header: "Fine effettiva", cell: (p) => formatIsoDate(p.actualEnd) },
        {
          header: "Stato",
          cell: (p) =>
            LATE_PHASE_STATES.includes(p.state) ? (
              <strong className="text-red-800">{PHASE_STATE_LABELS[p.state]}</strong>
            ) : (
              PHASE_STATE_LABELS[p.state]
            ),
        },
        { header: "Note", cell: (p) => p.note || "—" },
      ]}
    />
  );
}
