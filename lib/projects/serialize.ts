import { toIsoDate } from "@/lib/format";
import { moneyString as money } from "@/lib/money";
import type { ProjectDetail } from "./get-project";
import type { listProjects } from "./list-projects";

type Summary = Awaited<ReturnType<typeof listProjects>>["items"][number];
const date = (d: Date | null) => (d ? toIsoDate(d) : null);

/** JSON shape of a project in lists: money as decimal strings, dates as ISO `yyyy-mm-dd`. */
export function serializeProjectSummary(p: Summary) {
  return {
    id: p.id,
    comuneIstat: p.comuneIstat,
    comune: p.comune.name,
    title: p.title,
    cup: p.cup,
    localCode: p.localCode,
    stream: p.stream,
    totalCost: money(p.totalCost),
    status: p.status,
    health: p.health,
    progress: p.progress,
    plannedStart: date(p.plannedStart),
    plannedEnd: date(p.plannedEnd),
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function serializeProject(p: ProjectDetail) {
  return {
    id: p.id,
    comuneIstat: p.comuneIstat,
    comune: p.comune.name,
    smartLand: p.smartLand,
    stream: p.stream,
    title: p.title,
    summary: p.summary,
    cup: p.cup,
    localCode: p.localCode,
    totalCost: money(p.totalCost),
    plannedStart: date(p.plannedStart),
    plannedEnd: date(p.plannedEnd),
    actualStart: date(p.actualStart),
    actualEnd: date(p.actualEnd),
    status: p.status,
    health: p.health,
    progress: p.progress,
    version: p.version,
    partners: p.partners.map((x) => ({ istat: x.partner.istat, name: x.partner.name })),
    fundingLines: p.fundingLines.map((f) => ({
      id: f.id,
      source: f.source,
      programme: f.programme,
      year: f.year,
      amountPlanned: money(f.amountPlanned),
      amountCommitted: money(f.amountCommitted),
      amountPaid: money(f.amountPaid),
      version: f.version,
    })),
    actions: p.actions.map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      owner: a.owner,
      dueDate: date(a.dueDate),
      doneDate: date(a.doneDate),
      status: a.status,
      cig: a.cig,
      version: a.version,
    })),
    indicators: p.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      theme: i.theme,
      unit: i.unit,
      baseline: i.baseline?.toString() ?? null,
      target: i.target?.toString() ?? null,
      actual: i.actual?.toString() ?? null,
      period: i.period,
      version: i.version,
    })),
    access: p.access,
  };
}
