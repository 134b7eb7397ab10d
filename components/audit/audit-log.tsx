import Link from "next/link";
import { AuditChanges } from "@/components/audit/audit-changes";
import { DataTable } from "@/components/ui/data-table";
import { DateField, SelectField, TextField } from "@/components/ui/form-fields";
import type { AuditFilterValues, AuditRow } from "@/lib/audit/list-audit";
import { formatNumber } from "@/lib/format";
import {
  auditActionLabel,
  auditCountLabel,
  auditEntityLabel,
  auditRoleLabel,
  formatDateTime,
} from "@/lib/format/audit";

const BASE = "/admin/registro";

type Option = { value: string; label: string };

/** A URL of the log (or of its export) with the given filters; empty values are left out. */
function auditHref(base: string, values: Record<string, string>, changes: Record<string, string> = {}) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...changes })) if (v) sp.set(k, v);
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}

/** The log's filters with their errors, and the CSV export of the current filters when they are valid. */
export function AuditFilterForm(props: {
  values: AuditFilterValues;
  errors: Partial<Record<string, string[]>>;
  entities: Option[];
  actions: Option[];
}) {
  const { values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  // A typed filter: its name, what was typed and what is wrong with it.
  const typed = (name: keyof AuditFilterValues) => ({
    name,
    defaultValue: values[name],
    errors: errors[name],
  });
  return (
    <>
      <form
        role="search"
        aria-label="Filtra il registro"
        method="get"
        action={BASE}
        className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
      >
        <TextField {...typed("comune")} label="Comune" hint="Nome esatto o codice ISTAT" />
        <TextField {...typed("utente")} label="Utente" hint="Email dell'utente" />
        <SelectField
          name="oggetto"
          label="Oggetto"
          placeholder="Tutti"
          options={props.entities}
          defaultValue={values.oggetto}
        />
        <SelectField
          name="azione"
          label="Azione"
          placeholder="Tutte"
          options={props.actions}
          defaultValue={values.azione}
        />
        <DateField {...typed("dal")} label="Dal" />
        <DateField {...typed("al")} label="Al" />
        <TextField
          {...typed("richiesta")}
          label="Codice richiesta"
          hint="L'ID richiesta di una riga del log del server"
        />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
            Filtra
          </button>
          <Link href={BASE} className="text-sm">
            Azzera i filtri
          </Link>
          {!hasErrors ? (
            <a href={auditHref(`${BASE}/export`, values)} className="ml-auto text-sm" download>
              Scarica CSV (filtri correnti)
            </a>
          ) : null}
        </div>
      </form>
      {hasErrors ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-900">
          Alcuni filtri non sono validi: controlla i messaggi accanto ai campi.
        </p>
      ) : null}
    </>
  );
}

/** A request id as a short handle ("3f2a9c1e…"); the link and its label keep the whole id. */
function shortRequestId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** What an event touched; a project's records link to the project. */
function Entity({ row }: { row: AuditRow }) {
  const label = auditEntityLabel(row.entity);
  return (
    <>
      <span className="font-medium">{label}</span>
      <br />
      {row.projectHref ? (
        <Link href={row.projectHref} className="break-words text-xs">
          {row.entityName ?? "Intervento"}
          <span className="sr-only"> (apri l&apos;intervento)</span>
        </Link>
      ) : row.entityName ? (
        <span className="break-words text-xs text-slate-700">{row.entityName}</span>
      ) : null}
    </>
  );
}

/** One page of the log; a request id lists every event of that request. */
export function AuditTable(props: { rows: AuditRow[]; filtersInvalid: boolean }) {
  return (
    <DataTable
      caption={`Eventi del registro (${props.rows.length} in questa pagina)`}
      rows={props.rows}
      rowKey={(r) => r.id}
      columns={[
        {
          header: "Data e ora",
          cell: (r) => (
            <>
              <span className="whitespace-nowrap">{formatDateTime(r.createdAt)}</span>
              {r.requestId ? (
                <>
                  <br />
                  <span className="text-xs text-slate-700">
                    Richiesta{" "}
                    <Link
                      href={auditHref(BASE, { richiesta: r.requestId })}
                      className="break-all font-mono"
                      aria-label={`Eventi della richiesta ${r.requestId}`}
                      title={r.requestId}
                    >
                      {shortRequestId(r.requestId)}
                    </Link>
                  </span>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: "Utente",
          cell: (r) => (
            <>
              {r.actorName ?? "—"}
              <br />
              <span className="text-xs text-slate-700">{r.actorRole ? auditRoleLabel(r.actorRole) : ""}</span>
            </>
          ),
        },
        { header: "Comune", cell: (r) => r.comuneName ?? r.comuneIstat ?? "—" },
        { header: "Oggetto", cell: (r) => <Entity row={r} /> },
        {
          header: "Azione",
          cell: (r) => (
            <>
              {auditActionLabel(r.action)}
              {r.count > 1 ? (
                <span className="whitespace-nowrap text-slate-700">
                  {" "}
                  <span aria-hidden="true">× {formatNumber(r.count)}</span>
                  <span className="sr-only">({auditCountLabel(r.count)})</span>
                </span>
              ) : null}
            </>
          ),
        },
        {
          header: "Modifiche",
          cell: (r) => (
            <AuditChanges
              changes={r.changes}
              caption={`${auditActionLabel(r.action)} di ${auditEntityLabel(r.entity)} del ${formatDateTime(r.createdAt)}`}
            />
          ),
        },
      ]}
      empty={
        props.filtersInvalid
          ? "Correggi i filtri per vedere gli eventi."
          : "Nessun evento corrisponde ai filtri."
      }
    />
  );
}

/** Newer and older pages of the log (keyset cursors), with the current filters. */
export function AuditPager(props: { values: AuditFilterValues; newer: string | null; older: string | null }) {
  const { values } = props;
  return (
    <nav aria-label="Pagine del registro" className="flex flex-wrap items-center gap-4 text-sm">
      {props.newer ? (
        <>
          <Link href={auditHref(BASE, values)}>⇤ Più recenti in assoluto</Link>
          <Link href={auditHref(BASE, values, { prima: props.newer })}>← Più recenti</Link>
        </>
      ) : null}
      {props.older ? (
        <Link href={auditHref(BASE, values, { dopo: props.older })} className="ml-auto">
          Meno recenti →
        </Link>
      ) : null}
    </nav>
  );
}
