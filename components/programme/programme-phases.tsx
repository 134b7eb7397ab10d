import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { formatEuro, formatNumber } from "@/lib/format";
import type { Programme } from "@/lib/programme/programme";

const decimal = (v: string | null) => (v === null ? "—" : formatNumber(Number(v)));

/**
 * The programme's phases: per phase, every stream with the envelope by year, its total and its targets.
 * `editHref` (coordinators) links each stream of each phase to its form.
 */
export function ProgrammePhases(props: {
  programme: Programme;
  editHref?: (phase: number, stream: string) => string;
}) {
  const { programme, editHref } = props;
  if (programme.phases.length === 0)
    return <p className="text-sm text-slate-700">Il piano di programma non ha ancora fasi.</p>;
  return (
    <div className="space-y-8">
      {programme.phases.map((phase) => {
        const rows = programme.streams.map((s) => {
          const set = phase.streams.find((x) => x.code === s.code);
          return { code: s.code, name: s.name, set };
        });
        // Streams set on an archived stream still show.
        for (const x of phase.streams)
          if (!rows.some((r) => r.code === x.code)) rows.push({ code: x.code, name: x.name, set: x });
        const years = phase.startYear
          ? `${phase.startYear}–${phase.endYear ?? "…"}`
          : phase.endYear
            ? `fino al ${phase.endYear}`
            : "anni non indicati";
        return (
          <Section
            key={phase.ordinal}
            headingId={`fase-${phase.ordinal}`}
            title={`${phase.name} (${years}) · ${formatEuro(phase.total)}`}
            className="space-y-3"
          >
            <DataTable
              caption={`${phase.name}: dotazione e obiettivi per filone`}
              rows={rows}
              rowKey={(r) => r.code}
              columns={[
                { header: "Filone", cell: (r) => `${r.code} · ${r.name}` },
                {
                  header: "Dotazione per anno",
                  cell: (r) =>
                    r.set?.envelope.length
                      ? r.set.envelope.map((e) => `${e.year}: ${formatEuro(e.amount)}`).join("; ")
                      : "—",
                },
                { header: "Totale", cell: (r) => formatEuro(r.set?.total ?? "0"), align: "right" },
                {
                  header: "Obiettivi",
                  cell: (r) =>
                    r.set?.targets.length ? (
                      <ul className="list-disc pl-4">
                        {r.set.targets.map((t, i) => (
                          <li key={i}>
                            {t.name}: da {decimal(t.baseline)} a {decimal(t.target)} {t.unit} entro il{" "}
                            {t.year}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    ),
                },
                ...(editHref
                  ? [
                      {
                        header: "Comandi",
                        cell: (r: (typeof rows)[number]) => (
                          <Link
                            href={editHref(phase.ordinal, r.code)}
                            aria-label={`Imposta dotazione e obiettivi di ${r.code} in ${phase.name}`}
                          >
                            {r.set ? "Modifica" : "Imposta"}
                          </Link>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Section>
        );
      })}
    </div>
  );
}
