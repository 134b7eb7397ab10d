import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import { DataTable } from "@/components/ui/data-table";
import { type DecimalLike, formatEuro } from "@/lib/format";

/** Planned, committed and paid resources of a group (a year, a source…). */
export type FundingFigures = { planned: DecimalLike; committed: DecimalLike; paid: DecimalLike };

/**
 * The «Previsto», «Impegnato», «Pagato» columns of a funding table, for DataTable and MarkupTable alike
 * (the cells are text).
 */
export function fundingColumns<T extends FundingFigures>() {
  return [
    { header: "Previsto", cell: (r: T) => formatEuro(r.planned), align: "right" as const },
    { header: "Impegnato", cell: (r: T) => formatEuro(r.committed), align: "right" as const },
    { header: "Pagato", cell: (r: T) => formatEuro(r.paid), align: "right" as const },
  ];
}

/** Planned, committed and paid resources per year as grouped bars. */
export function FundingByYearChart(props: {
  rows: ({ year: number } & FundingFigures)[];
  describedBy?: string;
}) {
  return (
    <BarChartCard
      describedBy={props.describedBy}
      categoryKey="anno"
      format="euro"
      data={props.rows.map((y) => ({
        anno: String(y.year),
        previsto: Number(y.planned),
        impegnato: Number(y.committed),
        pagato: Number(y.paid),
      }))}
      series={[
        { key: "previsto", label: "Previsto", color: PALETTE[0] },
        { key: "impegnato", label: "Impegnato", color: PALETTE[1] },
        { key: "pagato", label: "Pagato", color: PALETTE[2] },
      ]}
    />
  );
}

/** Total cost and planned resources of some groups (streams) as horizontal bars. */
export function CostAndPlannedChart(props: {
  rows: { label: string; totalCost: DecimalLike; planned: DecimalLike }[];
  plannedLabel: string;
  describedBy?: string;
}) {
  return (
    <BarChartCard
      describedBy={props.describedBy}
      categoryKey="label"
      format="euro"
      layout="vertical"
      data={props.rows.map((r) => ({
        label: r.label,
        costo: Number(r.totalCost),
        previsto: Number(r.planned),
      }))}
      series={[
        { key: "costo", label: "Costo totale", color: PALETTE[0] },
        { key: "previsto", label: props.plannedLabel, color: PALETTE[1] },
      ]}
    />
  );
}

/** Planned, committed and paid resources per year as a table. */
export function FundingByYearTable(props: { caption: string; rows: ({ year: number } & FundingFigures)[] }) {
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(y) => String(y.year)}
      columns={[
        { header: "Anno", cell: (y) => y.year },
        ...fundingColumns<{ year: number } & FundingFigures>(),
      ]}
    />
  );
}
