import type { Metadata } from "next";
import Link from "next/link";
import { listSmartLandsForAdherence } from "@/lib/adherence/matrix";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";

export const metadata: Metadata = { title: "Adesioni e piani locali" };

/** Coordinators and administrators: the Smart Lands whose adherence matrix they can open. */
export default async function AdherenceIndexPage() {
  const actor = await requireActor();
  const smartLands = await orNotFound(listSmartLandsForAdherence(actor), "/regione/adesioni");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Adesioni e piani locali</h1>
      <p className="text-slate-700">
        Per ogni Smart Land: i comuni, gli atti di adesione, i piani locali per filone e quelli da esaminare.
      </p>
      <ul className="list-disc space-y-1 pl-6">
        {smartLands.map((s) => (
          <li key={s.slug}>
            <Link href={`/regione/adesioni/${s.slug}`}>{s.name}</Link> · {s.phase}
          </li>
        ))}
      </ul>
    </div>
  );
}
