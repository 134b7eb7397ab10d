import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format/time";

type Row = {
  istat: string;
  comuneName: string;
  streamCode: string;
  streamName: string;
  revision: number;
  submittedAt: string;
};

/** Submitted plans waiting for the coordinator, oldest first. */
export function ReviewQueue(props: { rows: Row[]; href: (istat: string, code: string) => string }) {
  return (
    <DataTable
      caption="Piani inviati in attesa di esame"
      captionHidden
      columns={[
        { header: "Comune", cell: (r) => r.comuneName },
        { header: "Filone", cell: (r) => `${r.streamCode} · ${r.streamName}` },
        { header: "Versione", cell: (r) => String(r.revision), align: "right" },
        { header: "Inviato il", cell: (r) => formatDateTime(new Date(r.submittedAt)) },
        {
          header: "Esame",
          cell: (r) => (
            <Link href={props.href(r.istat, r.streamCode)}>
              Esamina
              <span className="sr-only">
                {" "}
                il piano di {r.comuneName}, {r.streamCode}
              </span>
            </Link>
          ),
        },
      ]}
      rows={props.rows}
      rowKey={(r) => `${r.istat}|${r.streamCode}`}
      empty="Nessun piano in attesa."
    />
  );
}
