import type { Metadata } from "next";
import { ApiAccess, ApiConventions, ApiIntro } from "@/components/api-docs/api-guide";
import { OperationIndex, SchemaSection, TagSection } from "@/components/api-docs/api-reference";
import { docsView } from "@/lib/api/docs-view";
import { openApiDocument } from "@/lib/api/openapi";
import { QUERY_ALIASES } from "@/lib/api/queries";

export const metadata: Metadata = {
  title: "API per sviluppatori",
  description: "Documentazione dell'API JSON del portale Smart Land Lombardia (OpenAPI 3.1).",
};

// Rendered from the same OpenAPI document that /api/v1/openapi.json serves (no script, no CDN).
export default function ApiDocsPage() {
  const view = docsView(openApiDocument());
  return (
    <div className="max-w-5xl space-y-10">
      <ApiIntro description={view.description} server={view.server} version={view.version} />
      <ApiAccess server={view.server} />
      <ApiConventions aliases={QUERY_ALIASES} />
      <OperationIndex tags={view.tags} />
      {view.tags.map((tag) => (
        <TagSection key={tag.slug} tag={tag} />
      ))}
      <SchemaSection schemas={view.schemas} />
    </div>
  );
}
