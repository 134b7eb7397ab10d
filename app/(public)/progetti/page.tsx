import type { Metadata } from "next";
import Link from "next/link";
import { PublicProjectFilters, PublicProjectResults } from "@/components/public/project-list";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";
import { publicProjectFilterOptions, searchPublicProjects } from "@/lib/public/public-project";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Interventi pubblicati",
  description:
    "Cerca gli interventi pubblicati dai comuni del programma Smart Land: per titolo, CUP, comune, Smart Land, filone, stato, fonte e anno.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The public list of published projects: search, filters, sort and server pagination. */
export default async function PublicProjectsPage({ searchParams }: Props) {
  const search = cleanSearchParams(await searchParams);
  const [result, options] = await Promise.all([
    searchPublicProjects({
      q: search.q,
      smartLand: search.smartland,
      comune: search.comune,
      filone: search.filone,
      stato: search.stato,
      fonte: search.fonte,
      anno: search.anno,
      sort: search.ordine,
      page: pageNumber(search.pagina),
    }),
    publicProjectFilterOptions(),
  ]);
  return (
    <div className="space-y-6">
      <div className="max-w-4xl space-y-2">
        <h1 className="text-3xl font-semibold">Interventi pubblicati</h1>
        <p>
          Gli interventi dei comuni aderenti al programma Smart Land, come li hanno pubblicati: stato, risorse
          e fasi. Gli stessi dati sono disponibili come <Link href="/dati-aperti">dati aperti</Link>.
        </p>
      </div>
      <PublicProjectFilters filters={result.filters} options={options} />
      <PublicProjectResults
        filters={result.filters}
        items={result.items}
        total={result.total}
        page={result.page}
        pages={result.pages}
      />
    </div>
  );
}
