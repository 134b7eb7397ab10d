import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatCalendarDate } from "@/lib/format/time";
import { lateLabel, ROUND_STATE_LABELS, SUBMISSION_STATUS_LABELS } from "@/lib/format/rounds";
import type { RoundListItem } from "@/lib/rounds/rounds";

const date = (iso: string) => formatCalendarDate(new Date(`${iso}T00:00:00Z`));
const period = (r: RoundListItem) => `${date(r.periodStart)} – ${date(r.periodEnd)}`;

/** The coordinator's (and administrator's) rounds, with the comuni per status. */
export function RoundList(props: { rounds: RoundListItem[] }) {
  return (
    <DataTable
      caption="Rilevazioni"
      captionHidden
      rows={props.rounds}
      rowKey={(r) => r.id}
      empty="Nessuna rilevazione aperta finora."
      columns={[
        { header: "Rilevazione", cell: (r) => <Link href={`/regione/monitoraggio/${r.id}`}>{r.title}</Link> },
        { header: "Comuni coinvolti", cell: (r) => r.smartLand?.name ?? "Tutti i comuni aderenti" },
        { header: "Periodo", cell: period },
        { header: "Scadenza", cell: (r) => date(r.dueDate) },
        { header: "Stato", cell: (r) => ROUND_STATE_LABELS[r.state] },
        {
          header: "Trasmesse o validate",
          align: "right",
          cell: (r) => (r.counts ? `${r.counts.SUBMITTED + r.counts.VALIDATED} di ${r.counts.total}` : "—"),
        },
        { header: "In ritardo", align: "right", cell: (r) => String(r.counts?.late ?? 0) },
      ]}
    />
  );
}

/** An officer's rounds: the comune's status, due date and lateness in each. */
export function OwnRoundList(props: { istat: string; rounds: RoundListItem[] }) {
  return (
    <DataTable
      caption="Rilevazioni del comune"
      captionHidden
      rows={props.rounds}
      rowKey={(r) => r.id}
      empty="Nessuna rilevazione riguarda il comune, per ora."
      columns={[
        {
          header: "Rilevazione",
          cell: (r) => <Link href={`/comuni/${props.istat}/monitoraggio/${r.id}`}>{r.title}</Link>,
        },
        { header: "Periodo", cell: period },
        { header: "Scadenza", cell: (r) => date(r.dueDate) },
        { header: "Rilevazione", cell: (r) => ROUND_STATE_LABELS[r.state] },
        {
          header: "Trasmissione del comune",
          cell: (r) => (r.own ? SUBMISSION_STATUS_LABELS[r.own.status] : "—"),
        },
        { header: "Ritardo", cell: (r) => lateLabel(r.own?.daysLate ?? 0) || "—" },
      ]}
    />
  );
}
