import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { requireActor } from "@/lib/auth/actor";
import { listComuni } from "@/lib/comuni/list-comuni";
import { formatDate, ROLE_LABELS } from "@/lib/format";
import { orNotFound } from "@/lib/http/page";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Amministrazione" };

export default async function AdminPage(props: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const search = await props.searchParams;
  const actor = await requireActor();
  const page = Number(search.pagina ?? 1) || 1;
  const [comuni, users] = await Promise.all([
    orNotFound(listComuni(actor, { q: search.q, page })),
    orNotFound(listUsers(actor)),
  ]);
  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-semibold">Amministrazione</h1>
      <section aria-labelledby="comuni-title" className="space-y-3">
        <h2 id="comuni-title" className="text-xl font-semibold">
          Comuni ({comuni.members} aderenti su {comuni.total})
        </h2>
        <form role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            Cerca un comune
          </label>
          <input
            id="q"
            name="q"
            defaultValue={search.q ?? ""}
            placeholder="Nome o codice ISTAT"
            className="w-72 rounded-md border border-slate-400 px-3 py-1.5"
          />
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-white">
            Cerca
          </button>
        </form>
        <DataTable
          caption="Elenco dei comuni"
          captionHidden
          rows={comuni.items}
          rowKey={(c) => c.istat}
          columns={[
            { header: "Codice ISTAT", cell: (c) => c.istat },
            { header: "Comune", cell: (c) => c.name },
            { header: "Provincia", cell: (c) => c.province.acronym },
            { header: "Abitanti (2011)", cell: (c) => c.population.toLocaleString("it-IT"), align: "right" },
            {
              header: "Stato",
              cell: (c) => (c.suspended ? "Sospeso" : c.member ? "Aderente" : "Non aderente"),
            },
            { header: "Utenti", cell: (c) => c._count.users, align: "right" },
          ]}
        />
        <p className="text-sm text-slate-700">
          Pagina {comuni.page} di {comuni.pages}
        </p>
      </section>
      <section aria-labelledby="utenti-title" className="space-y-3">
        <h2 id="utenti-title" className="text-xl font-semibold">
          Utenti ({users.length})
        </h2>
        <DataTable
          caption="Elenco degli utenti"
          captionHidden
          rows={users}
          rowKey={(u) => u.id}
          columns={[
            { header: "Nome", cell: (u) => u.name },
            { header: "Email", cell: (u) => u.email },
            { header: "Ruolo", cell: (u) => ROLE_LABELS[u.role] },
            { header: "Comune", cell: (u) => u.comune?.name ?? "—" },
            { header: "Stato", cell: (u) => (u.active ? "Attivo" : "Disattivato") },
            { header: "Ultimo accesso", cell: (u) => formatDate(u.lastLoginAt) },
          ]}
        />
      </section>
    </div>
  );
}
