import { ExportLink } from "@/components/rollup/export-link";
import { Section } from "@/components/ui/section";

const TABLES = [
  ["interventi", "Interventi"],
  ["filoni", "Per filone"],
  ["temi", "Per tema"],
  ["province", "Per provincia"],
  ["comuni", "Per comune"],
  ["fonti", "Per fonte"],
  ["anni", "Per anno"],
] as const;

/** «Esporta la vista corrente»: every table of the overview as CSV and Excel, with the current filters. */
export function RollupExportSection(props: {
  exportHref: (table: string, format: "csv" | "xlsx") => string;
}) {
  return (
    <Section headingId="export-titolo" title="Esporta la vista corrente" className="space-y-2">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {TABLES.map(([table, label]) => (
          <li key={table}>
            {label}:{" "}
            <ExportLink href={props.exportHref(table, "csv")} label="CSV" accessibleLabel={`${label}: CSV`} />{" "}
            ·{" "}
            <ExportLink
              href={props.exportHref(table, "xlsx")}
              label="Excel"
              accessibleLabel={`${label}: Excel`}
            />
          </li>
        ))}
      </ul>
    </Section>
  );
}
