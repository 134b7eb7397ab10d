import type { Metadata } from "next";
import { FactList } from "@/components/ui/fact-list";
import { PasswordForm } from "@/components/users/password-form";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/format";
import { getOwnProfile } from "@/lib/users/change-password";
import { formatDateTime } from "@/lib/users/labels";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Il mio profilo" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const profile = await getOwnProfile(actor);
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
      {/* Further account sections (e.g. personal API tokens) go here. */}
    </div>
  );
}
