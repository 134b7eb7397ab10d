// The import preview's change list: per kind of record, a table of the rows that create or update a record
// (with every changed field, old → new) and the count of the unchanged ones.

import type { ImportCounts, ImportReport, RecordKind, RowChange, RowOutcome } from "@/lib/import/report";

const number = new Intl.NumberFormat("it-IT");

/** "1 riga", "3 righe": the count with the singular or the plural noun. */
export function countOf(count: number, one: string, many: string): string {
  return `${number.format(count)} ${count === 1 ? one : many}`;
}

const OUTCOME_LABELS: Record<RowOutcome, string> = {
  create: "Nuovo",
  update: "Modificato",
  unchanged: "Invariato",
};

const KINDS: { kind: RecordKind; title: string; counts: (r: ImportReport) => ImportCounts }[] = [
  { kind: "project", title: "Interventi", counts: (r) => r.projects },
  { kind: "fundingLine", title: "Risorse", counts: (r) => r.fundingLines },
  { kind: "action", title: "Azioni", counts: (r) => r.actions },
];

/** A table in its own focusable scroll region, so that a phone's page never scrolls sideways. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="max-h-[32rem] max-w-full overflow-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700"
    >
      {children}
    </div>
  );
}

function ChangeRow({ change }: { change: RowChange }) {
  return (
    <tr className="border-t border-slate-200 align-top">
      <td className="px-3 py-1 text-right">{change.row}</td>
      <td className="min-w-48 px-3 py-1">{change.record}</td>
      <td className="px-3 py-1">{OUTCOME_LABELS[change.outcome]}</td>
      <td className="min-w-64 px-3 py-1">
        {change.changes.length ? (
          <ul className="space-y-0.5">
            {change.changes.map((c) => (
              <li key={c.field}>
                <span className="font-medium">{c.field}:</span> {c.before} → {c.after}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
    </tr>
  );
}

/** The rows of `kind` that change something, and the count of the unchanged ones. */
function KindChanges({ report, kind, title, counts }: (typeof KINDS)[number] & { report: ImportReport }) {
  const { create, update, unchanged } = counts(report);
  if (create + update + unchanged === 0) return null;
  const rows = report.changes.filter((c) => c.kind === kind && c.outcome !== "unchanged");
  const caption = `${title}: ${number.format(create)} nuovi, ${number.format(update)} modificati, ${number.format(unchanged)} invariati`;
  return (
    <div className="space-y-1">
      {rows.length ? (
        <ScrollRegion label={`Modifiche: ${title}`}>
          <table className="w-full text-sm">
            <caption className="p-2 text-left font-semibold">{caption}</caption>
            <thead className="sticky top-0 bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-1 text-right">
                  Riga
                </th>
                <th scope="col" className="px-3 py-1 text-left">
                  {kind === "project" ? "Intervento" : "Intervento e record"}
                </th>
                <th scope="col" className="px-3 py-1 text-left">
                  Esito
                </th>
                <th scope="col" className="px-3 py-1 text-left">
                  Modifiche
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <ChangeRow key={c.row} change={c} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <p className="text-sm font-semibold">{caption}</p>
      )}
      {unchanged > 0 ? (
        <p className="text-sm text-slate-700">
          {unchanged === 1
            ? "1 riga invariata non è elencata."
            : `${number.format(unchanged)} righe invariate non sono elencate.`}
        </p>
      ) : null}
    </div>
  );
}

/** What the file changes, kind by kind (the report lists at most MAX_LISTED rows). */
export function ImportChanges({ report }: { report: ImportReport }) {
  return (
    <section aria-label="Modifiche riga per riga" className="space-y-3">
      {KINDS.map((k) => (
        <KindChanges key={k.kind} report={report} {...k} />
      ))}
      {report.changesOmitted > 0 ? (
        <p className="text-sm text-slate-700">
          Sono elencate le prime {countOf(report.changes.length, "riga", "righe")}: altre{" "}
          {countOf(report.changesOmitted, "riga non è elencata", "righe non sono elencate")}.
        </p>
      ) : null}
    </section>
  );
}
