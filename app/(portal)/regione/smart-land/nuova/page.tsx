import type { Metadata } from "next";
import Link from "next/link";
import { SmartLandForm } from "@/components/taxonomy/smart-land-form";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { smartLandMemberOptions } from "@/lib/smart-lands/manage-smart-lands";
import { createSmartLandAction } from "../actions";

export const metadata: Metadata = { title: "Nuova Smart Land" };

export default async function NewSmartLandPage() {
  const actor = await requireActor();
  const comuni = await orNotFound(smartLandMemberOptions(actor), "/regione/smart-land/nuova");
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href="/regione/smart-land">Smart Land</Link>
      </p>
      <h1 className="text-3xl font-semibold">Nuova Smart Land</h1>
      <SmartLandForm
        action={createSmartLandAction}
        saved={{ name: "", phase: "Fase 1", description: "", members: [], leadIstat: null }}
        comuni={comuni.map((c) => ({ value: c.istat, label: `${c.name} (${c.province.acronym})` }))}
        submitLabel="Crea la Smart Land"
        reloadHref="/regione/smart-land/nuova"
      />
    </div>
  );
}
