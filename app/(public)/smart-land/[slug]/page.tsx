import type { Metadata } from "next";
import {
  PublicBreakdowns,
  PublicComuniSection,
  PublicProjectList,
  PublicSmartLandIntro,
  PublicTotalsGrid,
} from "@/components/smartlands/public-smart-land";
import { focusMap, getLombardyMap } from "@/lib/geo/lombardy-map";
import { orNotFound } from "@/lib/http/page";
import { getPublicFigures, getPublicSmartLand, listPublicProjects } from "@/lib/public/public-data";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const sl = await getPublicSmartLand(slug).catch(() => null);
  return {
    title: sl ? `Smart Land ${sl.name}` : "Smart Land",
    description: sl
      ? `I comuni, gli interventi e le risorse della Smart Land ${sl.name} – ${sl.phase}.`
      : undefined,
  };
}

/** The Smart Land as citizens and the press see it: no login, public fields only. */
export default async function PublicSmartLandPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = cleanSearchParams(await searchParams);
  const sl = await orNotFound(getPublicSmartLand(slug), "/smart-land/[slug]");
  const istats = sl.comuni.map((c) => c.istat);
  const page = pageNumber(search.pagina);
  const [figures, projects] = await Promise.all([getPublicFigures(istats), listPublicProjects(istats, page)]);
  const byComune = new Map(figures.byComune.map((c) => [c.istat, c]));
  const comuni = sl.comuni.map((c) => ({ ...c, ...(byComune.get(c.istat) ?? emptyTotals) }));
  return (
    <div className="space-y-10">
      <PublicSmartLandIntro smartLand={sl} refreshedAt={figures.refreshedAt} />
      <PublicTotalsGrid comuni={sl.comuni.length} totals={figures.totals} />
      <PublicComuniSection map={focusMap(getLombardyMap(), istats)} smartLandName={sl.name} comuni={comuni} />
      <PublicBreakdowns figures={figures} />
      <PublicProjectList slug={sl.slug} projects={projects} />
    </div>
  );
}

const emptyTotals = { projects: 0, totalCost: "0", planned: "0", committed: "0", paid: "0" };
