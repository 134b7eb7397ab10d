import Link from "next/link";
import { SiteFooter } from "@/components/layout/site-footer";
import { PasswordForm } from "@/components/users/password-form";
import type { UserTokenKind } from "@/lib/generated/prisma/enums";
import { INVALID_LINK, inspectLink } from "@/lib/users/redeem-link";
import type { FormState } from "@/lib/validation/form-state";

const TEXT: Record<UserTokenKind, { title: string; intro: string; submit: string }> = {
  ACTIVATION: {
    title: "Attiva il tuo account",
    intro: "Scegli la password con cui accederai al portale.",
    submit: "Attiva l'account",
  },
  PASSWORD_RESET: {
    title: "Reimposta la password",
    intro: "Scegli una nuova password per accedere al portale.",
    submit: "Salva la nuova password",
  },
};

/** The page behind an activation or reset link (no login): the form, or why the link cannot be used. */
export async function LinkPage(props: {
  kind: UserTokenKind;
  token: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const holder = await inspectLink(props.kind, props.token);
  const text = TEXT[props.kind];
  return (
    <div className="flex min-h-screen flex-col">
      <main id="contenuto" className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Smart Land Lombardia</p>
        {holder ? (
          <>
            <h1 className="mt-2 text-3xl font-semibold">{text.title}</h1>
            <p className="mt-3 text-slate-700">
              {text.intro} Account: <strong>{holder.email}</strong>
            </p>
            <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
              <PasswordForm
                action={props.action}
                hidden={{ token: props.token }}
                username={holder.email}
                submitLabel={text.submit}
              />
            </div>
          </>
        ) : (
          <>
            <h1 className="mt-2 text-3xl font-semibold">Link non valido</h1>
            <p className="mt-3 text-slate-700">{INVALID_LINK}</p>
            <p className="mt-6">
              <Link href="/login">Vai alla pagina di accesso</Link>
            </p>
          </>
        )}
      </main>
      <SiteFooter />
    </div>
  );
}
