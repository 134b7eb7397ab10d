import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { ProjectHistory } from "@/components/projects/project-history";
import { DataTable } from "@/components/ui/data-table";
import { getProjectHistory } from "@/lib/audit/project-history";
import { requireActor } from "@/lib/auth/actor";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  formatDate,
  formatEuro,
  formatNumber,
  formatPercent,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { deny, orNotFound } from "@/lib/http/page";
import { sumMoney } from "@/lib/money";
import { getProjectForActor } from "@/lib/projects/get-project";
import { fundingWarnings } from "@/lib/validation/schemas";
import { deleteChildAction, deleteProjectAction } from "../actions";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Intervento" };

const today = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
};

export default async function ProjectPage(props: {
  params: Promise<{ istat: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { istat, id } = await props.params;
  const search = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const p = await orNotFound(getProjectForActor(actor, id), `/comuni/${istat}/interventi/${id}`);
  // The URL's comune must be the owner or, for a partner's read-only view, the partner comune.
  if (p.comuneIstat !== istat && !p.partners.some((x) => x.partnerIstat === istat))
    await deny(`/comuni/${istat}/interventi/${id}`);
  const history = await getProjectHistory(actor, p);
  const base = `/comuni/${istat}/interventi/${id}`;
  const w = p.access.canWrite;
  const planned = sumMoney(p.fundingLines.map((f) => f.amountPlanned));
  const committed = sumMoney(p.fundingLines.map((f) => f.amountCommitted));
  const paid = sumMoney(p.fundingLines.map((f) => f.amountPaid));
  const gap = sumMoney([p.totalCost, `-${planned}`]);
  const now = today();
  const childFields = (childKind: string, childId: string) => ({ childKind, projectId: p.id, id: childId });

  return (
    <article className="space-y-10">
      <header className="space-y-4">
        <p className="text-sm text-slate-700">
          <Link href={`/comuni/${istat}/interventi`}>Interventi</Link> · Comune di {p.comune.name} ·{" "}
          {p.stream.code} {p.stream.name}
          {p.smartLand ? ` · ${p.smartLand.name} – ${p.smartLand.phase}` : ""}
        </p>
        <h1 className="text-3xl font-semibold">{p.title}</h1>
        {search.salvato ? (
          <p role="status" className="rounded-md bg-green-50 px-4 py-2 text-sm text-green-900">
            Modifiche salvate.
          </p>
        ) : null}
        {search.ripristinato ? (
          <p role="status" className="rounded-md bg-green-50 px-4 py-2 text-sm text-green-900">
            Intervento ripristinato.
          </p>
        ) : null}
        {p.access.isPartner ? (
          <p className="rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
            Intervento del Comune di {p.comune.name} a cui il tuo comune partecipa come partner: sola lettura.
          </p>
        ) : null}
        {w ? (
          <div className="flex flex-wrap gap-3">
            <Link
              href={`${base}/modifica`}
              className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
            >
              Modifica
            </Link>
            <ActionButton
              action={deleteProjectAction}
              fields={{ id: p.id, version: String(p.version) }}
              label="Elimina"
              variant="secondary"
              confirm="Eliminare l'intervento? Potrai ripristinarlo dall'elenco degli interventi eliminati."
            />
          </div>
        ) : null}
        <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-4">
          {[
            ["CUP", p.cup ?? "—"],
            ["Codice locale", p.localCode ?? "—"],
            ["Stato procedurale", STATUS_LABELS[p.status]],
            ["Andamento", HEALTH_LABELS[p.health]],
            ["Avanzamento", `${p.progress}%`],
            ["Costo totale", formatEuro(p.totalCost)],
            ["Inizio / fine previsti", `${formatDate(p.plannedStart)} – ${formatDate(p.plannedEnd)}`],
            ["Inizio / fine effettivi", `${formatDate(p.actualStart)} – ${formatDate(p.actualEnd)}`],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
        {p.summary ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{p.summary}</p> : null}
        <p className="text-sm text-slate-700">
          Comuni partner:{" "}
          {p.partners.length
            ? p.partners.map((x) => x.partner.name).join(", ")
            : "nessuno (intervento del solo comune)"}
        </p>
      </header>

      <section id="risorse" aria-labelledby="risorse-titolo" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="risorse-titolo" className="text-xl font-semibold">
            Risorse
          </h2>
          {w ? <Link href={`${base}/risorse/nuovo`}>Aggiungi una risorsa</Link> : null}
        </div>
        <DataTable
          caption="Risorse dell'intervento"
          captionHidden
          rows={p.fundingLines}
          rowKey={(r) => r.id}
          columns={[
            { header: "Fonte", cell: (r) => SOURCE_LABELS[r.source] },
            { header: "Programma", cell: (r) => r.programme || "—" },
            { header: "Anno", cell: (r) => r.year },
            { header: "Previsto", cell: (r) => formatEuro(r.amountPlanned), align: "right" },
            { header: "Impegnato", cell: (r) => formatEuro(r.amountCommitted), align: "right" },
            { header: "Pagato", cell: (r) => formatEuro(r.amountPaid), align: "right" },
            {
              header: "Avvisi",
              cell: (r) => fundingWarnings(r).join(" ") || "—",
            },
            ...(w
              ? [
                  {
                    header: "Comandi",
                    cell: (r: (typeof p.fundingLines)[number]) => (
                      <span className="flex gap-3">
                        <Link
                          href={`${base}/risorse/${r.id}`}
                          aria-label={`Modifica la risorsa ${SOURCE_LABELS[r.source]} ${r.year}`}
                        >
                          Modifica
                        </Link>
                        <ActionButton
                          action={deleteChildAction}
                          fields={childFields("risorse", r.id)}
                          label="Elimina"
                          accessibleLabel={`Elimina la risorsa ${SOURCE_LABELS[r.source]} ${r.year}`}
                          variant="link"
                          confirm="Eliminare questa risorsa?"
                        />
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
          empty="Nessuna risorsa registrata."
        />
        <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-4" aria-label="Totali delle risorse">
          <div>
            <dt className="text-slate-600">Totale previsto</dt>
            <dd className="font-semibold" data-testid="total-planned">
              {formatEuro(planned)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Totale impegnato</dt>
            <dd className="font-semibold">{formatEuro(committed)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Totale pagato</dt>
            <dd className="font-semibold">{formatEuro(paid)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Fabbisogno scoperto (costo totale − previsto)</dt>
            <dd
              className={`font-semibold ${Number(gap) > 0 ? "text-red-800" : ""}`}
              data-testid="funding-gap"
            >
              {formatEuro(gap)}
            </dd>
          </div>
        </dl>
      </section>

      <section id="azioni" aria-labelledby="azioni-titolo" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="azioni-titolo" className="text-xl font-semibold">
            Azioni
          </h2>
          {w ? <Link href={`${base}/azioni/nuovo`}>Aggiungi un&apos;azione</Link> : null}
        </div>
        {p.actions.length === 0 ? <p className="text-sm text-slate-700">Nessuna azione registrata.</p> : null}
        <ol
          className="relative space-y-4 border-l-2 border-slate-300 pl-6"
          aria-label="Cronoprogramma delle azioni"
        >
          {p.actions.map((a) => {
            const overdue = a.status !== "DONE" && !a.doneDate && a.dueDate !== null && a.dueDate < now;
            return (
              <li
                key={a.id}
                className={`rounded-md border p-3 ${overdue ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
              >
                <p className="text-sm text-slate-700">
                  {formatDate(a.dueDate)} · {ACTION_KIND_LABELS[a.kind]} · {ACTION_STATUS_LABELS[a.status]}
                  {overdue ? <strong className="ml-2 text-red-800">In ritardo</strong> : null}
                </p>
                <p className="font-medium">{a.title}</p>
                <p className="text-sm text-slate-700">
                  {a.owner ? `Responsabile: ${a.owner}` : null}
                  {a.cig ? ` · CIG ${a.cig}` : null}
                  {a.doneDate ? ` · Completata il ${formatDate(a.doneDate)}` : null}
                </p>
                {w ? (
                  <p className="mt-1 flex gap-3 text-sm">
                    <Link href={`${base}/azioni/${a.id}`} aria-label={`Modifica l'azione ${a.title}`}>
                      Modifica
                    </Link>
                    <ActionButton
                      action={deleteChildAction}
                      fields={childFields("azioni", a.id)}
                      label="Elimina"
                      accessibleLabel={`Elimina l'azione ${a.title}`}
                      variant="link"
                      confirm="Eliminare questa azione?"
                    />
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      <section id="indicatori" aria-labelledby="indicatori-titolo" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="indicatori-titolo" className="text-xl font-semibold">
            Indicatori
          </h2>
          {w ? <Link href={`${base}/indicatori/nuovo`}>Aggiungi un indicatore</Link> : null}
        </div>
        <DataTable
          caption="Indicatori: obiettivo e valore attuale"
          captionHidden
          rows={p.indicators}
          rowKey={(r) => r.id}
          columns={[
            { header: "Indicatore", cell: (r) => r.name },
            { header: "Tema", cell: (r) => INDICATOR_THEME_LABELS[r.theme] },
            { header: "Unità di misura", cell: (r) => r.unit },
            { header: "Valore di partenza", cell: (r) => formatNumber(r.baseline), align: "right" },
            { header: "Obiettivo", cell: (r) => formatNumber(r.target), align: "right" },
            { header: "Valore attuale", cell: (r) => formatNumber(r.actual), align: "right" },
            {
              header: "Raggiungimento",
              cell: (r) => {
                const base0 = Number(r.baseline ?? 0);
                const span = Number(r.target ?? 0) - base0;
                if (r.target === null || r.actual === null || span === 0) return "—";
                const ratio = Math.max(0, Math.min(1, (Number(r.actual) - base0) / span));
                return (
                  <span className="flex items-center gap-2">
                    <span className="h-2 w-24 rounded bg-slate-200" aria-hidden="true">
                      <span className="block h-2 rounded bg-brand-600" style={{ width: `${ratio * 100}%` }} />
                    </span>
                    {formatPercent(ratio, 0)}
                  </span>
                );
              },
            },
            { header: "Periodo", cell: (r) => r.period || "—" },
            ...(w
              ? [
                  {
                    header: "Comandi",
                    cell: (r: (typeof p.indicators)[number]) => (
                      <span className="flex gap-3">
                        <Link
                          href={`${base}/indicatori/${r.id}`}
                          aria-label={`Modifica l'indicatore ${r.name}`}
                        >
                          Modifica
                        </Link>
                        <ActionButton
                          action={deleteChildAction}
                          fields={childFields("indicatori", r.id)}
                          label="Elimina"
                          accessibleLabel={`Elimina l'indicatore ${r.name}`}
                          variant="link"
                          confirm="Eliminare questo indicatore?"
                        />
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
          empty="Nessun indicatore registrato."
        />
      </section>

      {!p.access.isPartner ? (
        <section aria-labelledby="cronologia-titolo" className="space-y-3">
          <h2 id="cronologia-titolo" className="text-xl font-semibold">
            Cronologia
          </h2>
          <ProjectHistory events={history} />
        </section>
      ) : null}
    </article>
  );
}
