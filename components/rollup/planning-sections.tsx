import Link from "next/link";
import {
  FundingByYearChart,
  FundingByYearTable,
  type FundingFigures,
} from "@/components/rollup/funding-charts";
import { DataTable, TableFrame } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { type DecimalLike, formatDate, formatEuro, formatNumber } from "@/lib/format";
import type { CoverageMatrix, RegionOverdueAction } from "@/lib/rollup/planning";

/** A group of the roll-up with its funding gap (cost − resources secured). */
type GapRow = {
  key: string;
  name: string;
  projects: number;
  totalCost: DecimalLike;
  secured: DecimalLike;
  gap: DecimalLike;
};

function GapTable(props: { caption: string; first: string; rows: GapRow[]; href?: (row: GapRow) => string }) {
  const { href } = props;
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(g) => g.key}
      columns={[
        { header: props.first, cell: (g) => (href ? <Link href={href(g)}>{g.name}</Link> : g.name) },
        { header: "Interventi", cell: (g) => formatNumber(g.projects), align: "right" },
        { header: "Costo totale", cell: (g) => formatEuro(g.totalCost), align: "right" },
        { header: "Risorse previste", cell: (g) => formatEuro(g.secured), align: "right" },
        { header: "Fabbisogno scoperto", cell: (g) => formatEuro(g.gap), align: "right" },
      ]}
    />
  );
}

/** «Fabbisogno scoperto»: the total, per stream and for the 25 comuni with the largest gap. */
export function GapSection(props: { total: DecimalLike; byStream: GapRow[]; byComune: GapRow[] }) {
  const top = [...props.byComune].sort((a, b) => Number(b.gap) - Number(a.gap)).slice(0, 25);
  return (
    <Section headingId="gap-titolo" title="Fabbisogno scoperto" className="space-y-4">
      <p className="text-sm text-slate-700">
        Costo totale degli interventi meno le risorse previste. Totale:{" "}
        <strong>{formatEuro(props.total)}</strong>.
      </p>
      <GapTable caption="Fabbisogno scoperto per filone di intervento" first="Filone" rows={props.byStream} />
      <GapTable
        caption="Fabbisogno scoperto per comune (i 25 più alti)"
        first="Comune"
        rows={top}
        href={(g) => `/comuni/${g.key}`}
      />
    </Section>
  );
}

/** «Risorse nei prossimi 5 anni»: this year and the next four, a year without resources as zeros. */
export function NextYearsSection(props: { byYear: ({ year: number } & FundingFigures)[]; thisYear: number }) {
  const { thisYear } = props;
  const nextYears = Array.from({ length: 5 }, (_, i) => thisYear + i).map(
    (year) => props.byYear.find((y) => y.year === year) ?? { year, planned: "0", committed: "0", paid: "0" },
  );
  return (
    <Section headingId="anni-titolo" title="Risorse nei prossimi 5 anni">
      <FundingByYearChart rows={nextYears} />
      <FundingByYearTable
        caption={`Previsto, impegnato e pagato ${thisYear}–${thisYear + 4}`}
        rows={nextYears}
      />
    </Section>
  );
}

/** «Copertura dei filoni»: projects per comune and stream, a stream without projects marked. */
export function CoverageSection({ coverage }: { coverage: CoverageMatrix }) {
  return (
    <Section headingId="copertura-titolo" title="Copertura dei filoni">
      <p className="text-sm text-slate-700">
        Interventi per comune e filone; le celle vuote indicano un filone ancora senza interventi nel comune.
        {coverage.truncated
          ? ` Sono mostrati i primi ${coverage.comuni.length} comuni su ${formatNumber(coverage.totalComuni)}: filtra per provincia o Smart Land.`
          : ""}
      </p>
      <TableFrame label="Copertura dei filoni">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Copertura dei filoni: interventi per comune e filone</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">
                Comune
              </th>
              {coverage.streams.map((s) => (
                <th key={s.id} scope="col" className="px-2 py-2 text-center" title={s.name}>
                  <abbr title={s.name}>{s.code}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {coverage.comuni.map((c) => (
              <tr key={c.istat} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-1.5 text-left font-normal">
                  <Link href={`/comuni/${c.istat}`}>{c.name}</Link>
                </th>
                {c.counts.map((n, i) => (
                  <td
                    key={coverage.streams[i].id}
                    className={`px-2 py-1.5 text-center tabular-nums ${n === 0 ? "bg-amber-50 text-amber-900" : ""}`}
                  >
                    {n === 0 ? <span aria-label="nessun intervento">–</span> : n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </Section>
  );
}

/** «Azioni in ritardo nella regione», the oldest first. */
export function RegionOverdueSection({ actions }: { actions: RegionOverdueAction[] }) {
  return (
    <Section id="ritardi" headingId="ritardi-titolo" title="Azioni in ritardo nella regione">
      <DataTable
        caption="Azioni in ritardo (le 50 più vecchie)"
        rows={actions}
        rowKey={(a) => a.id}
        columns={[
          { header: "Scadenza", cell: (a) => formatDate(a.dueDate) },
          { header: "Azione", cell: (a) => a.title },
          {
            header: "Intervento",
            cell: (a) => <Link href={`/comuni/${a.comune}/interventi/${a.projectId}`}>{a.projectTitle}</Link>,
          },
          { header: "Comune", cell: (a) => a.comuneName },
        ]}
        empty="Nessuna azione in ritardo."
      />
    </Section>
  );
}
