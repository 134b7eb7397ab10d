import type { Metadata } from "next";
import Link from "next/link";
import { Checklist } from "@/components/rounds/checklist";
import { RoundFacts, SubmissionHistory } from "@/components/rounds/round-facts";
import { SubmissionDocuments } from "@/components/rounds/submission-documents";
import { ActionButton } from "@/components/ui/action-button";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listRoundSubmissionDocuments } from "@/lib/documents/round-owner";
import { lateLabel, SUBMISSION_STATUS_LABELS } from "@/lib/format/rounds";
import { formatDateTime } from "@/lib/format/time";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";
import { getSubmissionForActor } from "@/lib/rounds/submission";
import { submitRoundAction } from "../actions";

export const metadata: Metadata = { title: "Rilevazione" };

/** The officer's checklist for a round: completeness per project, the coordinator's notes, «Invia». */
export default async function ChecklistPage(props: {
  params: Promise<{ istat: string; id: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { istat, id } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const page = await orNotFound(
    getSubmissionForActor(actor, { roundId: id, istat }),
    "/comuni/[istat]/monitoraggio/[id]",
  );
  const { submission: s } = page;
  const here = `/comuni/${istat}/monitoraggio/${id}`;
  const canSubmit =
    can(actor, "rounds.submit", istat) &&
    page.round.state === "OPEN" &&
    ["NOT_STARTED", "IN_PROGRESS", "RETURNED"].includes(s.status);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/comuni/${istat}/monitoraggio`}>← Monitoraggio</Link>
      </p>
      <h1 className="text-3xl font-semibold">{page.round.title}</h1>
      {esito === "inviato" ? <SuccessNotice>Dati trasmessi al coordinatore.</SuccessNotice> : null}
      <RoundFacts round={page.round} />
      <p>
        Trasmissione del Comune di {page.comune.name}: <strong>{SUBMISSION_STATUS_LABELS[s.status]}</strong>
        {s.submittedAt ? ` · ultima trasmissione il ${formatDateTime(new Date(s.submittedAt))}` : ""}
        {s.daysLate ? ` · ${lateLabel(s.daysLate)}` : ""}
      </p>
      {s.status === "RETURNED" && s.note ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm" role="note">
          <p className="font-medium">Restituito dal coordinatore</p>
          <p className="whitespace-pre-line">{s.note}</p>
        </div>
      ) : null}
      <Section headingId="controllo" title={`Lista di controllo (${page.projects.length} interventi)`}>
        <p className="text-sm text-slate-700">
          {page.errors} da correggere (bloccano la trasmissione) · {page.warnings} da verificare (non lo
          bloccano).
        </p>
        <Checklist istat={istat} projects={page.projects} />
      </Section>
      <SubmissionDocuments
        roundId={id}
        istat={istat}
        {...await listRoundSubmissionDocuments(actor, { roundId: id, istat })}
      />
      {canSubmit ? (
        <Section headingId="invio" title="Trasmissione al coordinatore">
          <p className="text-sm text-slate-700">
            Alla trasmissione i dati di ogni intervento vengono congelati per questa rilevazione; le modifiche
            successive non li cambiano.
          </p>
          <ActionButton
            action={submitRoundAction}
            fields={{ roundId: id, istat, version: String(s.version) }}
            label="Invia"
            confirm={`Inviare al coordinatore i dati di ${page.projects.length} interventi? Restano congelati finché il coordinatore non li restituisce.`}
            reloadHref={here}
          />
        </Section>
      ) : null}
      <Section headingId="storia" title="Storia della trasmissione">
        <SubmissionHistory history={page.history} />
      </Section>
    </div>
  );
}
