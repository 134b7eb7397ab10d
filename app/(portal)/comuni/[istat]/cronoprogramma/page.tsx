import type { Metadata } from "next";
import Link from "next/link";
import { ComuneTimelineView } from "@/components/phases/comune-timeline";
import { requireActor } from "@/lib/auth/actor";
import { PROJECT_STATUSES } from "@/lib/format";
import type { ProjectStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams, pageNumber, type RawSearchParams } from "@/lib/http/search-params";
import { getComuneTimeline } from "@/lib/phases/timeline";

export const metadata: Metadata = { title: "Cronoprogramma" };

/** All the comune's projects × phases as a Gantt, filtered by stream and status, a page at a time. */
export default async function ComuneTimelinePage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { istat } = await props.params;
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const base = `/comuni/${istat}/cronoprogramma`;
  // Unknown filter values are ignored (the form offers only valid ones).
  const filone = params.filone && isUuid(params.filone) ? params.filone : undefined;
  const stato = PROJECT_STATUSES.find((s) => s === params.stato) as ProjectStatus | undefined;
  const data = await orNotFound(
    getComuneTimeline(actor, istat, { streamId: filone, status: stato, page: pageNumber(params.pagina) }),
    base,
  );
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/comuni/${istat}`}>← Cruscotto del Comune di {data.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Cronoprogramma del Comune di {data.name}</h1>
      <ComuneTimelineView
        data={data}
        base={base}
        filters={{ ...(filone ? { filone } : {}), ...(stato ? { stato } : {}) }}
      />
    </div>
  );
}
