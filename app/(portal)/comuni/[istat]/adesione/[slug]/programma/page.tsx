import type { Metadata } from "next";
import Link from "next/link";
import { PlanVsActualLegend, PlanVsActualTables } from "@/components/programme/plan-vs-actual";
import { ProgrammePhases } from "@/components/programme/programme-phases";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { formatEuro } from "@/lib/format";
import { deny, orNotFound } from "@/lib/http/page";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";
import { getProgrammeForActor } from "@/lib/programme/programme";

export const metadata: Metadata = { title: "Piano di programma della Smart Land" };

/** A member comune's read-only view of its Smart Land's programme plan and where it stands. */
export default async function ComuneProgrammePage(props: {
  params: Promise<{ istat: string; slug: string }>;
}) {
  const { istat, slug } = await props.params;
  const actor = await requireActor();
  // An officer reads their own comune's page only (another comune's URL is 404 like everywhere).
  const path = "/comuni/[istat]/adesione/[slug]/programma";
  if (actor.role === "OFFICER" && actor.comuneIstat !== istat) await deny(path);
  const [programme, figures] = await orNotFound(
    Promise.all([
      getProgrammeForActor(actor, slug),
      getPlanVsActual(actor, slug, { comune: istat, byComuneStream: false }),
    ]),
    path,
  );
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/comuni/${istat}/adesione`}>← Adesione e piani locali</Link>
      </p>
      <h1 className="text-3xl font-semibold">Piano di programma · {programme.smartLand.name}</h1>
      <p className="text-sm text-slate-700">
        Il piano del coordinatore della Smart Land, in sola lettura. Dotazione complessiva:{" "}
        <strong>{formatEuro(programme.total)}</strong>.
      </p>
      <ProgrammePhases programme={programme} />
      <Section
        headingId="confronto"
        title="Piano vs adesioni vs registrato vs finanziato"
        className="space-y-4"
      >
        <PlanVsActualLegend />
        <PlanVsActualTables data={figures} />
      </Section>
    </div>
  );
}
