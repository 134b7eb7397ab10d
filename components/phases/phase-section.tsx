// «Cronoprogramma» on the project page: the Gantt of the eight phases, its table, overlaps and consistency
// with the project's own dates, and the link to edit them (officers of the comune only).
import Link from "next/link";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { PHASE_SHORT_LABELS } from "@/lib/format/phases";
import type { ProjectPhases } from "@/lib/phases/phases";
import { Gantt } from "./gantt";
import { PhaseTable } from "./phase-table";

export function PhaseSection(props: { data: ProjectPhases; editHref?: string; saved?: boolean }) {
  const { data } = props;
  const planned = data.phases.filter((p) => p.state !== "UNPLANNED");
  return (
    <Section
      id="fasi"
      headingId="fasi-titolo"
      title="Cronoprogramma"
      aside={props.editHref ? <Link href={props.editHref}>Modifica le fasi</Link> : undefined}
    >
      {props.saved ? <SuccessNotice compact>Fasi salvate.</SuccessNotice> : null}
      {planned.length === 0 ? (
        <p className="text-sm text-slate-700">Nessuna fase registrata.</p>
      ) : (
        <Gantt
          label="Diagramma delle fasi"
          today={data.today}
          rows={planned.map((p) => ({
            key: p.kind,
            label: PHASE_SHORT_LABELS[p.kind],
            bars: [{ ...p, key: p.kind }],
          }))}
        />
      )}
      <Checks title="Fasi sovrapposte" items={data.warnings} />
      <Checks title="Coerenza con le date dell'intervento" items={data.consistency} />
      <details>
        <summary className="cursor-pointer text-sm font-medium">Tabella delle fasi</summary>
        <div className="mt-2">
          <PhaseTable phases={data.phases} caption="Fasi dell'intervento: date previste ed effettive" />
        </div>
      </details>
    </Section>
  );
}

function Checks(props: { title: string; items: string[] }) {
  if (props.items.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{props.title}</p>
      <ul className="list-disc pl-5">
        {props.items.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
