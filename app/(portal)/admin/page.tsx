import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/actor";
import { listComuni } from "@/lib/comuni/list-comuni";
import { formatNumber } from "@/lib/format";
import { plural } from "@/lib/format/plural";
import { orNotFound } from "@/lib/http/page";
import { countUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Amministrazione" };

export default async function AdminPage() {
  const actor = await requireActor();
  const [comuni, users] = await Promise.all([
    orNotFound(listComuni(actor, { pageSize: 1 }), "/admin"),
    orNotFound(countUsers(actor), "/admin"),
  ]);
  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-semibold">Amministrazione</h1>
      <div className="grid gap-6 md:grid-cols-2">
        <section
          aria-labelledby="utenti-title"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-6"
        >
          <h2 id="utenti-title" className="text-xl font-semibold">
            Utenti ({formatNumber(users.total)})
          </h2>
          <ul className="text-sm text-slate-800">
            <li>{plural(users.active, "attivo", "attivi")}</li>
            <li>{formatNumber(users.pending)} in attesa di password</li>
            <li>{plural(users.inactive, "disattivato", "disattivati")}</li>
          </ul>
          <p className="flex gap-4 text-sm">
            <Link href="/admin/utenti">Gestisci gli utenti</Link>
            <Link href="/admin/utenti/nuovo">Nuovo utente</Link>
          </p>
        </section>
        <section
          aria-labelledby="comuni-title"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-6"
        >
          <h2 id="comuni-title" className="text-xl font-semibold">
            Comuni ({plural(comuni.members, "aderente", "aderenti")} su {formatNumber(comuni.total)})
          </h2>
          <p className="text-sm">
            <Link href="/admin/comuni">Gestisci i comuni</Link>
          </p>
        </section>
      </div>
    </div>
  );
}
