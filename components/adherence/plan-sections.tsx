import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { FactList } from "@/components/ui/fact-list";
import type { AdherenceAct, PlanPage } from "@/lib/adherence/adherence";
import {
  ADHERENCE_ACT_KIND_LABELS,
  formatDate,
  formatEuro,
  formatNumber,
  PLAN_EVENT_LABELS,
  PLAN_STATUS_LABELS,
} from "@/lib/format";
import { formatDateTime } from "@/lib/format/time";

/** A plan's status as a badge (text, never colour alone). */
export function PlanStatusBadge(props: { status: keyof typeof PLAN_STATUS_LABELS | null }) {
  const tone =
    props.status === "APPROVED"
      ? "bg-green-100 text-green-900"
      : props.status === "RETURNED"
        ? "bg-amber-100 text-amber-900"
        : props.status === "SUBMITTED"
          ? "bg-blue-100 text-blue-900"
          : "bg-slate-100 text-slate-800";
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone}`}>
      {props.status ? PLAN_STATUS_LABELS[props.status] : "Non aderisce"}
    </span>
  );
}

/** The act of adherence, read-only. */
export function ActFacts(props: { act: AdherenceAct | null }) {
  if (!props.act) return <p className="text-sm text-slate-700">Atto di adesione non ancora registrato.</p>;
  const a = props.act;
  return (
    <FactList
      facts={[
        [
          "Atto",
          `${ADHERENCE_ACT_KIND_LABELS[a.actKind as keyof typeof ADHERENCE_ACT_KIND_LABELS]} n. ${a.actNumber}`,
        ],
        ["Data", formatDate(a.actDate)],
        ...(a.note ? ([["Note", a.note]] as [string, string][]) : []),
      ]}
    />
  );
}

type Plan = NonNullable<PlanPage["plan"]>;
const decimal = (v: string | null) => (v === null ? "—" : formatNumber(v));

/** The plan's content, read-only (what the coordinator reviews; the officer's view while it is under review). */
export function PlanSummary(props: { plan: Plan }) {
  const p = props.plan;
  return (
    <div className="space-y-4">
      <FactList
        facts={[
          ["Obiettivi", p.objectives || "—"],
          ["Referente", [p.contactName, p.contactRole, p.contactEmail].filter(Boolean).join(" · ") || "—"],
        ]}
      />
      <DataTable
        caption="Dotazione prevista per anno"
        columns={[
          { header: "Anno", cell: (r) => String(r.year) },
          { header: "Importo", cell: (r) => formatEuro(r.amount), align: "right" },
        ]}
        rows={p.envelope}
        rowKey={(r) => String(r.year)}
        empty="Nessuna dotazione indicata."
      />
      <DataTable
        caption="Indicatori"
        columns={[
          { header: "Indicatore", cell: (r) => r.name },
          { header: "Unità di misura", cell: (r) => r.unit },
          { header: "Valore di partenza", cell: (r) => decimal(r.baseline), align: "right" },
          { header: "Obiettivo", cell: (r) => decimal(r.target), align: "right" },
          { header: "Anno", cell: (r) => String(r.year) },
        ]}
        rows={p.indicators}
        rowKey={(r) => `${r.name}|${r.year}`}
        empty="Nessun indicatore."
      />
    </div>
  );
}

/** Every submission and decision, oldest first: who, when (Rome), the comment. */
export function PlanHistory(props: { history: PlanPage["history"] }) {
  if (props.history.length === 0)
    return <p className="text-sm text-slate-700">Il piano non è ancora stato inviato.</p>;
  return (
    <ol className="space-y-2">
      {props.history.map((h, i) => (
        <li key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p>
            <span className="font-medium">{PLAN_EVENT_LABELS[h.kind]}</span> · versione {h.revision} ·{" "}
            {formatDateTime(new Date(h.createdAt))} · {h.actorName || "—"}
          </p>
          {h.comment ? <p className="mt-1 whitespace-pre-line">Osservazioni: {h.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

type StreamRow = {
  code: string;
  name: string;
  plan: { status: Plan["status"]; revision: number; envelope: string } | null;
};

/** The streams of one Smart Land with the comune's plan on each. */
export function StreamPlansTable(props: {
  caption: string;
  rows: StreamRow[];
  href: (code: string) => string;
}) {
  return (
    <DataTable
      caption={props.caption}
      columns={[
        { header: "Filone", cell: (r) => <Link href={props.href(r.code)}>{`${r.code} · ${r.name}`}</Link> },
        { header: "Piano", cell: (r) => <PlanStatusBadge status={r.plan?.status ?? null} /> },
        { header: "Versione", cell: (r) => (r.plan ? String(r.plan.revision) : "—"), align: "right" },
        {
          header: "Dotazione prevista",
          cell: (r) => (r.plan ? formatEuro(r.plan.envelope) : "—"),
          align: "right",
        },
      ]}
      rows={props.rows}
      rowKey={(r) => r.code}
    />
  );
}
