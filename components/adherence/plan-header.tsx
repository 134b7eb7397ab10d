import Link from "next/link";
import { SuccessNotice } from "@/components/ui/notice";
import type { PlanPage } from "@/lib/adherence/adherence";
import { PlanStatusBadge } from "./plan-sections";

const NOTICES: Record<string, string> = {
  salvato: "Bozza salvata.",
  inviato: "Piano inviato al coordinatore.",
  approvato: "Piano approvato.",
  restituito: "Piano restituito al comune con le osservazioni.",
};

/** The plan page's heading: the way back, the plan's status and version, the last answer, a returned plan's comment. */
export function PlanHeader(props: { page: PlanPage; back: { href: string; label: string }; esito?: string }) {
  const { page } = props;
  const plan = page.plan;
  const lastReturn = [...page.history].reverse().find((h) => h.kind === "RETURNED");
  const notice = props.esito && Object.hasOwn(NOTICES, props.esito) ? NOTICES[props.esito] : null;
  return (
    <>
      <p className="text-sm">
        <Link href={props.back.href}>← {props.back.label}</Link>
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
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {plan?.status === "RETURNED" && lastReturn ? (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          Restituito dal coordinatore: {lastReturn.comment}
        </p>
      ) : null}
      {page.act === null ? (
        <p>Per aderire al filone registra prima l&apos;atto di adesione alla Smart Land.</p>
      ) : null}
    </>
  );
}
