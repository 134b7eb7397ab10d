import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectForm } from "@/components/projects/project-form";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getProjectFormOptions } from "@/lib/projects/form-options";
import { saveProjectAction } from "../actions";

export const metadata: Metadata = { title: "Nuovo intervento" };

export default async function NewProjectPage({ params }: { params: Promise<{ istat: string }> }) {
  const { istat } = await params;
  const actor = await requireActor();
  if (!can(actor, "projects.write", istat)) notFound();
  const options = await getProjectFormOptions(actor, istat);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-semibold">Nuovo intervento</h1>
      <ProjectForm
        action={saveProjectAction}
        saved={{
          streamId: "",
          title: "",
          summary: "",
          cup: "",
          localCode: "",
          totalCost: "",
          plannedStart: "",
          plannedEnd: "",
          actualStart: "",
          actualEnd: "",
          status: "NOT_STARTED",
          health: "ON_TRACK",
          progress: "0",
          smartLandId: options.smartLands[0]?.value ?? "",
          partnerIstat: [],
        }}
        {...options}
        cancelHref={`/comuni/${istat}/interventi`}
        reloadHref={`/comuni/${istat}/interventi/nuovo`}
      />
    </div>
  );
}
