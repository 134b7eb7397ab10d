import { KpiCard, KpiGrid } from "@/components/ui/kpi-card";
import {
  type DecimalLike,
  formatEuro,
  formatInstantDate,
  formatInstantTime,
  formatNumber,
  formatPercent,
} from "@/lib/format";
import { plural } from "@/lib/format/plural";

/** How fresh the figures are: live (kept by every write), read at `refreshedAt` (Rome time). */
export function RollupFreshness(props: { refreshedAt: Date }) {
  return (
    <p className="text-sm text-slate-700" data-testid="freshness">
      Dati aggiornati in tempo reale: cifre calcolate il {formatInstantDate(props.refreshedAt)} alle{" "}
      {formatInstantTime(props.refreshedAt)}. Le modifiche dei comuni compaiono entro un secondo.
    </p>
  );
}

/** The overview's totals; the funding gap and the overdue actions lead to the planning page. */
export function RegionTotals(props: {
  totals: {
    projects: number;
    comuni: number;
    totalCost: DecimalLike;
    planned: DecimalLike;
    committed: DecimalLike;
    paid: DecimalLike;
    gap: DecimalLike;
    overdue: number;
  };
  planningHref: string;
}) {
  const t = props.totals;
  const paidShare = Number(t.planned) > 0 ? Number(t.paid) / Number(t.planned) : null;
  return (
    <KpiGrid headingId="kpi" title="Totali" columns={4}>
      <KpiCard
        label="Interventi"
        value={formatNumber(t.projects)}
        hint={plural(t.comuni, "comune", "comuni")}
      />
      <KpiCard label="Costo totale" value={formatEuro(t.totalCost)} />
      <KpiCard
        label="Risorse previste"
        value={formatEuro(t.planned)}
        hint={`Impegnato ${formatEuro(t.committed)}`}
      />
      <KpiCard label="Pagato" value={formatEuro(t.paid)} hint={`${formatPercent(paidShare)} del previsto`} />
      <KpiCard label="Fabbisogno scoperto" value={formatEuro(t.gap)} href={props.planningHref} />
      <KpiCard
        label="Azioni in ritardo"
        value={formatNumber(t.overdue)}
        href={`${props.planningHref}#ritardi`}
      />
    </KpiGrid>
  );
}
