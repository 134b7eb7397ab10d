import { redirect } from "next/navigation";
import { orNotFound } from "@/lib/http/page";
import { findPublicProjectByCup } from "@/lib/public/public-project";

export const dynamic = "force-dynamic";

/** /progetti/cup/{CUP}: the published project with that CUP, at its page's one address; else 404. */
export default async function PublicProjectByCupPage({ params }: { params: Promise<{ cup: string }> }) {
  const { cup } = await params;
  const id = await orNotFound(findPublicProjectByCup(cup), "/progetti/cup/[cup]");
  redirect(`/progetti/${id}`);
}
