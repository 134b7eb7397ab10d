import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, labelledOptions } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS, ROLES } from "@/lib/format";
import type { Role } from "@/lib/generated/prisma/enums";
import { orNotFound } from "@/lib/http/page";
import { listHref, type ListSearchParams } from "@/lib/projects/list-query";
import { formatDateTime, USER_STATE_LABELS } from "@/lib/users/labels";
import { getUserFormOptions, searchUsers, USER_STATES, type UserState } from "@/lib/users/list-users";
import { cleanSearchParams, pageNumber } from "@/lib/http/search-params";
import { plural } from "@/lib/format/plural";

export const metadata: Metadata = { title: "Utenti" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

export default async function UsersPage(props: { searchParams: Promise<ListSearchParams> }) {
  const params = cleanSearchParams(await props.searchParams);
  const actor = await requireActor();
  const query = {
    q: one(params.q),
    role: pick<Role>(one(params.ruolo), ROLES),
    comuneIstat: one(params.comune),
    state: pick<UserState>(one(params.stato), USER_STATES),
    page: pageNumber(params.pagina),
  };
  const [result, options] = await Promise.all([
    orNotFound(searchUsers(actor, query), "/admin/utenti"),
    orNotFound(getUserFormOptions(actor), "/admin/utenti"),
  ]);
  const base = "/admin/utenti";
  const href = (changes: Record<string, string | undefined>) => listHref(base, params, changes);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-semibold">Utenti</h1>
        <Link
          href={`${base}/nuovo`}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
        >
          Nuovo utente
        </Link>
      </div>
      <FilterForm label="Filtra gli utenti" resetHref={base}>
        <FilterInput name="q" label="Cerca (nome o email)" value={query.q} />
        <FilterSelect
          name="ruolo"
          label="Ruolo"
          options={labelledOptions(ROLES, ROLE_LABELS)}
          value={query.role}
        />
        <FilterSelect
          name="comune"
          label="Comune"
          options={options.comuniWithUsers}
          value={query.comuneIstat}
        />
        <FilterSelect
          name="stato"
          label="Stato"
          options={labelledOptions(USER_STATES, USER_STATE_LABELS)}
          value={query.state}
        />
      </FilterForm>
      <DataTable
        caption={plural(result.total, "utente trovato", "utenti trovati")}
        rows={result.items}
        rowKey={(u) => u.id}
        columns={[
          { header: "Nome", cell: (u) => <Link href={`${base}/${u.id}`}>{u.name}</Link> },
          { header: "Email", cell: (u) => u.email },
          { header: "Ruolo", cell: (u) => ROLE_LABELS[u.role] },
          { header: "Comune", cell: (u) => u.comune?.name ?? "—" },
          { header: "Stato", cell: (u) => USER_STATE_LABELS[u.state] },
          { header: "Ultimo accesso", cell: (u) => formatDateTime(u.lastLoginAt) },
        ]}
        empty="Nessun utente corrisponde ai filtri."
      />
      <Pager page={result.page} pages={result.pages} href={(page) => href({ pagina: String(page) })} />
    </div>
  );
}
