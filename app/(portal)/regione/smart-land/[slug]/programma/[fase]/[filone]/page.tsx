import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgrammeStreamForm } from "@/components/programme/stream-form";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { getProgrammeForActor } from "@/lib/programme/programme";
import { saveProgrammeStreamAction } from "../../actions";

export const metadata: Metadata = { title: "Dotazione e obiettivi di un filone" };

/** The coordinator sets one stream's envelope per year and targets in one phase of the programme. */
export default async function ProgrammeStreamPage(props: {
  params: Promise<{ slug: string; fase: string; filone: string }>;
}) {
  const { slug, fase, filone } = await props.params;
  const code = filone;
  const actor = await requireActor();
  const programme = await orNotFound(
    getProgrammeForActor(actor, slug),
    "/regione/smart-land/[slug]/programma/[fase]/[filone]",
  );
  const phase = /^\d{1,2}$/.test(fase) ? programme.phases.find((p) => p.ordinal === Number(fase)) : undefined;
  const stream =
    programme.streams.find((s) => s.code === code) ?? phase?.streams.find((s) => s.code === code);
  if (!programme.canEdit || !phase || !stream) notFound();
  const saved = phase.streams.find((s) => s.code === code) ?? { envelope: [], targets: [] };
  const back = `/regione/smart-land/${slug}/programma`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={back}>← Piano di programma · {programme.smartLand.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">
        {phase.name} · {stream.code} {stream.name}
      </h1>
      <p className="text-sm text-slate-700">
        La dotazione che il programma prevede per il filone in questa fase, anno per anno, e gli obiettivi da
        raggiungere. Svuota tutte le righe per togliere il filone dalla fase.
      </p>
      <ProgrammeStreamForm
        action={saveProgrammeStreamAction}
        hidden={{ slug, version: String(programme.version), phase: String(phase.ordinal), stream: code }}
        saved={saved}
        reloadHref={`${back}/${phase.ordinal}/${encodeURIComponent(code)}`}
      />
    </div>
  );
}
