import type { Metadata } from "next";
import Link from "next/link";
import { FactList } from "@/components/ui/fact-list";
import { ApiTokenForm } from "@/components/users/api-token-form";
import { ApiTokenTable } from "@/components/users/api-token-table";
import { PasswordForm } from "@/components/users/password-form";
import { API_TOKEN_DAY_CHOICES, API_TOKEN_DEFAULT_DAYS, listApiTokens } from "@/lib/users/api-tokens";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/format";
import { getOwnProfile } from "@/lib/users/change-password";
import { apiTokenRow, formatDateTime } from "@/lib/users/labels";
import { changePasswordAction, createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "Il mio profilo" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const profile = await getOwnProfile(actor);
  const tokens = await listApiTokens(actor);
  const facts: [string, string][] = [
    ["Nome", profile.name],
    ["Email", profile.email],
    ["Ruolo", ROLE_LABELS[profile.role]],
    ["Comune", profile.comune ? `${profile.comune.name} (${profile.comune.istat})` : "—"],
    ["Ultimo accesso", formatDateTime(profile.lastLoginAt)],
    ["Password cambiata il", formatDateTime(profile.passwordChangedAt)],
  ];
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-3xl font-semibold">Il mio profilo</h1>
      <section aria-labelledby="dati-title" className="space-y-3">
        <h2 id="dati-title" className="text-xl font-semibold">
          I tuoi dati
        </h2>
        <FactList facts={facts} />
        <p className="text-sm text-slate-700">
          Per cambiare nome, email, ruolo o comune rivolgiti all&apos;amministratore del portale.
        </p>
      </section>
      <section aria-labelledby="password-title" className="max-w-md space-y-3">
        <h2 id="password-title" className="text-xl font-semibold">
          Cambia password
        </h2>
        <p className="text-sm text-slate-700">
          Dopo il cambio tutte le tue sessioni vengono chiuse, anche questa: accederai di nuovo con la nuova
          password.
        </p>
        <PasswordForm
          action={changePasswordAction}
          askCurrent
          username={profile.email}
          submitLabel="Cambia password"
        />
      </section>
      <section aria-labelledby="token-title" className="space-y-3">
        <h2 id="token-title" className="text-xl font-semibold">
          Token per l&apos;API
        </h2>
        <p className="text-sm text-slate-700">
          Un token personale permette a un altro programma di usare l&apos;API del portale con i tuoi permessi
          ({ROLE_LABELS[profile.role]}
          {profile.comune ? `, Comune di ${profile.comune.name}` : ""}). È mostrato una sola volta; revocalo
          appena non serve più. Scade dopo la durata scelta e smette di funzionare per sempre se cambi la
          password, se cambiano il tuo ruolo o il tuo comune, se l&apos;account viene disattivato o il comune
          sospeso.
        </p>
        <p className="text-sm text-slate-700">
          Come usarlo: <Link href="/sviluppatori/api">documentazione dell&apos;API</Link>.
        </p>
        <ApiTokenForm
          action={createApiTokenAction}
          durations={API_TOKEN_DAY_CHOICES.map((d) => ({ value: String(d), label: `${d} giorni` }))}
          defaultDuration={String(API_TOKEN_DEFAULT_DAYS)}
        />
        <ApiTokenTable
          caption="I tuoi token"
          rows={tokens.map((t) => apiTokenRow(t))}
          revoke={revokeApiTokenAction}
          reloadHref="/profilo"
        />
      </section>
    </div>
  );
}
