import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SiteFooter } from "@/components/layout/site-footer";
import { getActor, landingPath, type SessionRefusal } from "@/lib/auth/actor";
import { cleanSearchParams, lookup } from "@/lib/http/search-params";
import { selfResetAvailable } from "@/lib/users/self-reset";

export const metadata: Metadata = { title: "Accesso" };

// Set by the password flows (activation link, reset link, own change), which end every session.
const NOTICES: Record<string, string> = {
  attivato: "Account attivato: accedi con la nuova password.",
  reimpostata: "Password reimpostata: accedi con la nuova password.",
  "password-cambiata": "Password cambiata: accedi con la nuova password.",
};

// Set by requireActor when a session the browser still holds was refused: why, in the user's terms.
const SESSION_REFUSALS: Record<SessionRefusal, string> = {
  "account-disattivato": "La sessione è stata chiusa: l'account è stato disattivato.",
  "comune-sospeso": "La sessione è stata chiusa: l'accesso del tuo comune al portale è stato sospeso.",
  "password-modificata": "La sessione è stata chiusa: la password dell'account è stata cambiata.",
  "account-modificato":
    "La sessione è stata chiusa: i dati di accesso dell'account sono stati modificati. Accedi di nuovo.",
  "sessione-scaduta": "La sessione è scaduta o è stata chiusa. Accedi di nuovo.",
};

export default async function LoginPage(props: {
  searchParams: Promise<{ avviso?: string | string[]; sessione?: string | string[] }>;
}) {
  const actor = await getActor();
  if (actor) redirect(landingPath(actor));
  const params = cleanSearchParams(await props.searchParams);
  const notice = lookup(NOTICES, params.avviso);
  const refusal = lookup(SESSION_REFUSALS, params.sessione);
  return (
    <div className="flex min-h-screen flex-col">
      <main id="contenuto" className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Smart Land Lombardia</p>
        <h1 className="mt-2 text-3xl font-semibold">Accedi al portale</h1>
        <p className="mt-3 text-slate-700">
          Pianificazione e monitoraggio degli interventi Smart City e Smart Land dei comuni lombardi.
        </p>
        {refusal ? (
          <p role="alert" className="mt-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950">
            {refusal}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="mt-6 rounded-md bg-green-50 px-4 py-3 text-sm text-green-900">
            {notice}
          </p>
        ) : null}
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm />
        </div>
        {selfResetAvailable() ? (
          <p className="mt-4 text-sm">
            <Link href="/password-dimenticata">Password dimenticata?</Link>
          </p>
        ) : (
          <p className="mt-4 text-sm text-slate-700">
            Password dimenticata? Contatta l&apos;amministratore del portale.
          </p>
        )}
      </main>
      <SiteFooter />
    </div>
  );
}
