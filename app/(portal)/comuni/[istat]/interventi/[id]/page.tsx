import type { Metadata } from "next";
import { ActionTimeline } from "@/components/projects/action-timeline";
import { DocumentSection } from "@/components/projects/document-section";
import type { ChildRecords } from "@/components/projects/child-commands";
import { FundingSection } from "@/components/projects/funding-section";
import { IndicatorSection } from "@/components/projects/indicator-section";
import { PhaseSection } from "@/components/phases/phase-section";
import { ProjectHeader } from "@/components/projects/project-header";
import { ProjectHistory } from "@/components/projects/project-history";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { deny, orNotFound } from "@/lib/http/page";
import { getProjectForActor } from "@/lib/projects/get-project";
import { getProjectPageReads } from "@/lib/projects/project-page";
import { fundingWarnings, overFundingWarning } from "@/lib/validation/schemas";
import {
  deleteChildAction,
  deleteProjectAction,
  publishProjectAction,
  unpublishProjectAction,
} from "../actions";
import { deleteDocumentAction, setDocumentPublicAction } from "./document-actions";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Intervento" };

export default async function ProjectPage(props: {
  params: Promise<{ istat: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { istat, id } = await props.params;
  const search = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const p = await orNotFound(getProjectForActor(actor, id), `/comuni/${istat}/interventi/${id}`);
  // The URL's comune must be the owner or, for a partner's read-only view, the partner comune.
  if (p.comuneIstat !== istat && !p.partners.some((x) => x.partnerIstat === istat))
    await deny(`/comuni/${istat}/interventi/${id}`);
  // Phases, documents (never for a partner comune) and history in one read.
  const { history, phases, documents } = await getProjectPageReads(actor, p);
  const base = `/comuni/${istat}/interventi/${id}`;
  // Commands only for those who may write; the sections read-only otherwise.
  const records: ChildRecords | undefined = p.access.canWrite
    ? { projectHref: base, projectId: p.id, deleteChild: deleteChildAction }
    : undefined;

  return (
    <article className="space-y-10">
      <ProjectHeader
        project={p}
        projectHref={base}
        listHref={`/comuni/${istat}/interventi`}
        notices={{
          saved: Boolean(search.salvato),
          restored: Boolean(search.ripristinato),
          published: Boolean(search.pubblicato),
          unpublished: Boolean(search.ritirato),
        }}
        isPartner={p.access.isPartner}
        deleteProject={p.access.canWrite ? deleteProjectAction : undefined}
        publishProject={p.access.canWrite ? publishProjectAction : undefined}
        unpublishProject={p.access.canWrite ? unpublishProjectAction : undefined}
      />
      <FundingSection
        lines={p.fundingLines.map((f) => ({ ...f, warnings: fundingWarnings(f) }))}
        overFunded={overFundingWarning(p.totalCost, p.fundingLines)}
        totalCost={p.totalCost}
        records={records}
      />
      <PhaseSection
        data={phases}
        saved={Boolean(search.fasi)}
        editHref={p.access.canWrite ? `${base}/fasi` : undefined}
      />
      <ActionTimeline actions={p.actions} records={records} />
      <IndicatorSection indicators={p.indicators} records={records} />
      {documents ? (
        <DocumentSection
          projectId={p.id}
          documents={documents}
          actions={p.actions}
          commands={
            p.access.canWrite
              ? { setPublic: setDocumentPublicAction, remove: deleteDocumentAction }
              : undefined
          }
        />
      ) : null}
      {!p.access.isPartner ? (
        <Section headingId="cronologia-titolo" title="Cronologia">
          <ProjectHistory events={history} />
        </Section>
      ) : null}
    </article>
  );
}
