import type { Metadata } from "next";
import { ActDocuments } from "@/components/adherence/act-documents";
import { PlanForm } from "@/components/adherence/plan-form";
import { PlanHeader } from "@/components/adherence/plan-header";
import { PlanHistory, PlanSummary } from "@/components/adherence/plan-sections";
import { PlanReview } from "@/components/adherence/plan-review";
import { Section } from "@/components/ui/section";
import { getPlanForActor } from "@/lib/adherence/adherence";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listAdherenceDocuments } from "@/lib/documents/adherence-owner";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";
import { approvePlanAction, returnPlanAction, savePlanAction, submitPlanAction } from "../../actions";

export const metadata: Metadata = { title: "Piano locale" };

const EMPTY = {
  objectives: "",
  envelope: [],
  indicators: [],
  contactName: "",
  contactRole: "",
  contactEmail: "",
};

/** A comune's local plan for one stream: the officer edits and submits it, the coordinator reviews it. */
export default async function PlanPage(props: {
  params: Promise<{ istat: string; slug: string; stream: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { istat, slug, stream } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const code = stream;
  const page = await orNotFound(
    getPlanForActor(actor, { istat, slug }, code),
    "/comuni/[istat]/adesione/[slug]/[stream]",
  );
  const here = `/comuni/${istat}/adesione/${slug}/${encodeURIComponent(code)}`;
  const documents = await listAdherenceDocuments(actor, istat, slug);
  const plan = page.plan;
  const hidden = { istat, slug, stream: code, version: String(plan?.version ?? 0) };
  const editable = can(actor, "adherence.write", istat) && page.act !== null && plan?.status !== "SUBMITTED";
  const back =
    can(actor, "adherence.review") || actor.role === "ADMIN"
      ? `/regione/adesioni/${slug}`
      : `/comuni/${istat}/adesione`;
  return (
    <div className="max-w-5xl space-y-8">
      <PlanHeader
        page={page}
        esito={esito}
        back={{
          href: back,
          label: back.startsWith("/regione") ? `Matrice di ${page.smartLand.name}` : "Adesione del comune",
        }}
      />
      {editable ? (
        <Section headingId="piano" title="Il piano">
          <PlanForm
            key={plan?.version ?? 0}
            action={savePlanAction}
            hidden={hidden}
            saved={plan ?? EMPTY}
            reloadHref={here}
          />
        </Section>
      ) : plan ? (
        <Section headingId="piano" title="Il piano">
          <PlanSummary plan={plan} />
        </Section>
      ) : null}
      {plan ? (
        <PlanReview
          status={plan.status}
          hidden={hidden}
          here={here}
          canSubmit={can(actor, "adherence.write", istat)}
          canReview={can(actor, "adherence.review")}
          actions={{ submit: submitPlanAction, approve: approvePlanAction, giveBack: returnPlanAction }}
        />
      ) : null}
      <Section headingId="storia" title="Storia del piano">
        <PlanHistory history={page.history} />
      </Section>
      <ActDocuments istat={istat} slug={slug} documents={documents} hasAct={page.act !== null} />
    </div>
  );
}
