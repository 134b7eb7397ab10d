import { formatDate, formatEuro, ROLE_LABELS } from "@/lib/format";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Event = {
  id: bigint;
  entity: string;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

const ENTITY: Record<string, string> = {
  Project: "Intervento",
  FundingLine: "Risorsa",
  Action: "Azione",
  Indicator: "Indicatore",
};
const ACTION: Record<string, string> = {
  CREATE: "creazione",
  UPDATE: "modifica",
  DELETE: "eliminazione",
  RESTORE: "ripristino",
};
const FIELD: Record<string, string> = {
  title: "Titolo",
  summary: "Descrizione",
  cup: "CUP",
  localCode: "Codice locale",
  totalCost: "Costo totale",
  plannedStart: "Inizio previsto",
  plannedEnd: "Fine prevista",
  actualStart: "Inizio effettivo",
  actualEnd: "Fine effettiva",
  status: "Stato",
  health: "Andamento",
  progress: "Avanzamento",
  streamId: "Filone",
  smartLandId: "Smart Land",
  partnerIstat: "Comuni partner",
  deletedAt: "Eliminato il",
  source: "Fonte",
  programme: "Programma",
  year: "Anno",
  amountPlanned: "Previsto",
  amountCommitted: "Impegnato",
  amountPaid: "Pagato",
  kind: "Tipo",
  owner: "Responsabile",
  dueDate: "Scadenza",
  doneDate: "Completata il",
  cig: "CIG",
  name: "Nome",
  theme: "Tema",
  unit: "Unità di misura",
  baseline: "Valore di partenza",
  target: "Obiettivo",
  actual: "Valore attuale",
  period: "Periodo",
};
const HIDDEN = new Set(["id", "projectId", "comuneIstat"]);

const dateTime = new Intl.DateTimeFormat("it-IT", {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: "Europe/Rome",
});

const MONEY = new Set(["totalCost", "amountPlanned", "amountCommitted", "amountPaid"]);
const DATES = new Set(["plannedStart", "plannedEnd", "actualStart", "actualEnd", "dueDate", "doneDate"]);

function show(v: Json | undefined, key = ""): string {
  if (v === null || v === undefined || v === "") return "—";
  if (MONEY.has(key) && typeof v === "string") return formatEuro(v);
  if (DATES.has(key) && typeof v === "string") return formatDate(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x)).join(", ") : "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** The "Cronologia" of a project: who changed what, with the fields before and after. */
export function ProjectHistory({ events }: { events: Event[] }) {
  if (!events.length) return <p className="text-sm text-slate-700">Nessuna modifica registrata.</p>;
  return (
    <ol className="space-y-3">
      {events.map((e) => {
        const before = (e.before ?? {}) as Record<string, Json>;
        const after = (e.after ?? {}) as Record<string, Json>;
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (k) => !HIDDEN.has(k),
        );
        return (
          <li key={String(e.id)} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
            <p>
              <span className="font-medium">{dateTime.format(e.createdAt)}</span> ·{" "}
              {ENTITY[e.entity] ?? e.entity}: {ACTION[e.action] ?? e.action} · {e.actorName ?? "—"}
              {e.actorRole && e.actorRole in ROLE_LABELS
                ? ` (${ROLE_LABELS[e.actorRole as keyof typeof ROLE_LABELS]})`
                : ""}
            </p>
            {keys.length && e.action !== "CREATE" && e.action !== "DELETE" ? (
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {keys.map((k) => (
                  <li key={k}>
                    {FIELD[k] ?? k}: {show(before[k], k)} → {show(after[k], k)}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
