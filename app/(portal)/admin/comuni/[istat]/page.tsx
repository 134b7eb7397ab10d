import type { Metadata } from "next";
import Link from "next/link";
import { comuneAccountState } from "@/components/comuni/comune-admin-list";
import { ActionButton } from "@/components/ui/action-button";
import { SuccessNotice } from "@/components/ui/notice";
import { requireActor } from "@/lib/auth/actor";
import { getComuneAccount } from "@/lib/comuni/manage-comune";
import { formatInstantDate, formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { comuneAccountAction } from "../actions";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Comune" };

const NOTICES: Record<string, string> = {
  onboard: "Il comune ora aderisce al programma: puoi creare i suoi referenti.",
  suspend:
    "Comune sospeso: i suoi referenti non possono più accedere. I dati restano intatti e nel quadro regionale.",
  reinstate: "Comune riattivato: i suoi referenti possono di nuovo accedere.",
};

export default async function ComuneAccountPage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { istat } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const c = await orNotFound(getComuneAccount(actor, istat), "/admin/comuni/[istat]");
  const here = `/admin/comuni/${c.istat}`;
  const fields = { istat: c.istat, version: String(c.version) };
  return (
    <div className="max-w-3xl space-y-8">
      <p className="text-sm">
        <Link href="/admin/comuni">Comuni</Link>
      </p>
      <div>
        <h1 className="text-3xl font-semibold">Comune di {c.name}</h1>
        <p className="text-sm text-slate-700">
          Codice ISTAT {c.istat} · {c.province.name} ({c.province.acronym}) · {formatNumber(c.population)}{" "}
          abitanti
        </p>
      </div>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Stato</dt>
        <dd>{comuneAccountState(c)}</dd>
        <dt className="font-medium">Aderente dal</dt>
        <dd>{formatInstantDate(c.memberSince)}</dd>
        <dt className="font-medium">Utenti</dt>
        <dd>{formatNumber(c._count.users)}</dd>
        <dt className="font-medium">Interventi</dt>
        <dd>{formatNumber(c.projects)}</dd>
        <dt className="font-medium">Smart Land</dt>
        <dd>{c.smartLands.map((s) => `${s.smartLand.name} – ${s.smartLand.phase}`).join(", ") || "—"}</dd>
      </dl>
      <section aria-labelledby="adesione" className="space-y-3 border-t border-slate-200 pt-6">
        <h2 id="adesione" className="text-xl font-semibold">
          Adesione
        </h2>
        {!c.member ? (
          <ActionButton
            action={comuneAccountAction}
            fields={{ ...fields, operation: "onboard" }}
            label="Rendi aderente al programma"
            reloadHref={here}
          />
        ) : c.suspended ? (
          <ActionButton
            action={comuneAccountAction}
            fields={{ ...fields, operation: "reinstate" }}
            label="Riattiva il comune"
            reloadHref={here}
          />
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Sospendere il comune impedisce l&apos;accesso ai suoi referenti; i suoi dati restano intatti e
              visibili nel quadro regionale.
            </p>
            <ActionButton
              action={comuneAccountAction}
              fields={{ ...fields, operation: "suspend" }}
              label="Sospendi il comune"
              variant="danger"
              confirm="Sospendere il comune? I suoi referenti non potranno più accedere."
              reloadHref={here}
            />
          </>
        )}
      </section>
    </div>
  );
}
