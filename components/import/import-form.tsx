"use client";

import Link from "next/link";
import { useRef, useState, useSyncExternalStore } from "react";
import type { ImportCounts, ImportReport } from "@/lib/import/report";
import { countOf, ImportChanges, RowTable, ScrollRegion } from "./import-changes";
import { ImportMapping, type ChosenMapping } from "./import-mapping";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number; commit: boolean }
  | { kind: "validating"; commit: boolean }
  | { kind: "preview"; report: ImportReport }
  | { kind: "done"; report: ImportReport }
  | { kind: "failed"; message: string; report?: ImportReport };

type Problem = { title?: string; detail?: string; report?: ImportReport };

const number = new Intl.NumberFormat("it-IT");

/** POSTs the file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function send(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = onUploaded;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

function Counts({ label, counts }: { label: string; counts: ImportCounts }) {
  return (
    <tr>
      <th scope="row" className="py-1 pr-2 text-left font-medium sm:pr-4">
        {label}
      </th>
      <td className="px-2 py-1 text-right sm:px-4">{number.format(counts.create)}</td>
      <td className="px-2 py-1 text-right sm:px-4">{number.format(counts.update)}</td>
      <td className="px-2 py-1 text-right sm:px-4">{number.format(counts.unchanged)}</td>
    </tr>
  );
}

const SEPARATORS: Record<string, string> = { ";": "«;»", ",": "«,»", "\t": "tabulazione" };

/** How the file was read: "Formato: CSV · Codifica: Windows-1252 · Separatore: «;»". */
function FileFacts({ report }: { report: ImportReport }) {
  const facts = [`Formato: ${report.format.toUpperCase()}`];
  if (report.encoding) facts.push(`Codifica: ${report.encoding}`);
  if (report.separator) facts.push(`Separatore: ${SEPARATORS[report.separator] ?? report.separator}`);
  return <p className="text-sm text-slate-700">{facts.join(" · ")}</p>;
}

