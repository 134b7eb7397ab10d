import type { Metadata } from "next";
import { ComuneAccountFilterForm, ComuneAccountTable } from "@/components/comuni/comune-admin-list";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { listComuni, type ComuneState } from "@/lib/comuni/list-comuni";
import { formatNumber } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { getRollupFilterOptions } from "@/lib/rollup/filter-options";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";
import { plural } from "@/lib/format/plural";

export const metadata: Metadata = { title: "Comuni" };

const STATES: { value: ComuneState; label: string }[] = [
  { value: "aderente", label: "Aderenti" },
  { value: "sospeso", label: "Sospesi" },
  { value: "non-aderente", label: "Non aderenti" },
];

type Search = { q?: string; provincia?: string; stato?: string; pagina?: string };

export default async function ComuniPage(props: { searchParams: Promise<Search> }) {
  const search = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const state = STATES.find((s) => s.value === search.stato)?.value;
  const page = pageNumber(search.pagina);
  const comuni = await orNotFound(
    listComuni(actor, { q: search.q, province: search.provincia, state, page, pageSize: 50 }),
    "/admin/comuni",
  );
  const provinces = (await getRollupFilterOptions(actor)).find((f) => f.name === "provincia")?.options ?? [];
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: search.q, provincia: search.provincia, stato: state })) {
      if (v) params.set(k, v);
    }
    params.set("pagina", String(p));
    return `/admin/comuni?${params}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Comuni</h1>
      <p className="text-sm text-slate-700">
        {plural(comuni.members, "comune aderente", "comuni aderenti")} su {formatNumber(1503)} comuni
        lombardi.
      </p>
      <ComuneAccountFilterForm
        values={{ q: search.q, provincia: search.provincia, stato: state }}
        provinces={provinces}
        states={STATES}
      />
      <ComuneAccountTable total={comuni.total} rows={comuni.items} />
      <Pager
        label="Pagine dei comuni"
        page={comuni.page}
        pages={comuni.pages}
        href={link}
        previous="Pagina precedente"
        next="Pagina successiva"
      />
    </div>
  );
}
