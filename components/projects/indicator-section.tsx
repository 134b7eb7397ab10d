import { type ChildRecords, ChildSection, childCommandsColumn } from "@/components/projects/child-commands";
import { DataTable, type Column } from "@/components/ui/data-table";
import { type DecimalLike, formatNumber, formatPercent, INDICATOR_THEME_LABELS } from "@/lib/format";

export type IndicatorRow = {
  id: string;
  name: string;
  theme: keyof typeof INDICATOR_THEME_LABELS;
  unit: string;
  baseline: DecimalLike | null;
  target: DecimalLike | null;
  actual: DecimalLike | null;
  period: string;
};

/** How far the actual value has come from the baseline towards the target, as a bar and a percentage. */
function Achievement({ row }: { row: IndicatorRow }) {
  const base0 = Number(row.baseline ?? 0);
  const span = Number(row.target ?? 0) - base0;
  if (row.target === null || row.actual === null || span === 0) return "—";
  const ratio = Math.max(0, Math.min(1, (Number(row.actual) - base0) / span));
  return (
    <span className="flex items-center gap-2">
      <span className="h-2 w-24 rounded bg-slate-200" aria-hidden="true">
        <span className="block h-2 rounded bg-brand-600" style={{ width: `${ratio * 100}%` }} />
      </span>
      {formatPercent(ratio, 0)}
    </span>
  );
}

/** «Indicatori» of a project: target and actual value of each. */
export function IndicatorSection(props: { indicators: IndicatorRow[]; records?: ChildRecords }) {
  const { records } = props;
  const columns: Column<IndicatorRow>[] = [
    { header: "Indicatore", cell: (r) => r.name },
    { header: "Tema", cell: (r) => INDICATOR_THEME_LABELS[r.theme] },
    { header: "Unità di misura", cell: (r) => r.unit },
    { header: "Valore di partenza", cell: (r) => formatNumber(r.baseline), align: "right" },
    { header: "Obiettivo", cell: (r) => formatNumber(r.target), align: "right" },
    { header: "Valore attuale", cell: (r) => formatNumber(r.actual), align: "right" },
    { header: "Raggiungimento", cell: (r) => <Achievement row={r} /> },
    { header: "Periodo", cell: (r) => r.period || "—" },
  ];
  if (records)
    columns.push(
      childCommandsColumn<IndicatorRow>(
        records,
        "indicatori",
        (r) => `l'indicatore ${r.name}`,
        "Eliminare questo indicatore?",
      ),
    );
  return (
    <ChildSection kind="indicatori" title="Indicatori" addLabel="Aggiungi un indicatore" records={records}>
      <DataTable
        caption="Indicatori: obiettivo e valore attuale"
        captionHidden
        rows={props.indicators}
        rowKey={(r) => r.id}
        columns={columns}
        empty="Nessun indicatore registrato."
      />
    </ChildSection>
  );
}
