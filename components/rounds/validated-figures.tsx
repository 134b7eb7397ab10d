import { DataTable, type Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { formatEuro } from "@/lib/format";
import type { ComparisonRow, RoundComparison } from "@/lib/rounds/compare";

/** «Esporta»: the round's validated (or all transmitted) snapshots in OpenCoesione's column layout. */
export function RoundExportLinks(props: { roundId: string }) {
  const href = (formato: string, inclusi: string) =>
    `/api/v1/rounds/${props.roundId}/export?formato=${formato}&inclusi=${inclusi}`;
  return (
    <Section headingId="esporta" title="Esporta nel tracciato OpenCoesione">
      <p className="text-sm text-slate-700">
        Un intervento per riga, con i dati congelati all&apos;invio: CUP, finanziamenti per fonte, impegni,
        pagamenti, date del progetto e delle fasi (colonne come nei dati aperti di OpenCoesione).
      </p>
      <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <li>
          <a href={href("csv", "validati")} download>
            Invii validati (CSV)
          </a>
        </li>
        <li>
          <a href={href("xlsx", "validati")} download>
            Invii validati (XLSX)
          </a>
        </li>
        <li>
          <a href={href("csv", "trasmessi")} download>
            Anche quelli in esame (CSV)
          </a>
        </li>
        <li>
          <a href={href("xlsx", "trasmessi")} download>
            Anche quelli in esame (XLSX)
          </a>
        </li>
      </ul>
    </Section>
  );
}

const amounts = (["planned", "committed", "paid"] as const).flatMap((k): Column<ComparisonRow>[] => {
  const label = { planned: "Previsto", committed: "Impegnato", paid: "Pagato" }[k];
  return [
    { header: `${label} validato`, cell: (r) => formatEuro(r.validated[k]), align: "right" },
    { header: `${label} attuale`, cell: (r) => formatEuro(r.live[k]), align: "right" },
    { header: `Differenza ${label.toLowerCase()}`, cell: (r) => formatEuro(r.difference[k]), align: "right" },
  ];
});

function columns(first: string): Column<ComparisonRow>[] {
  return [
    { header: first, cell: (r) => (r.key ? r.name : <strong>{r.name}</strong>) },
    { header: "Interventi validati", cell: (r) => r.validated.projects, align: "right" },
    { header: "Interventi attuali", cell: (r) => r.live.projects, align: "right" },
    ...amounts,
  ];
}

/**
 * The round's validated figures (sum of the validated snapshots) beside the live figures of the same
 * comuni today, by stream and by comune, with the difference (attuale − validato).
 */
export function ValidatedVsLive(props: { comparison: RoundComparison }) {
  const c = props.comparison;
  return (
    <Section headingId="validati-attuali" title="Dati validati e dati attuali" className="space-y-4">
      <p className="text-sm text-slate-700">
        {c.comuni === 0
          ? "Nessun invio ancora validato."
          : `Somme degli invii validati (${c.comuni} comuni) accanto ai dati attuali degli stessi comuni; la differenza è attuale meno validato.`}
      </p>
      <DataTable
        caption="Per filone"
        columns={columns("Filone")}
        rows={[...c.byStream, c.total]}
        rowKey={(r) => r.key || "totale"}
      />
      <DataTable
        caption="Per comune"
        columns={columns("Comune")}
        rows={[...c.byComune, c.total]}
        rowKey={(r) => r.key || "totale"}
      />
    </Section>
  );
}
