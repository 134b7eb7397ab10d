import type { Metadata } from "next";
import Link from "next/link";
import { ReturnSubmissionForm } from "@/components/rounds/decision-forms";
import { RoundFacts, SubmissionHistory } from "@/components/rounds/round-facts";
import { SnapshotTable } from "@/components/rounds/snapshot-table";
import { SubmissionDocuments } from "@/components/rounds/submission-documents";
import { ActionButton } from "@/components/ui/action-button";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listRoundSubmissionDocuments } from "@/lib/documents/round-owner";
import { formatDateTime } from "@/lib/format/time";
import { lateLabel, SUBMISSION_STATUS_LABELS } from "@/lib/format/rounds";
import { deny, orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";
import { getSubmissionForActor } from "@/lib/rounds/submission";
import { returnSubmissionAction, validateSubmissionAction } from "../../../actions";

export const metadata: Metadata = { title: "Trasmissione del comune" };

const ESITI: Record<string, string> = {
  validato: "Trasmissione validata.",
  restituito: "Trasmissione restituita al comune con osservazioni.",
};

/** The coordinator's review of a comune's submission: the frozen figures, validate or return with notes. */
export default async function SubmissionReviewPage(props: {
  params: Promise<{ id: string; istat: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { id, istat } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const path = "/regione/monitoraggio/[id]/comuni/[istat]";
  if (actor.role === "OFFICER") return deny(path);
  const page = await orNotFound(getSubmissionForActor(actor, { roundId: id, istat }), path);
  const { submission: s } = page;
  const here = `/regione/monitoraggio/${id}/comuni/${istat}`;
  const hidden = { roundId: id, istat, version: String(s.version) };
  const decides = can(actor, "rounds.manage") && s.status === "SUBMITTED";
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/regione/monitoraggio/${id}`}>← {page.round.title}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Comune di {page.comune.name}</h1>
      {esito && ESITI[esito] ? <SuccessNotice>{ESITI[esito]}</SuccessNotice> : null}
      <RoundFacts round={page.round} />
      <p>
        Stato della trasmissione: <strong>{SUBMISSION_STATUS_LABELS[s.status]}</strong>
        {s.submittedAt ? ` · trasmessa il ${formatDateTime(new Date(s.submittedAt))}` : ""}
        {s.daysLate ? ` · ${lateLabel(s.daysLate)}` : ""}
      </p>
      <Section headingId="dati" title="Dati trasmessi">
        <SnapshotTable rows={page.snapshot} revision={s.revision} />
      </Section>
      <SubmissionDocuments
        roundId={id}
        istat={istat}
        {...await listRoundSubmissionDocuments(actor, { roundId: id, istat })}
      />
      {decides ? (
        <Section headingId="esito" title="Esito" className="space-y-6">
          <ActionButton
            action={validateSubmissionAction}
            fields={hidden}
            label="Valida la trasmissione"
            confirm={`Validare i dati inviati dal Comune di ${page.comune.name}?`}
            reloadHref={here}
          />
          {page.round.state === "OPEN" ? (
            <ReturnSubmissionForm
              action={returnSubmissionAction}
              hidden={hidden}
              reloadHref={here}
              projects={page.snapshot.map((r) => ({ projectId: r.projectId, title: r.title }))}
            />
          ) : null}
        </Section>
      ) : null}
      <Section headingId="storia" title="Storia della trasmissione">
        <SubmissionHistory history={page.history} />
      </Section>
    </div>
  );
}
