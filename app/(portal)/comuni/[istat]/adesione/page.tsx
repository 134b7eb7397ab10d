import type { Metadata } from "next";
import Link from "next/link";
import { ActFacts, StreamPlansTable } from "@/components/adherence/plan-sections";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { getComuneAdherence } from "@/lib/adherence/adherence";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Adesione alle Smart Land" };

/** The comune's adherence: for each Smart Land it belongs to, its act and its plans by stream. */
export default async function AdherencePage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<{ esito?: string }>;
}) {
  const { istat } = await props.params;
  const { esito } = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const data = await orNotFound(getComuneAdherence(actor, istat), "/comuni/[istat]/adesione");
  const writer = can(actor, "adherence.write", istat);
  const base = `/comuni/${istat}/adesione`;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/comuni/${istat}`}>← Cruscotto del Comune di {data.comune.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Adesione alle Smart Land</h1>
      {esito === "atto" ? <SuccessNotice>Atto di adesione salvato.</SuccessNotice> : null}
      {data.smartLands.length === 0 ? (
        <p>Il Comune di {data.comune.name} non fa parte di alcuna Smart Land.</p>
      ) : null}
      {data.smartLands.map((sl) => (
        <Section
          key={sl.slug}
          headingId={`sl-${sl.slug}`}
          title={`${sl.name} · ${sl.phase}`}
          className="space-y-4"
        >
          <ActFacts act={sl.act} />
          {writer ? (
            <p className="text-sm">
              <Link href={`${base}/${sl.slug}/atto`}>
                {sl.act ? "Modifica l'atto di adesione" : "Registra l'atto di adesione"}
              </Link>
            </p>
          ) : null}
          <p className="text-sm">
            <Link href={`${base}/${sl.slug}/programma`}>Piano di programma della Smart Land</Link>
          </p>
          <StreamPlansTable
            caption={`Filoni e piani locali — ${sl.name}`}
            rows={sl.streams}
            href={(code) => `${base}/${sl.slug}/${encodeURIComponent(code)}`}
          />
        </Section>
      ))}
    </div>
  );
}
