import type { Metadata } from "next";
import Link from "next/link";
import { PhasesForm } from "@/components/programme/phases-form";
import { PlanVsActualLegend, PlanVsActualTables } from "@/components/programme/plan-vs-actual";
import { ProgrammePhases } from "@/components/programme/programme-phases";
import { FilterForm, FilterInput } from "@/components/ui/filter-form";
import { SuccessNotice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { formatEuro } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams, lookup, pageNumber } from "@/lib/http/search-params";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";
import { getProgrammeForActor } from "@/lib/programme/programme";
import { savePhasesAction } from "./actions";

export const metadata: Metadata = { title: "Piano di programma" };

const NOTICES: Record<string, string> = { fasi: "Fasi salvate.", filone: "Dotazione e obiettivi salvati." };

/** The coordinator's programme plan of a Smart Land and the plan vs adhered vs registered vs secured. */
export default async function ProgrammePage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ anno?: string; comune?: string; pagina?: string; esito?: string }>;
}) {
  const { slug } = await props.params;
  const { anno, comune, pagina, esito } = cleanSearchParams(await props.searchParams);
  const year = anno && /^\d{4}$/.test(anno) ? Number(anno) : undefined;
  const istat = comune && /^\d{6}$/.test(comune) ? comune : undefined;
  const page = pageNumber(pagina);
  const actor = await requireActor();
  const path = "/regione/smart-land/[slug]/programma";
  const [programme, figures] = await orNotFound(
    Promise.all([
      getProgrammeForActor(actor, slug),
      getPlanVsActual(actor, slug, { year, comune: istat, byComuneStream: false }),
    ]),
    path,
  );
  const here = `/regione/smart-land/${slug}/programma`;
  const query = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(
      Object.entries(params).flatMap(([k, v]) =>
        v === undefined || (v === 1 && k === "pagina") ? [] : [[k, String(v)]],
      ),
    ).toString();
  const drill = (c: string) => `${here}?${query({ anno: year, pagina: page, comune: c })}#confronto`;
  const pageHref = (p: number) => `${here}?${query({ anno: year, pagina: p, comune: istat })}#confronto`;
  return (
    <div className="space-y-8">
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href={`/regione/smart-land/${slug}`}>← Smart Land {programme.smartLand.name}</Link>
        <Link href={`/regione/adesioni/${slug}`}>Matrice delle adesioni</Link>
      </p>
      <h1 className="text-3xl font-semibold">Piano di programma · {programme.smartLand.name}</h1>
      {esito && lookup(NOTICES, esito) ? <SuccessNotice>{lookup(NOTICES, esito)}</SuccessNotice> : null}
      <p className="text-sm text-slate-700">
        Dotazione complessiva del programma: <strong>{formatEuro(programme.total)}</strong>.
        {programme.canEdit ? "" : " Sola lettura: il piano lo modificano i coordinatori."}
      </p>
      <Section
        headingId="confronto"
        title="Piano vs adesioni vs registrato vs finanziato"
        className="space-y-4"
      >
        <FilterForm
          label="Anno del confronto"
          resetHref={here}
          submitLabel="Mostra"
          resetLabel="Tutti gli anni"
        >
          <FilterInput name="anno" label="Anno" value={year ? String(year) : ""} width="year" numeric />
        </FilterForm>
        <PlanVsActualLegend />
        <PlanVsActualTables data={figures} comuneHref={drill} page={page} pageHref={pageHref} />
      </Section>
      {programme.canEdit ? (
        <Section headingId="fasi" title="Fasi">
          <PhasesForm
            action={savePhasesAction}
            hidden={{ slug, version: String(programme.version) }}
            saved={programme.phases}
            reloadHref={here}
          />
        </Section>
      ) : null}
      <ProgrammePhases
        programme={programme}
        editHref={programme.canEdit ? (n, code) => `${here}/${n}/${encodeURIComponent(code)}` : undefined}
      />
    </div>
  );
}
