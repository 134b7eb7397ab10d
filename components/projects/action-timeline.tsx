import { ChildCommands, type ChildRecords, ChildSection } from "@/components/projects/child-commands";
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS, formatDate, isPastDue } from "@/lib/format";

export type ActionRow = {
  id: string;
  title: string;
  kind: keyof typeof ACTION_KIND_LABELS;
  status: keyof typeof ACTION_STATUS_LABELS;
  owner: string;
  cig: string | null;
  dueDate: Date | null;
  doneDate: Date | null;
};

/** «Azioni» of a project: its timeline, overdue actions marked (late from the day after, in Rome). */
export function ActionTimeline(props: { actions: ActionRow[]; records?: ChildRecords; now?: Date }) {
  const { actions, records } = props;
  const now = props.now ?? new Date();
  return (
    <ChildSection kind="azioni" title="Azioni" addLabel="Aggiungi un'azione" records={records}>
      {actions.length === 0 ? <p className="text-sm text-slate-700">Nessuna azione registrata.</p> : null}
      <ol
        className="relative space-y-4 border-l-2 border-slate-300 pl-6"
        aria-label="Cronoprogramma delle azioni"
      >
        {actions.map((a) => {
          const overdue = a.status !== "DONE" && !a.doneDate && isPastDue(a.dueDate, now);
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
              {records ? (
                <div className="mt-1 flex gap-3 text-sm">
                  <ChildCommands
                    records={records}
                    kind="azioni"
                    id={a.id}
                    what={`l'azione ${a.title}`}
                    confirm="Eliminare questa azione?"
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </ChildSection>
  );
}
