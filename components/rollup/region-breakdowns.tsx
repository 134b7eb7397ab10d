import Link from "next/link";
import {
  CostAndPlannedChart,
  FundingByYearChart,
  FundingByYearTable,
  fundingColumns,
  type FundingFigures,
} from "@/components/rollup/funding-charts";
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
        <CostAndPlannedChart
          rows={props.byStream.map((g) => ({ ...g, label: g.name.split(" · ")[0] }))}
          plannedLabel="Previsto"
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
  const groups: [caption: string, first: string, rows: GroupRow[], href: (g: GroupRow) => string][] = [
    ["Per filone di intervento", "Filone", props.byStream, (g) => filterHref({ filone: g.key })],
    [
      "Per tema (OpenCoesione)",
      "Tema",
      props.byTheme.map((g) => ({ ...g, name: THEME_LABELS[g.key as keyof typeof THEME_LABELS] ?? g.name })),
      (g) => filterHref({ tema: g.key }),
    ],
    ["Per provincia", "Provincia", props.byProvince, (g) => filterHref({ provincia: g.key })],
    ["Per Smart Land", "Smart Land", props.bySmartLand, (g) => `/regione/smart-land/${g.key}`],
  ];
  return (
    <>
      {groups.map(([caption, first, rows, href]) => (
        <GroupTable key={caption} caption={caption} first={first} rows={rows} href={href} />
      ))}
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
