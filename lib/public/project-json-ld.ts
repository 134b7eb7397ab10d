// The schema.org description of a published project's public page (JSON-LD in a data <script>), so search
// engines and re-users read the project's identity, place and cost. `<` is escaped: stored text can never
// close the script element.

import { STATUS_LABELS } from "@/lib/format";
import { publicProjectUrl, type PublicProjectPage } from "./public-project";

export function projectJsonLd(p: PublicProjectPage): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "GovernmentService",
    name: p.title,
    description: p.summary || undefined,
    url: publicProjectUrl(p.id),
    identifier: p.cup ? { "@type": "PropertyValue", propertyID: "CUP", value: p.cup } : undefined,
    serviceType: `${p.stream.code} · ${p.stream.name}`,
    provider: { "@type": "GovernmentOrganization", name: `Comune di ${p.comune.name}` },
    areaServed: [p.comune, ...p.partners].map((c) => ({ "@type": "City", name: c.name })),
    offers: { "@type": "Offer", price: p.totalCost, priceCurrency: "EUR" },
    additionalProperty: [
      { "@type": "PropertyValue", name: "Stato procedurale", value: STATUS_LABELS[p.status] },
      { "@type": "PropertyValue", name: "Avanzamento", value: p.progress, unitText: "%" },
    ],
    dateModified: p.publishedAt.toISOString(),
  };
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
