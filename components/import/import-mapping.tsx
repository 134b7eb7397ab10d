"use client";

import { useState } from "react";
import type { ImportReport, ReportColumn } from "@/lib/import/report";
import { ScrollRegion } from "./import-changes";

/** The officer's mapping as the API's `mappatura` takes it: file header → portal column, null = ignore. */
export type ChosenMapping = Record<string, string | null>;

const UNSET = "__scegli__";
const IGNORE = "__ignora__";

const SOURCE_LABELS: Record<ReportColumn["source"], string> = {
  template: "Colonna del modello",
  synonym: "Riconosciuta dal nome",
  remembered: "Ricordata dalle importazioni precedenti del comune",
  chosen: "Scelta da te",
  unknown: "Da indicare",
};

/**
 * The mapping step of the preview: every header of the file that is not the template's, with a select of
 * the portal's columns (or "Ignora colonna"). Shown when some header is unknown, and whenever headers were
 * read by a synonym or from the comune's memory, so that the officer can change them.
 */
export function ImportMapping({
  report,
  columns,
  busy,
  onApply,
}: {
  report: ImportReport;
  columns: readonly string[];
  busy: boolean;
  onApply: (mapping: ChosenMapping) => void;
}) {
  const rows = report.columns.filter((c) => c.source !== "template");
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      rows.map((c) => [c.header, c.source === "unknown" ? UNSET : c.column === null ? IGNORE : c.column]),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  if (rows.length === 0 && !report.mappingNeeded) return null;
  const remembered = rows.filter((c) => c.source === "remembered");

  return (
    <section aria-labelledby="mappatura" className="space-y-3 rounded-md border border-slate-300 p-3">
      <h3 id="mappatura" className="text-lg font-semibold">
        Corrispondenza delle colonne
      </h3>
      {report.mappingNeeded ? (
        <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
          {rows.some((c) => c.source === "unknown")
            ? "Alcune colonne del file non corrispondono a quelle del portale: indica a quale colonna corrisponde ciascuna, oppure scegli «Ignora colonna», poi ricalcola l'anteprima."
            : "Il file non ha né la colonna «CUP» né «Codice locale»: indica quale colonna del file li contiene."}
        </p>
      ) : (
        <p className="text-sm">
          Le intestazioni del file diverse da quelle del modello sono state collegate così; puoi cambiarle e
          ricalcolare l&apos;anteprima. La corrispondenza confermata viene ricordata per le prossime
          importazioni del comune.
        </p>
      )}
      {remembered.length ? (
        <p className="text-sm">
          Dalle importazioni precedenti del comune:{" "}
          {remembered
            .map((c) => `«${c.header}» → ${c.column === null ? "ignorata" : `«${c.column}»`}`)
            .join("; ")}
          .
        </p>
      ) : null}
      <ScrollRegion label="Corrispondenza delle colonne">
        <table className="text-sm">
          <caption className="sr-only">Colonne del file e colonne del portale</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-4">
                Colonna del file
              </th>
              <th scope="col" className="py-1 pr-4">
                Colonna del portale
              </th>
              <th scope="col" className="py-1">
                Origine
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={c.header} className="border-t border-slate-200 align-top">
                <th scope="row" className="py-1 pr-4 text-left font-medium">
                  {c.header}
                </th>
                <td className="py-1 pr-4">
                  <label htmlFor={`colonna-${i}`} className="sr-only">
                    Colonna del portale per «{c.header}»
                  </label>
                  <select
                    id={`colonna-${i}`}
                    value={values[c.header] ?? UNSET}
                    aria-invalid={error !== null && values[c.header] === UNSET ? true : undefined}
                    onChange={(e) => setValues({ ...values, [c.header]: e.target.value })}
                    className="rounded-md border border-slate-400 px-2 py-1"
                  >
                    <option value={UNSET}>— Scegli —</option>
                    <option value={IGNORE}>Ignora colonna</option>
                    {columns.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-1">{SOURCE_LABELS[c.source]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          if (rows.some((c) => values[c.header] === UNSET)) {
            setError("Scegli una colonna del portale (o «Ignora colonna») per ogni colonna del file.");
            return;
          }
          setError(null);
          // Sent (and remembered): what was unknown, chosen before, or changed now.
          const target = (c: ReportColumn) => (values[c.header] === IGNORE ? null : values[c.header]!);
          onApply(
            Object.fromEntries(
              rows
                .filter((c) => c.source === "unknown" || c.source === "chosen" || target(c) !== c.column)
                .map((c) => [c.header, target(c)]),
            ),
          );
        }}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white disabled:opacity-60"
      >
        Applica la corrispondenza e ricalcola l&apos;anteprima
      </button>
    </section>
  );
}
