import type { Metadata } from "next";
import Link from "next/link";
import { AdherenceMatrixTable } from "@/components/adherence/adherence-matrix";
import { ReviewQueue } from "@/components/adherence/review-queue";
import { FilterForm, FilterInput } from "@/components/ui/filter-form";
import { Section } from "@/components/ui/section";
import { getAdherenceMatrix, listReviewQueue } from "@/lib/adherence/matrix";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Matrice delle adesioni" };

/** The coordinator's matrix comuni × streams of a Smart Land, and the plans waiting for review. */
export default async function AdherenceMatrixPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ anno?: string }>;
}) {
  const { slug } = await props.params;
  const { anno } = cleanSearchParams(await props.searchParams);
  const year =
    anno && /^\d{4}$/.test(anno) && Number(anno) >= 2000 && Number(anno) <= 2100 ? Number(anno) : undefined;
  const actor = await requireActor();
  const path = "/regione/adesioni/[slug]";
  const [matrix, queue] = await orNotFound(
    Promise.all([getAdherenceMatrix(actor, slug, year), listReviewQueue(actor, slug)]),
    path,
  );
  const planHref = (istat: string, code: string) =>
    `/comuni/${istat}/adesione/${slug}/${encodeURIComponent(code)}`;
  return (
    <div className="space-y-8">
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/regione/adesioni">← Adesioni e piani locali</Link>
        <Link href={`/regione/smart-land/${slug}/programma`}>Piano di programma</Link>
      </p>
      <h1 className="text-3xl font-semibold">Adesioni · {matrix.smartLand.name}</h1>
      <Section headingId="da-esaminare" title={`Piani da esaminare (${queue.length})`}>
        <ReviewQueue rows={queue} href={planHref} />
      </Section>
      <Section headingId="matrice" title="Matrice comuni × filoni" className="space-y-4">
        <FilterForm
          label="Anno della matrice"
          resetHref={`/regione/adesioni/${slug}`}
          submitLabel="Mostra"
          resetLabel="Tutti gli anni"
        >
          <FilterInput name="anno" label="Anno" value={year ? String(year) : ""} width="year" numeric />
        </FilterForm>
        <p className="text-sm text-slate-700">
          Dotazione: quanto il comune prevede nel piano; risorse: le fonti previste sugli interventi
          registrati del comune e filone; scarto: dotazione meno risorse (da coprire se positivo).
        </p>
        <AdherenceMatrixTable matrix={matrix} planHref={planHref} />
      </Section>
    </div>
  );
}
