import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { formatEuro } from "@/lib/format";
import { sumMoney } from "@/lib/money";
import type { PlanVsActual } from "@/lib/programme/plan-vs-actual";
import { PlanVsActualLegend } from "./plan-vs-actual";

/**
 * The planning view's section for a chosen Smart Land: plan vs adhered vs registered vs secured by stream
 * (all years, or the one year the filters name), linking to the programme page.
 */
export function ProgrammeComparisonSection(props: { data: PlanVsActual }) {
  const { data } = props;
  const rows = [
    ...data.byStream.map((s) => ({ key: s.code, label: `${s.code} · ${s.name}`, strong: false, ...s.total })),
    { key: "totale", label: "Totale", strong: true, ...data.total },
  ];
  const cell = (v: string, strong: boolean) => (strong ? <strong>{formatEuro(v)}</strong> : formatEuro(v));
  return (
    <Section
      headingId="programma"
      title={`Piano di programma · ${data.smartLand.name}${data.year ? ` · ${data.year}` : ""}`}
      className="space-y-4"
    >
      <PlanVsActualLegend />
      <DataTable
        caption={`Piano vs adesioni vs registrato vs finanziato per filone — ${data.smartLand.name}`}
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { header: "Filone", cell: (r) => (r.strong ? <strong>{r.label}</strong> : r.label) },
          { header: "Piano", cell: (r) => cell(r.plan, r.strong), align: "right" },
          { header: "Adesioni approvate", cell: (r) => cell(r.adheredApproved, r.strong), align: "right" },
          { header: "Adesioni inviate", cell: (r) => cell(r.adheredSubmitted, r.strong), align: "right" },
          { header: "Registrato", cell: (r) => cell(r.registered, r.strong), align: "right" },
          { header: "Finanziato", cell: (r) => cell(r.secured, r.strong), align: "right" },
          {
            header: "Piano meno finanziato",
            cell: (r) => cell(sumMoney([r.plan, `-${r.secured}`]), r.strong),
            align: "right",
          },
        ]}
      />
      <p className="text-sm">
        <Link href={`/regione/smart-land/${data.smartLand.slug}/programma`}>
          Piano di programma, per anno e per comune
        </Link>
      </p>
    </Section>
  );
}
