// A comune's cronoprogramma: its live projects, a page at a time, each with its eight phases — the rows of
// /comuni/{istat}/cronoprogramma. Filters: stream, status. Same scope as the comune's pages.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inOrder, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { romeToday } from "@/lib/format";
import { PHASE_KINDS } from "@/lib/format/phases";
import type { ProjectStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { phaseView, type PhaseView } from "./phases";

export const TIMELINE_PAGE_SIZE = 20;

export type TimelineFilters = { streamId?: string; status?: ProjectStatus; page?: number };

export type TimelineRow = {
  id: string;
  title: string;
  status: ProjectStatus;
  streamName: string;
  phases: PhaseView[];
};

export type ComuneTimeline = {
  istat: string;
  name: string;
  today: string;
  total: number;
  page: number;
  pageSize: number;
  rows: TimelineRow[];
  streams: { id: string; name: string }[];
};

export async function getComuneTimeline(
  actor: Actor,
  istat: string,
  filters: TimelineFilters,
  now = new Date(),
): Promise<ComuneTimeline> {
  if (!/^\d{6}$/.test(istat) || !can(actor, "projects.read", istat)) throw notFound();
  const today = romeToday(now);
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  return withActor(actor, async (tx) => {
    const comune = await tx.comune.findUnique({ where: { istat }, select: { istat: true, name: true } });
    if (!comune) throw notFound();
    const where: Prisma.ProjectWhereInput = {
      comuneIstat: istat,
      deletedAt: null,
      ...(filters.streamId ? { streamId: filters.streamId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
    };
    const [total, projects, streams] = await inOrder([
      tx.project.count({ where }),
      tx.project.findMany({
        where,
        orderBy: [{ plannedStart: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
        skip: (page - 1) * TIMELINE_PAGE_SIZE,
        take: TIMELINE_PAGE_SIZE,
        select: {
          id: true,
          title: true,
          status: true,
          stream: { select: { name: true } },
          phases: true,
        },
      }),
      tx.stream.findMany({
        where: { projects: { some: { comuneIstat: istat, deletedAt: null } } },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      }),
    ]);
    const rows = projects.map((p) => {
      const byKind = new Map(p.phases.map((ph) => [ph.kind, ph]));
      return {
        id: p.id,
        title: p.title,
        status: p.status,
        streamName: p.stream.name,
        phases: PHASE_KINDS.map((kind) => phaseView(kind, byKind.get(kind), today)),
      };
    });
    return { ...comune, today, total, page, pageSize: TIMELINE_PAGE_SIZE, rows, streams };
  });
}
