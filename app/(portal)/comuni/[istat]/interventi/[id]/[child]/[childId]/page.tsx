import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChildForm } from "@/components/projects/child-form";
import { findChildKind, type ChildPageSegment } from "@/lib/api/child-kinds";
import { requireActor } from "@/lib/auth/actor";
import { formInput, romeYear } from "@/lib/format";
import { deny, orNotFound } from "@/lib/http/page";
import { getProjectForActor, type ProjectDetail } from "@/lib/projects/get-project";
import { saveChildAction } from "../../../actions";

export const metadata: Metadata = { title: "Modifica intervento" };

/** The saved values of a child record, as its form shows them; null when the id is not in this project. */
function savedValues(
  p: ProjectDetail,
  kind: ChildPageSegment,
  childId: string,
): Record<string, string> | null {
  if (kind === "risorse") {
    const f = p.fundingLines.find((x) => x.id === childId);
    return f
      ? {
          id: f.id,
          version: String(f.version),
          source: f.source,
          programme: f.programme,
          year: String(f.year),
          amountPlanned: formInput(f.amountPlanned, 2),
          amountCommitted: formInput(f.amountCommitted, 2),
          amountPaid: formInput(f.amountPaid, 2),
        }
      : null;
  }
  if (kind === "azioni") {
    const a = p.actions.find((x) => x.id === childId);
    return a
      ? {
          id: a.id,
          version: String(a.version),
          title: a.title,
          kind: a.kind,
          status: a.status,
          owner: a.owner,
          cig: a.cig ?? "",
          dueDate: formInput(a.dueDate),
          doneDate: formInput(a.doneDate),
        }
      : null;
  }
  const i = p.indicators.find((x) => x.id === childId);
  return i
    ? {
        id: i.id,
        version: String(i.version),
        name: i.name,
        theme: i.theme,
        unit: i.unit,
        baseline: formInput(i.baseline),
        target: formInput(i.target),
        actual: formInput(i.actual),
        period: i.period,
      }
    : null;
}

export default async function ChildPage({
  params,
}: {
  params: Promise<{ istat: string; id: string; child: string; childId: string }>;
}) {
  const { istat, id, child, childId } = await params;
  const kind = findChildKind(child, "page");
  if (!kind) notFound();
  const actor = await requireActor();
  const p = await orNotFound(
    getProjectForActor(actor, id),
    `/comuni/${istat}/interventi/${id}/${child}/${childId}`,
  );
  if (!p.access.canWrite || p.comuneIstat !== istat)
    await deny(`/comuni/${istat}/interventi/${id}/${child}/${childId}`);
  const isNew = childId === "nuovo";
  const saved = isNew ? { year: String(romeYear()), status: "TODO" } : savedValues(p, kind.page, childId);
  if (!saved) notFound();
  const projectHref = `/comuni/${istat}/interventi/${id}`;
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm text-slate-700">{p.title}</p>
      <h1 className="text-3xl font-semibold">{isNew ? kind.labels.new : kind.labels.edit}</h1>
      <ChildForm
        kind={kind.page}
        action={saveChildAction}
        projectId={id}
        saved={saved}
        cancelHref={projectHref}
        reloadHref={`${projectHref}/${child}/${childId}`}
      />
    </div>
  );
}
