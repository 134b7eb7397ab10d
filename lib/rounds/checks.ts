// The completeness checks of a project for a round (pure: lib/rounds/submission.ts loads the data). Each
// check comes from an item the round requires; an "error" blocks the submission (the figures would be
// inconsistent), a "warning" does not (the comune may have nothing new to report: a stale progress or an
// indicator not yet measured is worth a look, not a refusal).
import type { ActionStatus, ProjectStatus } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/format/time";
import type { RoundItem } from "@/lib/validation/schemas";

export type CheckSeverity = "error" | "warning";
export type Check = { item: RoundItem; severity: CheckSeverity; message: string; href: string };

export type CheckedProject = {
  id: string;
  comuneIstat: string;
  status: ProjectStatus;
  progress: number;
  plannedStart: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  updatedAt: Date;
  funding: { committed: number; paid: number; updatedAt: Date }[];
  actions: { status: ActionStatus; dueDate: Date | null }[];
  indicators: { actual: unknown }[];
};

export type RoundRequirements = {
  periodStart: Date;
  periodEnd: Date;
  items: readonly RoundItem[];
};

const STARTED: readonly ProjectStatus[] = ["EXECUTION", "COMPLETED"];
const COMMITTING: readonly ProjectStatus[] = ["PROCUREMENT", "EXECUTION", "COMPLETED"];

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace("{n}", String(n)));

export function projectChecks(p: CheckedProject, round: RoundRequirements): Check[] {
  const base = `/comuni/${p.comuneIstat}/interventi/${p.id}`;
  const edit = `${base}/modifica`;
  const wants = (item: RoundItem) => round.items.includes(item);
  const checks: Check[] = [];
  const add = (item: RoundItem, severity: CheckSeverity, message: string, href: string) =>
    checks.push({ item, severity, message, href });
  if (p.status === "CANCELLED") return checks;
  const periodEndTime = round.periodEnd.getTime();

  if (
    wants("status") &&
    p.status === "NOT_STARTED" &&
    p.plannedStart &&
    p.plannedStart.getTime() <= periodEndTime
  )
    add(
      "status",
      "warning",
      `L'avvio era previsto il ${formatCalendarDate(p.plannedStart)}: aggiorna lo stato procedurale.`,
      edit,
    );
  if (wants("progress")) {
    if (p.status === "COMPLETED" && p.progress < 100)
      add("progress", "error", "L'intervento è concluso: l'avanzamento deve essere 100%.", edit);
    else if (p.updatedAt.getTime() < round.periodStart.getTime())
      add(
        "progress",
        "warning",
        `Avanzamento non aggiornato dall'inizio del periodo (${formatCalendarDate(round.periodStart)}).`,
        edit,
      );
  }
  if (wants("dates")) {
    if (STARTED.includes(p.status) && !p.actualStart)
      add(
        "dates",
        "error",
        "Indica la data di inizio effettivo: l'intervento è in esecuzione o concluso.",
        edit,
      );
    if (p.status === "COMPLETED" && !p.actualEnd)
      add("dates", "error", "Indica la data di fine effettiva: l'intervento è concluso.", edit);
  }
  if (wants("funding")) {
    const href = `${base}#risorse`;
    if (p.funding.length === 0)
      add("funding", "error", "Nessuna risorsa registrata: aggiungi le fonti di finanziamento.", href);
    else {
      const committed = p.funding.reduce((sum, f) => sum + f.committed, 0);
      const paid = p.funding.reduce((sum, f) => sum + f.paid, 0);
      if (COMMITTING.includes(p.status) && committed <= 0)
        add("funding", "error", "Indica gli importi impegnati: l'intervento è in affidamento o oltre.", href);
      if (STARTED.includes(p.status) && paid <= 0)
        add("funding", "warning", "Nessun pagamento registrato per un intervento in esecuzione.", href);
    }
  }
  if (wants("actions")) {
    const overdue = p.actions.filter(
      (a) => a.status === "TODO" && a.dueDate && a.dueDate.getTime() <= periodEndTime,
    );
    if (overdue.length)
      add(
        "actions",
        "error",
        plural(
          overdue.length,
          "Un'azione scaduta nel periodo è ancora «Da fare»: aggiornane lo stato.",
          "{n} azioni scadute nel periodo sono ancora «Da fare»: aggiornane lo stato.",
        ),
        `${base}#azioni`,
      );
  }
  if (wants("indicators")) {
    const missing = p.indicators.filter((i) => i.actual === null || i.actual === undefined).length;
    if (missing)
      add(
        "indicators",
        "warning",
        plural(missing, "Un indicatore senza valore rilevato.", "{n} indicatori senza valore rilevato."),
        `${base}#indicatori`,
      );
  }
  return checks;
}
