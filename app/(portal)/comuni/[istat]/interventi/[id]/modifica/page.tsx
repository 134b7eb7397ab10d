import type { Metadata } from "next";
import { ProjectForm } from "@/components/projects/project-form";
import { requireActor } from "@/lib/auth/actor";
import { formInput } from "@/lib/format";
import { deny, orNotFound } from "@/lib/http/page";
import { getProjectFormOptions } from "@/lib/projects/form-options";
import { getProjectForActor } from "@/lib/projects/get-project";
import { saveProjectAction } from "../../actions";

export const metadata: Metadata = { title: "Modifica intervento" };

export default async function EditProjectPage({
  params,
}: {
  params: Promise<{ istat: string; id: string }>;
}) {
  const { istat, id } = await params;
  const actor = await requireActor();
  const p = await orNotFound(getProjectForActor(actor, id), `/comuni/${istat}/interventi/${id}/modifica`);
  if (!p.access.canWrite || p.comuneIstat !== istat) await deny(`/comuni/${istat}/interventi/${id}/modifica`);
  const options = await getProjectFormOptions(actor, istat, p.streamId);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-semibold">Modifica intervento</h1>
      <ProjectForm
        action={saveProjectAction}
        saved={{
          id: p.id,
          version: p.version,
          streamId: p.streamId,
          title: p.title,
          summary: p.summary,
          cup: p.cup ?? "",
          localCode: p.localCode ?? "",
          totalCost: formInput(p.totalCost, 2),
          plannedStart: formInput(p.plannedStart),
          plannedEnd: formInput(p.plannedEnd),
          actualStart: formInput(p.actualStart),
          actualEnd: formInput(p.actualEnd),
          status: p.status,
          health: p.health,
          progress: String(p.progress),
          smartLandId: p.smartLandId ?? "",
          partnerIstat: p.partners.map((x) => x.partnerIstat),
        }}
        {...options}
        cancelHref={`/comuni/${istat}/interventi/${id}`}
        reloadHref={`/comuni/${istat}/interventi/${id}/modifica`}
      />
    </div>
  );
}
