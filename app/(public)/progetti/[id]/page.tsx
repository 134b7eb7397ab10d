import type { Metadata } from "next";
import { headers } from "next/headers";
import {
  PublicProjectDocuments,
  PublicProjectFunding,
  PublicProjectHeader,
  PublicProjectMilestones,
} from "@/components/public/project-page";
import { STATUS_LABELS } from "@/lib/format";
import { nonceOf } from "@/lib/http/csp";
import { orNotFound } from "@/lib/http/page";
import { listPublicDocuments } from "@/lib/public/public-documents";
import { getPublicProjectPage, publicProjectUrl } from "@/lib/public/public-project";
import { projectJsonLd } from "@/lib/public/project-json-ld";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const p = await getPublicProjectPage(id).catch(() => null);
  if (!p) return { title: "Intervento non trovato" };
  return {
    title: `${p.title} – ${p.comune.name}`,
    description: `${p.cup ? `CUP ${p.cup}. ` : ""}Intervento del Comune di ${p.comune.name}: ${STATUS_LABELS[p.status].toLowerCase()}, risorse e cronoprogramma.`,
    alternates: { canonical: publicProjectUrl(p.id) },
  };
}

/** A published project as anyone sees it (its last publication), like OpenCoesione's project page. */
export default async function PublicProjectPage({ params }: Props) {
  const { id } = await params;
  const project = await orNotFound(getPublicProjectPage(id), "/progetti/[id]");
  // Every script of a page carries the request's nonce, also a data block (tests/e2e/csp.spec.ts).
  const nonce = nonceOf((await headers()).get("content-security-policy"));
  return (
    <article className="space-y-10">
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: projectJsonLd(project) }}
      />
      <PublicProjectHeader project={project} />
      <PublicProjectFunding project={project} />
      <PublicProjectMilestones project={project} />
      <PublicProjectDocuments projectId={project.id} documents={await listPublicDocuments(project.id)} />
    </article>
  );
}
