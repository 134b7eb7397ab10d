import type { Metadata } from "next";
import Link from "next/link";
import { AuditChanges } from "@/components/audit/audit-changes";
import { DataTable } from "@/components/ui/data-table";
import { DateField, SelectField, TextField } from "@/components/ui/form-fields";
import { listAudit, type AuditRow, type AuditSearchParams } from "@/lib/audit/list-audit";
import { requireActor } from "@/lib/auth/actor";
import {
  auditActionLabel,
  auditCountLabel,
  auditEntityLabel,
  auditRoleLabel,
  formatDateTime,
} from "@/lib/format/audit";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Registro attività" };

const BASE = "/admin/registro";

function href(base: string, values: Record<string, string>, changes: Record<string, string> = {}) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...changes })) if (v) sp.set(k, v);
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}

function Entity({ row }: { row: AuditRow }) {
  const label = auditEntityLabel(row.entity);
  return (
    <>
      <span className="font-medium">{label}</span>
      <br />
      {row.projectHref ? (
        <Link href={row.projectHref} className="break-all text-xs">
          {row.entityId}
          <span className="sr-only"> (apri l&apos;intervento)</span>
        </Link>
      ) : (
        <span className="break-all text-xs text-slate-700">{row.entityId}</span>
      )}
    </>
  );
}

export default async function AuditLogPage(props: { searchParams: Promise<AuditSearchParams> }) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const page = await orNotFound(listAudit(actor, params), BASE);
  const filters = { ...page.values };
  const hasErrors = Object.keys(page.errors).length > 0;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Registro attività</h1>
      <p className="text-sm text-slate-700">
        Tutte le modifiche, gli accessi e gli accessi negati, dal più recente. Orari nel fuso di Roma.
      </p>
      <form
        role="search"
        aria-label="Filtra il registro"
        method="get"
        action={BASE}
        className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
      >
        <TextField
          name="comune"
          label="Comune"
          hint="Nome esatto o codice ISTAT"
          defaultValue={page.values.comune}
          errors={page.errors.comune}
        />
        <TextField
          name="utente"
          label="Utente"
          hint="Email dell'utente"
          defaultValue={page.values.utente}
          errors={page.errors.utente}
        />
        <SelectField
          name="oggetto"
          label="Oggetto"
          placeholder="Tutti"
          options={page.entities}
          defaultValue={page.values.oggetto}
        />
        <SelectField
          name="azione"
          label="Azione"
          placeholder="Tutte"
          options={page.actions}
          defaultValue={page.values.azione}
        />
        <DateField name="dal" label="Dal" defaultValue={page.values.dal} errors={page.errors.dal} />
        <DateField name="al" label="Al" defaultValue={page.values.al} errors={page.errors.al} />
        <TextField
          name="richiesta"
          label="Codice richiesta"
          hint="L'ID richiesta di una riga del log del server"
          defaultValue={page.values.richiesta}
          errors={page.errors.richiesta}
        />
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
            Filtra
          </button>
          <Link href={BASE} className="text-sm">
            Azzera i filtri
          </Link>
          {!hasErrors ? (
            <a href={href(`${BASE}/export`, filters)} className="ml-auto text-sm" download>
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
      <DataTable
        caption={`Eventi del registro (${page.rows.length} in questa pagina)`}
        rows={page.rows}
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
                        href={href(BASE, { richiesta: r.requestId })}
                        className="break-all font-mono"
                        aria-label={`Eventi della richiesta ${r.requestId}`}
                      >
                        {r.requestId}
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
                <span className="text-xs text-slate-700">
                  {r.actorRole ? auditRoleLabel(r.actorRole) : ""}
                </span>
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
                    <span aria-hidden="true">× {r.count}</span>
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
          hasErrors ? "Correggi i filtri per vedere gli eventi." : "Nessun evento corrisponde ai filtri."
        }
      />
      <nav aria-label="Pagine del registro" className="flex flex-wrap items-center gap-4 text-sm">
        {page.newer ? (
          <>
            <Link href={href(BASE, filters)}>⇤ Più recenti in assoluto</Link>
            <Link href={href(BASE, filters, { prima: page.newer })}>← Più recenti</Link>
          </>
        ) : null}
        {page.older ? (
          <Link href={href(BASE, filters, { dopo: page.older })} className="ml-auto">
            Meno recenti →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
