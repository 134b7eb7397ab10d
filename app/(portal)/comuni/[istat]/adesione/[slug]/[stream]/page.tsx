import type { Metadata } from "next";
import Link from "next/link";
import { PlanForm } from "@/components/adherence/plan-form";
import { PlanHistory, PlanStatusBadge, PlanSummary } from "@/components/adherence/plan-sections";
import { PlanReview } from "@/components/adherence/plan-review";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { getPlanForActor } from "@/lib/adherence/adherence";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";
import { approvePlanAction, returnPlanAction, savePlanAction, submitPlanAction } from "../../actions";

export const metadata: Metadata = { title: "Piano locale" };

const NOTICES: Record<string, string> = {
  salvato: "Bozza salvata.",
  inviato: "Piano inviato al coordinatore.",
  approvato: "Piano approvato.",
  restituito: "Piano restituito al comune con le osservazioni.",
};
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
  const code = decodeURIComponent(stream);
  const page = await orNotFound(
    getPlanForActor(actor, { istat, slug }, code),
    "/comuni/[istat]/adesione/[slug]/[stream]",
  );
  const here = `/comuni/${istat}/adesione/${slug}/${encodeURIComponent(code)}`;
  const plan = page.plan;
  const hidden = { istat, slug, stream: code, version: String(plan?.version ?? 0) };
  const editable = can(actor, "adherence.write", istat) && page.act !== null && plan?.status !== "SUBMITTED";
  const back =
    can(actor, "adherence.review") || actor.role === "ADMIN"
      ? `/regione/adesioni/${slug}`
      : `/comuni/${istat}/adesione`;
  const lastReturn = [...page.history].reverse().find((h) => h.kind === "RETURNED");
  return (
    <div className="max-w-5xl space-y-8">
      <p className="text-sm">
        <Link href={back}>
          ← {back.startsWith("/regione") ? `Matrice di ${page.smartLand.name}` : "Adesione del comune"}
        </Link>
      </p>
      <div>
        <h1 className="text-3xl font-semibold">
          Piano locale · {page.stream.code} {page.stream.name}
        </h1>
        <p className="text-sm text-slate-700">
          Comune di {page.comune.name} · {page.smartLand.name} ·{" "}
          <PlanStatusBadge status={plan?.status ?? null} />
          {plan ? ` · versione ${plan.revision}` : ""}
        </p>
      </div>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      {plan?.status === "RETURNED" && lastReturn ? (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          Restituito dal coordinatore: {lastReturn.comment}
        </p>
      ) : null}
      {page.act === null ? (
        <p>Per aderire al filone registra prima l&apos;atto di adesione alla Smart Land.</p>
      ) : null}
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
    </div>
  );
}
