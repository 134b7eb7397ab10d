import type { Metadata } from "next";
import { AuditFilterForm, AuditPager, AuditTable } from "@/components/audit/audit-log";
import { listAudit, type AuditSearchParams } from "@/lib/audit/list-audit";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Registro attività" };

export default async function AuditLogPage(props: { searchParams: Promise<AuditSearchParams> }) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const page = await orNotFound(listAudit(actor, params), "/admin/registro");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Registro attività</h1>
      <p className="text-sm text-slate-700">
        Tutte le modifiche, gli accessi e gli accessi negati, dal più recente. Orari nel fuso di Roma.
      </p>
      <AuditFilterForm
        values={page.values}
        errors={page.errors}
        entities={page.entities}
        actions={page.actions}
      />
      <AuditTable rows={page.rows} filtersInvalid={Object.keys(page.errors).length > 0} />
      <AuditPager values={page.values} newer={page.newer} older={page.older} />
    </div>
  );
}
