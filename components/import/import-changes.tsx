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

type Gender = "m" | "f";

const KINDS: {
  kind: RecordKind;
  title: string;
  gender: Gender;
  counts: (r: ImportReport) => ImportCounts;
}[] = [
  { kind: "project", title: "Interventi", gender: "m", counts: (r) => r.projects },
  { kind: "fundingLine", title: "Risorse", gender: "f", counts: (r) => r.fundingLines },
  { kind: "action", title: "Azioni", gender: "f", counts: (r) => r.actions },
  { kind: "indicator", title: "Indicatori", gender: "m", counts: (r) => r.indicators },
  { kind: "partner", title: "Comuni partner", gender: "m", counts: (r) => r.partners },
];

/** "1 nuovo, 2 modificati, 3 invariati" (risorse, azioni: "1 nuova, 2 modificate, …"). */
function outcomeCounts({ create, update, unchanged }: ImportCounts, gender: Gender): string {
  const [one, many] = gender === "m" ? ["o", "i"] : ["a", "e"];
  const words = (n: number, stem: string) => countOf(n, `${stem}${one}`, `${stem}${many}`);
  return `${words(create, "nuov")}, ${words(update, "modificat")}, ${words(unchanged, "invariat")}`;
}

/** A table in its own focusable scroll region, so that a phone's page never scrolls sideways. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative max-h-[32rem] max-w-full overflow-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700"
    >
      {children}
    </div>
  );
}

/** A table of file rows in its scroll region: "Riga" first (right-aligned), then `columns`. */
export function RowTable(props: {
  caption: string;
  label?: string;
  columns: readonly string[];
  children: React.ReactNode;
}) {
  return (
    <ScrollRegion label={props.label ?? props.caption}>
      <table className="w-full text-sm">
        <caption className="p-2 text-left font-semibold">{props.caption}</caption>
        <thead className="sticky top-0 bg-slate-100">
          <tr>
            <th scope="col" className="px-3 py-1 text-right">
              Riga
            </th>
            {props.columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-1 text-left">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </ScrollRegion>
  );
}

function ChangeRow({ change }: { change: RowChange }) {
  return (
    <tr className="border-t border-slate-200 align-top">
      <td className="px-3 py-1 text-right">{change.row}</td>
      <td className="min-w-40 px-3 py-1">{change.record}</td>
      <td className="px-3 py-1">{OUTCOME_LABELS[change.outcome]}</td>
      <td className="min-w-56 px-3 py-1">
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
function KindChanges({
  report,
  kind,
  title,
  gender,
  counts,
}: (typeof KINDS)[number] & { report: ImportReport }) {
  const { create, update, unchanged } = counts(report);
  if (create + update + unchanged === 0) return null;
  const rows = report.changes.filter((c) => c.kind === kind && c.outcome !== "unchanged");
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">
        {title}: {outcomeCounts(counts(report), gender)}
      </h3>
      {rows.length ? (
        <RowTable
          caption={title}
          label={`Modifiche: ${title}`}
          columns={[kind === "project" ? "Intervento" : "Intervento e record", "Esito", "Modifiche"]}
        >
          {rows.map((c) => (
            <ChangeRow key={c.row} change={c} />
          ))}
        </RowTable>
      ) : null}
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
