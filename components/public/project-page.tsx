import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  EMPTY_VALUE,
  formatDate,
  formatEuro,
  formatInstantDate,
  HEALTH_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
} from "@/lib/format";
import type { ActionKind, ActionStatus } from "@/lib/generated/prisma/enums";
import { fundingGap, sumMoney } from "@/lib/money";
import { documentTypeLabel, formatBytes } from "@/lib/format/documents";
import { formatIsoDate, PHASE_LABELS } from "@/lib/format/phases";
import type { PublicDocument } from "@/lib/public/public-documents";
import type { PublicProjectPage } from "@/lib/public/public-project";

/** Title, identity and where the project is: comune, partners, Smart Land, filone. */
export function PublicProjectHeader({ project: p }: { project: PublicProjectPage }) {
  const facts: [string, React.ReactNode][] = [
    ["CUP", p.cup ?? EMPTY_VALUE],
    [
      "Comune",
      <Link key="c" href={`/progetti?comune=${p.comune.istat}`}>
        {p.comune.name} ({p.comune.province})
      </Link>,
    ],
    ["Comuni partner", p.partners.length ? p.partners.map((c) => c.name).join(", ") : EMPTY_VALUE],
    [
      "Smart Land",
      p.smartLand ? (
        <Link key="s" href={`/smart-land/${p.smartLand.slug}`}>
          {p.smartLand.name} – {p.smartLand.phase}
        </Link>
      ) : (
        EMPTY_VALUE
      ),
    ],
    ["Filone", `${p.stream.code} · ${p.stream.name}`],
    ["Tema", THEME_LABELS[p.stream.theme]],
    ["Stato procedurale", STATUS_LABELS[p.status]],
    ["Andamento", HEALTH_LABELS[p.health]],
    ["Inizio previsto / effettivo", `${formatDate(p.plannedStart)} / ${formatDate(p.actualStart)}`],
    ["Fine prevista / effettiva", `${formatDate(p.plannedEnd)} / ${formatDate(p.actualEnd)}`],
  ];
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/progetti">← Tutti gli interventi pubblicati</Link>
      </p>
      <h1 className="text-3xl font-semibold break-words">{p.title}</h1>
      {p.summary ? <p className="max-w-4xl whitespace-pre-line">{p.summary}</p> : null}
      <p className="text-sm text-slate-700">Pubblicato il {formatInstantDate(p.publishedAt)}</p>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Cost, resources planned, committed and paid, the gap and the progress, then the funding lines. */
export function PublicProjectFunding({ project: p }: { project: PublicProjectPage }) {
  const { gap, excess } = fundingGap(p.totalCost, p.planned);
  const totals = {
    planned: sumMoney(p.funding.map((l) => l.planned)),
    committed: sumMoney(p.funding.map((l) => l.committed)),
    paid: sumMoney(p.funding.map((l) => l.paid)),
  };
  return (
    <section aria-labelledby="finanziamento" className="space-y-3">
      <h2 id="finanziamento" className="text-xl font-semibold">
        Finanziamento
      </h2>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <KpiCard label="Costo totale" value={formatEuro(p.totalCost)} />
        <KpiCard label="Finanziamento previsto" value={formatEuro(p.planned)} />
        <KpiCard label="Impegnato" value={formatEuro(p.committed)} />
        <KpiCard label="Pagato" value={formatEuro(p.paid)} />
        <KpiCard label="Avanzamento" value={`${p.progress} %`} />
      </div>
      <p className="text-sm">
        {excess !== "0.00"
          ? `Le risorse previste superano il costo totale di ${formatEuro(excess)}.`
          : `Fabbisogno scoperto (da reperire): ${formatEuro(gap)}.`}
      </p>
      <DataTable
        caption="Fonti di finanziamento per programma e anno"
        rows={[...p.funding.map((l, i) => ({ ...l, key: String(i) })), { key: "totale", ...totals } as Row]}
        rowKey={(l) => l.key}
        empty="Nessuna fonte di finanziamento pubblicata."
        columns={[
          { header: "Fonte", cell: (l) => (l.source ? SOURCE_LABELS[l.source] : <strong>Totale</strong>) },
          { header: "Programma", cell: (l) => l.programme || (l.source ? EMPTY_VALUE : "") },
          { header: "Anno", cell: (l) => l.year ?? "" },
          { header: "Previsto", cell: (l) => formatEuro(l.planned), align: "right" },
          { header: "Impegnato", cell: (l) => formatEuro(l.committed), align: "right" },
          { header: "Pagato", cell: (l) => formatEuro(l.paid), align: "right" },
        ]}
      />
    </section>
  );
}

type Row = Partial<PublicProjectPage["funding"][number]> & {
  key: string;
  planned: string;
  committed: string;
  paid: string;
};

/** The actions' milestones: planned and actual dates and status (no owner: a person's name). */
export function PublicProjectMilestones({ project: p }: { project: PublicProjectPage }) {
  return (
    <section aria-labelledby="cronoprogramma" className="space-y-3">
      <h2 id="cronoprogramma" className="text-xl font-semibold">
        Cronoprogramma
      </h2>
      {p.phases.length > 0 ? (
        <DataTable
          caption="Fasi procedurali: date previste ed effettive"
          rows={p.phases}
          rowKey={(ph) => ph.kind}
          columns={[
            { header: "Fase", cell: (ph) => PHASE_LABELS[ph.kind] ?? ph.kind },
            { header: "Inizio previsto", cell: (ph) => formatIsoDate(ph.plannedStart) },
            { header: "Fine prevista", cell: (ph) => formatIsoDate(ph.plannedEnd) },
            { header: "Inizio effettivo", cell: (ph) => formatIsoDate(ph.actualStart) },
            { header: "Fine effettiva", cell: (ph) => formatIsoDate(ph.actualEnd) },
          ]}
        />
      ) : null}
      <DataTable
        caption="Fasi e scadenze dell'intervento"
        captionHidden
        rows={p.milestones.map((m, i) => ({ ...m, key: String(i) }))}
        rowKey={(m) => m.key}
        empty="Nessuna fase pubblicata."
        columns={[
          { header: "Fase", cell: (m) => m.title },
          { header: "Tipo", cell: (m) => ACTION_KIND_LABELS[m.kind as ActionKind] ?? m.kind },
          { header: "Scadenza prevista", cell: (m) => formatDate(m.dueDate && new Date(m.dueDate)) },
          { header: "Data effettiva", cell: (m) => formatDate(m.doneDate && new Date(m.doneDate)) },
          { header: "Stato", cell: (m) => ACTION_STATUS_LABELS[m.status as ActionStatus] ?? m.status },
        ]}
      />
    </section>
  );
}

/** The documents the comune marked public (acts already published): name, type, size, date, download. */
export function PublicProjectDocuments(props: { projectId: string; documents: PublicDocument[] }) {
  if (props.documents.length === 0) return null;
  return (
    <section aria-labelledby="documenti" className="space-y-3">
      <h2 id="documenti" className="text-xl font-semibold">
        Documenti
      </h2>
      <ul className="space-y-2">
        {props.documents.map((d) => (
          <li key={d.id}>
            <a href={`/progetti/${props.projectId}/documenti/${d.id}`} className="break-all" download>
              {d.fileName}
            </a>{" "}
            <span className="text-sm text-slate-700">
              ({documentTypeLabel(d.mediaType)}, {formatBytes(d.size)}, {formatDate(d.createdAt)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
