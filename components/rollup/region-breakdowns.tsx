import Link from "next/link";
import { BarChartCard, PALETTE } from "@/components/charts/bar-chart";
import {
  FundingByYearChart,
  FundingByYearTable,
  fundingColumns,
  type FundingFigures,
} from "@/components/rollup/funding-by-year";
import { GroupTable, type GroupRow } from "@/components/rollup/group-table";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { SOURCE_LABELS, THEME_LABELS } from "@/lib/format";

type YearRow = { year: number } & FundingFigures;
type SourceRow = { key: string } & FundingFigures;

/** The overview's two charts: cost and planned resources per stream, resources per year. */
export function RegionCharts(props: { byStream: GroupRow[]; byYear: YearRow[] }) {
  return (
    <div className="grid gap-8 xl:grid-cols-2">
      <Section headingId="filoni-titolo" title="Per filone di intervento">
        <BarChartCard
          categoryKey="label"
          format="euro"
          layout="vertical"
          data={props.byStream.map((g) => ({
            label: g.name.split(" · ")[0],
            costo: Number(g.totalCost),
            previsto: Number(g.planned),
          }))}
          series={[
            { key: "costo", label: "Costo totale", color: PALETTE[0] },
            { key: "previsto", label: "Previsto", color: PALETTE[1] },
          ]}
        />
      </Section>
      <Section headingId="anni-titolo" title="Risorse per anno">
        <FundingByYearChart rows={props.byYear} />
      </Section>
    </div>
  );
}

/**
 * The overview's tables, one per dimension; a group's name narrows the overview to it (a Smart Land opens its
 * own page).
 */
export function RegionTables(props: {
  byStream: GroupRow[];
  byTheme: GroupRow[];
  byProvince: GroupRow[];
  bySmartLand: GroupRow[];
  bySource: SourceRow[];
  byYear: YearRow[];
  /** The overview narrowed by one more filter. */
  filterHref: (filter: Record<string, string>) => string;
}) {
  const { filterHref } = props;
  return (
    <>
      <GroupTable
        caption="Per filone di intervento"
        first="Filone"
        rows={props.byStream}
        href={(g) => filterHref({ filone: g.key })}
      />
      <GroupTable
        caption="Per tema (OpenCoesione)"
        first="Tema"
        rows={props.byTheme.map((g) => ({
          ...g,
          name: THEME_LABELS[g.key as keyof typeof THEME_LABELS] ?? g.name,
        }))}
        href={(g) => filterHref({ tema: g.key })}
      />
      <GroupTable
        caption="Per provincia"
        first="Provincia"
        rows={props.byProvince}
        href={(g) => filterHref({ provincia: g.key })}
      />
      <GroupTable
        caption="Per Smart Land"
        first="Smart Land"
        rows={props.bySmartLand}
        href={(g) => `/regione/smart-land/${g.key}`}
      />
      <DataTable
        caption="Per fonte di finanziamento"
        rows={props.bySource}
        rowKey={(g) => g.key}
        columns={[
          {
            header: "Fonte",
            cell: (g) => (
              <Link href={filterHref({ fonte: g.key })}>
                {SOURCE_LABELS[g.key as keyof typeof SOURCE_LABELS]}
              </Link>
            ),
          },
          ...fundingColumns<SourceRow>(),
        ]}
      />
      <FundingByYearTable caption="Per anno" rows={props.byYear} />
    </>
  );
}
