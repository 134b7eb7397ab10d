import type { Metadata } from "next";
import Link from "next/link";
import {
  DashboardCharts,
  DashboardOverdueActions,
  DashboardTotals,
} from "@/components/comuni/comune-dashboard";
import { requireActor } from "@/lib/auth/actor";
import { orNotFound } from "@/lib/http/page";
import { getComuneDashboard } from "@/lib/projects/comune-dashboard";
import { plural } from "@/lib/format/plural";

export const metadata: Metadata = { title: "Cruscotto" };

export default async function ComuneDashboardPage({ params }: { params: Promise<{ istat: string }> }) {
  const { istat } = await params;
  const actor = await requireActor();
  const d = await orNotFound(getComuneDashboard(actor, istat), `/comuni/${istat}`);
  const comune = d.comune;
  const list = `/comuni/${istat}/interventi`;
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm text-slate-700">
          {comune.province.name} ·{" "}
          {comune.smartLands.map((s) => `${s.smartLand.name} – ${s.smartLand.phase}`).join(", ")}
        </p>
        <h1 className="text-3xl font-semibold">Cruscotto del Comune di {comune.name}</h1>
      </div>
      <DashboardTotals d={d} listHref={list} />
      <DashboardCharts d={d} listHref={list} />
      <DashboardOverdueActions d={d} listHref={list} allHref={`/comuni/${istat}/ritardi`} />
      {d.partnerProjectCount > 0 ? (
        <p className="text-sm text-slate-700">
          Il Comune partecipa come partner a {plural(d.partnerProjectCount, "intervento", "interventi")} di
          altri comuni (sola lettura):{" "}
          <Link href={`${list}?ambito=partner`}>vedi gli interventi in partenariato</Link>.
        </p>
      ) : null}
    </div>
  );
}
