import type { Metadata } from "next";
import Link from "next/link";
import {
  ProjectExportLinks,
  ProjectFilterForm,
  ProjectListHeading,
  ProjectTable,
} from "@/components/projects/project-list";
import { SuccessNotice } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { orNotFound } from "@/lib/http/page";
import { getStreamOptions } from "@/lib/projects/form-options";
import { listProjects } from "@/lib/projects/list-projects";
import { listHref, parseListParams, type ListSearchParams } from "@/lib/projects/list-query";
import { restoreProjectAction } from "./actions";
import { cleanSearchParams } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Interventi" };

export default async function ProjectListPage(props: {
  params: Promise<{ istat: string }>;
  searchParams: Promise<ListSearchParams>;
}) {
  const { istat } = await props.params;
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const comune = await orNotFound(getComuneForActor(actor, istat), `/comuni/${istat}/interventi`);
  const query = parseListParams(params);
  const [result, streams] = await Promise.all([
    listProjects(actor, { ...query, comuneIstat: istat }),
    getStreamOptions(actor),
  ]);
  const base = `/comuni/${istat}/interventi`;
  const writable = can(actor, "projects.write", istat);
  const href = (changes: Record<string, string | undefined>) => listHref(base, params, changes);

  return (
    <div className="space-y-6">
      <ProjectListHeading
        comuneName={comune.name}
        deleted={query.deleted}
        writable={writable}
        listHref={base}
      />
      {!query.deleted ? <ProjectExportLinks istat={istat} query={query} /> : null}
      {params.eliminato ? (
        <SuccessNotice compact>
          Intervento eliminato. Puoi ripristinarlo da{" "}
          <Link href={href({ eliminati: "1", eliminato: undefined })}>Interventi eliminati</Link>.
        </SuccessNotice>
      ) : null}
      <ProjectFilterForm query={query} streams={streams} listHref={base} />
      <ProjectTable
        rows={result.items}
        total={result.total}
        istat={istat}
        listHref={base}
        query={query}
        href={href}
        restore={query.deleted && writable ? restoreProjectAction : undefined}
      />
      <Pager page={result.page} pages={result.pages} href={(page) => href({ pagina: String(page) })}>
        {!query.deleted && writable ? (
          <Link href={href({ eliminati: "1", pagina: undefined })} className="ml-auto">
            Interventi eliminati
          </Link>
        ) : null}
      </Pager>
    </div>
  );
}
