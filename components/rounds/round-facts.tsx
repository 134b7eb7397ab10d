import { FactList } from "@/components/ui/fact-list";
import { formatCalendarDate, formatDateTime } from "@/lib/format/time";
import { ROUND_EVENT_LABELS, ROUND_ITEM_LABELS, ROUND_STATE_LABELS } from "@/lib/format/rounds";
import type { RoundView } from "@/lib/rounds/rounds";
import type { SubmissionPage } from "@/lib/rounds/submission";

const date = (iso: string) => formatCalendarDate(new Date(`${iso}T00:00:00Z`));

/** A round's period, due date, scope, state and required items. */
export function RoundFacts(props: { round: RoundView }) {
  const r = props.round;
  return (
    <FactList
      facts={[
        ["Periodo di riferimento", `${date(r.periodStart)} – ${date(r.periodEnd)}`],
        ["Scadenza", date(r.dueDate)],
        ["Comuni coinvolti", r.smartLand ? `Smart Land ${r.smartLand.name}` : "Tutti i comuni aderenti"],
        ["Stato della rilevazione", ROUND_STATE_LABELS[r.state]],
        ["Da aggiornare", r.items.map((i) => ROUND_ITEM_LABELS[i]).join(", ")],
      ]}
    />
  );
}

/** The submission's history: start, each submission, each decision with its note. */
export function SubmissionHistory(props: { history: SubmissionPage["history"] }) {
  if (props.history.length === 0) return <p className="text-sm text-slate-700">Nessun evento finora.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {props.history.map((h, i) => (
        <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
          <p>
            <strong>{ROUND_EVENT_LABELS[h.kind]}</strong>
            {h.revision > 0 ? ` · trasmissione n. ${h.revision}` : ""} ·{" "}
            {formatDateTime(new Date(h.createdAt))}
            {h.actorName ? ` · ${h.actorName}` : ""}
          </p>
          {h.comment ? <p className="mt-1 whitespace-pre-line">{h.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
