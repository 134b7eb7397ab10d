import type { Metadata } from "next";
import Link from "next/link";
import { SmartLandForm } from "@/components/taxonomy/smart-land-form";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { getSmartLandForActor, smartLandMemberOptions } from "@/lib/smart-lands/manage-smart-lands";
import { updateSmartLandAction } from "../../actions";

export const metadata: Metadata = { title: "Modifica Smart Land" };

export default async function EditSmartLandPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const actor = await requireActor();
  const sl = await orNotFound(getSmartLandForActor(actor, slug), "/regione/smart-land/[slug]/modifica");
  const comuni = await orNotFound(smartLandMemberOptions(actor), "/regione/smart-land/[slug]/modifica");
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href={`/regione/smart-land/${sl.slug}`}>Smart Land {sl.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Modifica Smart Land {sl.name}</h1>
      <SmartLandForm
        key={sl.version}
        action={updateSmartLandAction}
        saved={sl}
        comuni={comuni.map((c) => ({ value: c.istat, label: `${c.name} (${c.province.acronym})` }))}
        submitLabel="Salva la Smart Land"
        reloadHref={`/regione/smart-land/${sl.slug}/modifica`}
      />
    </div>
  );
}
