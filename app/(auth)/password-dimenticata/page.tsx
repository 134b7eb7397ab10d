import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { SiteFooter } from "@/components/layout/site-footer";
import { selfResetAvailable } from "@/lib/users/self-reset";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Password dimenticata" };

/** Self-service reset by e-mail (only when the portal can send mail; otherwise: ask the administrator). */
export default function ForgotPasswordPage() {
  const available = selfResetAvailable();
  return (
    <div className="flex min-h-screen flex-col">
      <main id="contenuto" className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Smart Land Lombardia</p>
        <h1 className="mt-2 text-3xl font-semibold">Password dimenticata</h1>
        {available ? (
          <>
            <p className="mt-3 text-slate-700">
              Scrivi l&apos;indirizzo email del tuo account: ti invieremo un link per scegliere una nuova
              password.
            </p>
            <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
              <ForgotPasswordForm action={forgotPasswordAction} />
            </div>
          </>
        ) : (
          <p className="mt-3 text-slate-700">
            Il portale non invia email: per reimpostare la password contatta l&apos;amministratore del
            portale.
          </p>
        )}
        <p className="mt-6 text-sm">
          <Link href="/login">← Torna all&apos;accesso</Link>
        </p>
      </main>
      <SiteFooter />
    </div>
  );
}
