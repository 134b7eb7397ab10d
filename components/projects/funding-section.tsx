import { type ChildRecords, ChildSection, childCommandsColumn } from "@/components/projects/child-commands";
import { DataTable, type Column } from "@/components/ui/data-table";
import { type DecimalLike, formatEuro, SOURCE_LABELS } from "@/lib/format";
import { fundingGap, sumMoney } from "@/lib/money";

export type FundingLineRow = {
  id: string;
  source: keyof typeof SOURCE_LABELS;
  programme: string | null;
  year: number;
  amountPlanned: DecimalLike;
  amountCommitted: DecimalLike;
  amountPaid: DecimalLike;
  /** What looks wrong with the amounts (lib/validation's fundingWarnings). */
  warnings: string[];
};

/** «Risorse» of a project: its funding lines and their totals against the project's cost. */
export function FundingSection(props: {
  lines: FundingLineRow[];
  totalCost: DecimalLike;
  /** Set when the planned resources exceed the cost (lib/validation's overFundingWarning). */
  overFunded?: string | null;
  /** Present when the reader may edit the project. */
  records?: ChildRecords;
}) {
  const { lines, records } = props;
  const planned = sumMoney(lines.map((f) => f.amountPlanned));
  const committed = sumMoney(lines.map((f) => f.amountCommitted));
  const paid = sumMoney(lines.map((f) => f.amountPaid));
  const { gap } = fundingGap(props.totalCost, planned);
  const columns: Column<FundingLineRow>[] = [
    { header: "Fonte", cell: (r) => SOURCE_LABELS[r.source] },
    { header: "Programma", cell: (r) => r.programme || "—" },
    { header: "Anno", cell: (r) => r.year },
    { header: "Previsto", cell: (r) => formatEuro(r.amountPlanned), align: "right" },
    { header: "Impegnato", cell: (r) => formatEuro(r.amountCommitted), align: "right" },
    { header: "Pagato", cell: (r) => formatEuro(r.amountPaid), align: "right" },
    { header: "Avvisi", cell: (r) => r.warnings.join(" ") || "—" },
  ];
  if (records)
    columns.push(
      childCommandsColumn<FundingLineRow>(
        records,
        "risorse",
        (r) => `la risorsa ${SOURCE_LABELS[r.source]} ${r.year}`,
        "Eliminare questa risorsa?",
      ),
    );
  return (
    <ChildSection kind="risorse" title="Risorse" addLabel="Aggiungi una risorsa" records={records}>
      <DataTable
        caption="Risorse dell'intervento"
        captionHidden
        rows={lines}
        rowKey={(r) => r.id}
        columns={columns}
        empty="Nessuna risorsa registrata."
      />
      <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-4" aria-label="Totali delle risorse">
        <div>
          <dt className="text-slate-600">Totale previsto</dt>
          <dd className="font-semibold" data-testid="total-planned">
            {formatEuro(planned)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Totale impegnato</dt>
          <dd className="font-semibold">{formatEuro(committed)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Totale pagato</dt>
          <dd className="font-semibold">{formatEuro(paid)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Fabbisogno scoperto (costo totale − previsto)</dt>
          <dd className={`font-semibold ${Number(gap) > 0 ? "text-red-800" : ""}`} data-testid="funding-gap">
            {formatEuro(gap)}
          </dd>
        </div>
      </dl>
      {props.overFunded ? (
        <p className="rounded-md border border-amber-600 bg-amber-50 p-3 text-sm text-amber-950" role="note">
          Attenzione: {props.overFunded}
        </p>
      ) : null}
    </ChildSection>
  );
}
