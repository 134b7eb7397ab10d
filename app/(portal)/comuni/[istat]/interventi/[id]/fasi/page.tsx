import type { Metadata } from "next";
import Link from "next/link";
import { PhaseForm } from "@/components/phases/phase-form";
import { requireActor } from "@/lib/auth/actor";
import { deny, orNotFound } from "@/lib/http/page";
import { getProjectPhases } from "@/lib/phases/phases";
import { savePhasesAction } from "./actions";

export const metadata: Metadata = { title: "Fasi dell'intervento" };

/** The officer's editor of a project's phases; anyone else (partner, coordinator, other comune) → 404. */
export default async function ProjectPhasesPage(props: { params: Promise<{ istat: string; id: string }> }) {
  const { istat, id } = await props.params;
  const actor = await requireActor();
  const path = `/comuni/${istat}/interventi/${id}/fasi`;
  const data = await orNotFound(getProjectPhases(actor, id), path);
  if (data.project.comuneIstat !== istat || !data.canWrite) await deny(path);
  const projectHref = `/comuni/${istat}/interventi/${id}`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`${projectHref}#fasi`}>← {data.project.title}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Fasi dell&apos;intervento</h1>
      <PhaseForm
        action={savePhasesAction}
        istat={istat}
        projectId={id}
        phases={data.phases}
        reloadHref={path}
      />
    </div>
  );
}
