import type { Metadata } from "next";
import Link from "next/link";
import { StreamForm } from "@/components/taxonomy/stream-form";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { notFound } from "next/navigation";
import { createStreamAction } from "../actions";
import { STREAM_FORM_OPTIONS } from "../options";

export const metadata: Metadata = { title: "Nuovo filone" };

export default async function NewStreamPage() {
  const actor = await requireActor();
  if (!can(actor, "streams.write")) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href="/regione/filoni">Filoni di intervento</Link>
      </p>
      <h1 className="text-3xl font-semibold">Nuovo filone</h1>
      <StreamForm
        action={createStreamAction}
        saved={{ code: "", name: "", description: "", theme: "", pnrrMission: null, values: [] }}
        {...STREAM_FORM_OPTIONS}
        submitLabel="Crea il filone"
        reloadHref="/regione/filoni/nuovo"
      />
    </div>
  );
}
