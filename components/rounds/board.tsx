import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, labelledOptions } from "@/components/ui/filter-form";
import { KpiCard, KpiGrid } from "@/components/ui/kpi-card";
import { formatNumber } from "@/lib/format";
import { formatInstantDate } from "@/lib/format/time";
import { lateLabel, SUBMISSION_STATUS_LABELS, SUBMISSION_STATUSES } from "@/lib/format/rounds";
import type { RoundBoard } from "@/lib/rounds/board";

/** Counts per status: each card filters the board to its status. */
export function BoardCounts(props: { counts: RoundBoard["counts"]; base: string }) {
  const c = props.counts;
  return (
    <KpiGrid headingId="conteggi" title="Comuni per stato" columns={5}>
      <KpiCard
        label="Da compilare o in compilazione"
        value={String(c.NOT_STARTED + c.IN_PROGRESS)}
        hint={`su ${formatNumber(c.total)} comuni`}
      />
      <KpiCard label="Trasmesse" value={String(c.SUBMITTED)} href={`${props.base}?stato=SUBMITTED`} />
      <KpiCard label="Restituite" value={String(c.RETURNED)} href={`${props.base}?stato=RETURNED`} />
      <KpiCard label="Validate" value={String(c.VALIDATED)} href={`${props.base}?stato=VALIDATED`} />
      <KpiCard label="In ritardo" value={String(c.late)} href={`${props.base}?ritardo=true`} />
    </KpiGrid>
  );
}

export function BoardFiltersForm(props: {
  base: string;
  values: { stato?: string; ritardo?: string; provincia?: string; smart_land?: string };
  smartLands: { slug: string; name: string }[];
}) {
  return (
    <FilterForm label="Filtri del quadro" resetHref={props.base}>
      <FilterSelect
        name="stato"
        label="Stato"
        value={props.values.stato}
        options={labelledOptions(SUBMISSION_STATUSES, SUBMISSION_STATUS_LABELS)}
      />
      <FilterSelect
        name="ritardo"
        label="Ritardo"
        value={props.values.ritardo}
        options={[{ value: "true", label: "Solo in ritardo" }]}
      />
      <FilterInput name="provincia" label="Provincia (sigla)" width="narrow" value={props.values.provincia} />
      <FilterSelect
        name="smart_land"
        label="Smart Land"
        placeholder="Tutte"
        value={props.values.smart_land}
        options={props.smartLands.map((s) => ({ value: s.slug, label: s.name }))}
      />
    </FilterForm>
  );
}

/** The board's rows: per comune its status, the date of its last submission and its lateness. */
export function BoardTable(props: { roundId: string; rows: RoundBoard["data"] }) {
  return (
    <DataTable
      caption="Comuni della rilevazione"
      rows={props.rows}
      rowKey={(r) => r.istat}
      empty="Nessun comune con questi filtri."
      columns={[
        {
          header: "Comune",
          cell: (r) => (
            <Link href={`/regione/monitoraggio/${props.roundId}/comuni/${r.istat}`}>
              {r.name} ({r.province})
            </Link>
          ),
        },
        { header: "Stato", cell: (r) => SUBMISSION_STATUS_LABELS[r.status] },
        {
          header: "Trasmessa il",
          cell: (r) => (r.submittedAt ? formatInstantDate(new Date(r.submittedAt)) : "—"),
        },
        {
          header: "Validata il",
          cell: (r) => (r.validatedAt ? formatInstantDate(new Date(r.validatedAt)) : "—"),
        },
        { header: "Ritardo", cell: (r) => lateLabel(r.daysLate) || "—" },
      ]}
    />
  );
}