function Summary({ report, done }: { report: ImportReport; done: boolean }) {
  return (
    <ScrollRegion label="Riepilogo">
      <table className="text-sm">
        <caption className="mb-1 p-2 text-left font-semibold">
          {done ? "Esito dell'importazione" : "Anteprima"}: {report.fileName} (
          {countOf(report.rows, "riga", "righe")}
          {report.errorRows ? `, ${number.format(report.errorRows)} con errori` : ""})
        </caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-2 text-left sm:pr-4">
              Tipo
            </th>
            <th scope="col" className="px-2 py-1 text-right sm:px-4">
              {done ? "Creati" : "Da creare"}
            </th>
            <th scope="col" className="px-2 py-1 text-right sm:px-4">
              {done ? "Aggiornati" : "Da aggiornare"}
            </th>
            <th scope="col" className="px-2 py-1 text-right sm:px-4">
              Invariati
            </th>
          </tr>
        </thead>
        <tbody>
          <Counts label="Interventi" counts={report.projects} />
          <Counts label="Risorse" counts={report.fundingLines} />
          <Counts label="Azioni" counts={report.actions} />
          <Counts label="Indicatori" counts={report.indicators} />
          <Counts label="Comuni partner" counts={report.partners} />
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function IssueTable({ caption, issues }: { caption: string; issues: ImportReport["errors"] }) {
  return (
    <RowTable caption={caption} columns={["Colonna", "Problema", "Valore"]}>
      {issues.map((issue, i) => (
        <tr key={i} className="border-t border-slate-200 align-top">
          <td className="px-3 py-1 text-right">{issue.row}</td>
          <td className="px-3 py-1">{issue.column}</td>
          <td className="min-w-64 px-3 py-1">{issue.message}</td>
          <td className="px-3 py-1 break-words">{issue.value === null ? "—" : `«${issue.value}»`}</td>
        </tr>
      ))}
    </RowTable>
  );
}

const changes = (r: ImportReport) =>
  r.projects.create +
  r.projects.update +
  r.fundingLines.create +
  r.fundingLines.update +
  r.actions.create +
  r.actions.update +
  r.indicators.create +
  r.indicators.update +
  r.partners.create;

/** Upload → preview (dry run) → confirm (all or nothing), with upload progress and a validation state. */
export function ImportForm({
  endpoint,
  listHref,
  columns,
}: {
  endpoint: string;
  listHref: string;
  /** The portal's columns, offered in the mapping step. */
  columns: readonly string[];
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [file, setFile] = useState<File | null>(null);
  // The officer's column mapping for this file, sent with the preview and the commit (`mappatura`).
  const [mapping, setMapping] = useState<ChosenMapping | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // false in the server render and until hydration: the buttons need this component's handlers.
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const busy = !hydrated || phase.kind === "uploading" || phase.kind === "validating";

  async function run(commit: boolean, token?: string | null, chosen: ChosenMapping | null = mapping) {
    if (!file) {
      setPhase({ kind: "failed", message: "Scegli un file CSV o XLSX da caricare." });
      inputRef.current?.focus();
      return;
    }
    setPhase({ kind: "uploading", percent: 0, commit });
    const query = new URLSearchParams();
    if (!commit) query.set("anteprima", "1");
    else if (token) query.set("token", token);
    if (chosen && Object.keys(chosen).length) query.set("mappatura", JSON.stringify(chosen));
    const url = `${endpoint}${query.size ? `?${query.toString()}` : ""}`;
    try {
      const { status, body } = await send(
        url,
        file,
        (percent) => setPhase({ kind: "uploading", percent, commit }),
        () => setPhase({ kind: "validating", commit }),
      );
      if (status === 200) {
        const report = body as ImportReport;
        setPhase(commit ? { kind: "done", report } : { kind: "preview", report });
        return;
      }
      const problem = (body ?? {}) as Problem;
      setPhase({
        kind: "failed",
        message: problem.detail ?? problem.title ?? "Importazione non riuscita: riprova.",
        report: problem.report,
      });
    } catch {
      setPhase({ kind: "failed", message: "Connessione non riuscita: controlla la rete e riprova." });
    }
  }

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-900">
            File CSV o XLSX
          </label>
          <input
            ref={inputRef}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMapping(null);
              setPhase({ kind: "idle" });
            }}
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white disabled:opacity-60"
        >
          Carica e controlla
        </button>
      </form>

      <div role="status" aria-live="polite" className="text-sm">
        {phase.kind === "uploading" ? (
          <span className="flex items-center gap-2">
            <label htmlFor="import-progress">Caricamento del file: {phase.percent}%</label>
            <progress id="import-progress" max={100} value={phase.percent} className="w-48" />
          </span>
        ) : null}
        {phase.kind === "validating"
          ? phase.commit
            ? "Importazione in corso… Non chiudere la pagina."
            : "Validazione in corso…"
          : null}
        {phase.kind === "done"
          ? changes(phase.report) > 0
            ? "Importazione completata: le modifiche sono state salvate."
            : "Importazione completata: non c'era nulla da modificare."
          : null}
      </div>

      {phase.kind === "failed" ? (
        <div
          role="alert"
          className="space-y-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-semibold">{phase.message}</p>
        </div>
      ) : null}
      {phase.kind === "failed" && phase.report ? (
        <IssueTable caption="Errori per riga" issues={phase.report.errors} />
      ) : null}

      {phase.kind === "preview" || phase.kind === "done" ? (
        <div className="space-y-4">
          <Summary report={phase.report} done={phase.kind === "done"} />
          <FileFacts report={phase.report} />
          {phase.kind === "preview" ? (
            <ImportMapping
              key={JSON.stringify(phase.report.columns)}
              report={phase.report}
              columns={columns}
              busy={busy}
              onApply={(chosen) => {
                setMapping(chosen);
                void run(false, null, chosen);
              }}
            />
          ) : null}
          {phase.report.missingColumns.length && !phase.report.mappingNeeded ? (
            <p className="text-sm text-slate-700">
              Colonne assenti dal file: {phase.report.missingColumns.map((c) => `«${c}»`).join(", ")}. Per i
              record già presenti restano i valori salvati; i nuovi prendono i valori predefiniti.
            </p>
          ) : null}
          {phase.report.errorCount > 0 ? (
            <>
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
                Il file contiene {countOf(phase.report.errorCount, "errore", "errori")} in{" "}
                {countOf(phase.report.errorRows, "riga", "righe")}: non verrà importato nulla. Correggi il
                file e caricalo di nuovo.
              </p>
              <IssueTable
                caption={
                  phase.report.errorCount > phase.report.errors.length
                    ? `Errori per riga (i primi ${number.format(phase.report.errors.length)} su ${number.format(phase.report.errorCount)})`
                    : "Errori per riga"
                }
                issues={phase.report.errors}
              />
            </>
          ) : null}
          <ImportChanges report={phase.report} />
          {phase.report.warnings.length ? (
            <IssueTable caption="Avvisi (non bloccano l'importazione)" issues={phase.report.warnings} />
          ) : null}
          {phase.kind === "preview" && phase.report.ok ? (
            changes(phase.report) > 0 ? (
              <div className="flex flex-wrap items-center gap-3">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void run(true, phase.report.token)}
                  className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white"
                >
                  Conferma l&apos;importazione
                </button>
                <span className="text-sm text-slate-700">
                  Tutte le modifiche vengono salvate insieme, oppure nessuna.
                </span>
              </div>
            ) : (
              <p className="text-sm">Il file non contiene modifiche rispetto ai dati salvati.</p>
            )
          ) : null}
          {phase.kind === "done" ? (
            <p>
              <Link href={listHref}>Vai all&apos;elenco degli interventi</Link>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
