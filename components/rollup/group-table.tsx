import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatEuro, formatNumber } from "@/lib/format";

export type GroupRow = {
  key: string;
  name: string;
  projects: number;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
  gap: string;
  overdue: number;
};

/** One aggregate of the roll-up as an accessible table; `href` turns the first column into a drill-down. */
export function GroupTable(props: {
  caption: string;
  first: string;
  rows: GroupRow[];
  href?: (row: GroupRow) => string | null;
  captionHidden?: boolean;
}) {
  return (
    <DataTable
      caption={props.caption}
      captionHidden={props.captionHidden}
      rows={props.rows}
      rowKey={(r) => r.key}
      columns={[
        {
          header: props.first,
          cell: (r) => {
            const href = props.href?.(r);
            return href ? <Link href={href}>{r.name}</Link> : r.name;
          },
        },
        { header: "Interventi", cell: (r) => formatNumber(r.projects), align: "right" },
        { header: "Costo totale", cell: (r) => formatEuro(r.totalCost), align: "right" },
        { header: "Previsto", cell: (r) => formatEuro(r.planned), align: "right" },
        { header: "Impegnato", cell: (r) => formatEuro(r.committed), align: "right" },
        { header: "Pagato", cell: (r) => formatEuro(r.paid), align: "right" },
        { header: "Fabbisogno scoperto", cell: (r) => formatEuro(r.gap), align: "right" },
        { header: "Azioni in ritardo", cell: (r) => formatNumber(r.overdue), align: "right" },
      ]}
      empty="Nessun dato per i filtri scelti."
    />
  );
}
