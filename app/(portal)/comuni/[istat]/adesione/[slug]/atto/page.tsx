import type { Metadata } from "next";
import Link from "next/link";
import { ActDocuments } from "@/components/adherence/act-documents";
import { ActForm } from "@/components/adherence/act-form";
import { getComuneAdherence } from "@/lib/adherence/adherence";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listAdherenceDocuments } from "@/lib/documents/adherence-owner";
import { deny, orNotFound } from "@/lib/http/page";
import { deleteActDocumentAction, saveAdherenceAction } from "../../actions";

export const metadata: Metadata = { title: "Atto di adesione" };

/** The officer records or corrects the comune's act of adherence to a Smart Land. */
export default async function ActPage(props: { params: Promise<{ istat: string; slug: string }> }) {
  const { istat, slug } = await props.params;
  const actor = await requireActor();
  const path = "/comuni/[istat]/adesione/[slug]/atto";
  if (!can(actor, "adherence.write", istat)) await deny(path);
  const data = await orNotFound(getComuneAdherence(actor, istat), path);
  const sl = data.smartLands.find((s) => s.slug === slug);
  if (!sl) return deny(path);
  const a = sl.act;
  const documents = await orNotFound(listAdherenceDocuments(actor, istat, slug), path);
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link href={`/comuni/${istat}/adesione`}>← Adesione del Comune di {data.comune.name}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Atto di adesione a {sl.name}</h1>
      <ActForm
        action={saveAdherenceAction}
        istat={istat}
        slug={slug}
        version={a?.version ?? 0}
        saved={{
          actKind: a?.actKind ?? "",
          actNumber: a?.actNumber ?? "",
          actDate: a ? a.actDate.split("-").reverse().join("/") : "",
          note: a?.note ?? "",
        }}
        reloadHref={`/comuni/${istat}/adesione/${slug}/atto`}
      />
      <ActDocuments
        istat={istat}
        slug={slug}
        documents={documents}
        hasAct={a !== null}
        remove={deleteActDocumentAction}
      />
    </div>
  );
}
