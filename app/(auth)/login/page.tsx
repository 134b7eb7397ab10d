import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SiteFooter } from "@/components/layout/site-footer";
import { getActor, landingPath } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Accesso" };

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(landingPath(actor));
  return (
    <div className="flex min-h-screen flex-col">
      <main id="contenuto" className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Smart Land Lombardia</p>
        <h1 className="mt-2 text-3xl font-semibold">Accedi al portale</h1>
        <p className="mt-3 text-slate-700">
          Pianificazione e monitoraggio degli interventi Smart City e Smart Land dei comuni lombardi.
        </p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
