import type { Metadata } from "next";
import Link from "next/link";
import { BoardCounts, BoardFiltersForm, BoardTable } from "@/components/rounds/board";
import { RoundFacts } from "@/components/rounds/round-facts";
import { RoundExportLinks, ValidatedVsLive } from "@/components/rounds/validated-figures";
import { ActionButton } from "@/components/ui/action-button";
import { SuccessNotice } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { Section } from "@/components/ui/section";
import { roundBoardQuerySchema } from "@/lib/api/queries";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";
import { getRoundBoard } from "@/lib/rounds/board";
import { getRoundComparison } from "@/lib/rounds/compare";
import { roundScopeOptions } from "@/lib/rounds/rounds";
import { closeRoundAction } from "../actions";

export const metadata: Metadata = { title: "Quadro della rilevazione" };

const ESITI: Record<string, string> = { aperta: "Rilevazione aperta.", chiusa: "Rilevazione chiusa." };

/** The coordinator's board of a round: per comune status, submission date and lateness; filters; pages. */
export default async function RoundBoardPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await props.params;
  const { esito, ...params } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const base = `/regione/monitoraggio/${id}`;
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>;
  const parsed = roundBoardQuerySchema.safeParse({ ...query, per_pagina: "50" });
  const filters = parsed.success ? parsed.data : { page: 1, pageSize: 50 };
  const [board, smartLands, comparison] = await orNotFound(
    Promise.all([getRoundBoard(actor, id, filters), roundScopeOptions(actor), getRoundComparison(actor, id)]),
    "/regione/monitoraggio/[id]",
  );
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...query, pagina: String(page) })}`;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/regione/monitoraggio">← Monitoraggio</Link>
      </p>
      <h1 className="text-3xl font-semibold">{board.round.title}</h1>
      {esito && ESITI[esito] ? <SuccessNotice>{ESITI[esito]}</SuccessNotice> : null}
      <RoundFacts round={board.round} />
      <BoardCounts counts={board.counts} base={base} />
      <Section headingId="comuni" title={`Comuni (${formatNumber(board.meta.total)})`} className="space-y-4">
        <BoardFiltersForm base={base} values={params} smartLands={smartLands} />
        <BoardTable roundId={id} rows={board.data} />
        <Pager page={board.meta.page} pages={board.meta.pages} href={pageHref} />
      </Section>
      <ValidatedVsLive comparison={comparison} />
      <RoundExportLinks roundId={id} />
      {can(actor, "rounds.manage") && board.round.state === "OPEN" ? (
        <Section headingId="chiusura" title="Chiusura">
          <p className="text-sm text-slate-700">
            Chiusa la rilevazione, i comuni non possono più inviare e gli invii non si restituiscono; quelli
            già inviati si possono ancora validare.
          </p>
          <ActionButton
            action={closeRoundAction}
            fields={{ roundId: id, version: String(board.round.version) }}
            label="Chiudi la rilevazione"
            confirm="Chiudere la rilevazione? I comuni non potranno più inviare dati."
            reloadHref={base}
            variant="danger"
          />
        </Section>
      ) : null}
    </div>
  );
}
