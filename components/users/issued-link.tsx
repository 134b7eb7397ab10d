"use client";

import { useState } from "react";
import type { FormState } from "@/lib/validation/form-state";

/** What an action that issues an activation/reset link answers: the link is in this answer only. */
export type IssuedLinkState = FormState & {
  link?: string;
  linkKind?: "ACTIVATION" | "PASSWORD_RESET";
  expiresLabel?: string;
  mailedTo?: string | null;
  userId?: string;
  /** The user the link is for (the form's own fields are not echoed back on success). */
  recipient?: string;
};

/** Shows a freshly issued one-time link once, with a copy button; it is not stored anywhere readable. */
export function IssuedLinkPanel(props: { state: IssuedLinkState; recipient: string }) {
  const [copied, setCopied] = useState(false);
  const { link, linkKind, expiresLabel, mailedTo } = props.state;
  if (!link) return null;
  const what = linkKind === "ACTIVATION" ? "attivazione" : "reimpostazione della password";
  return (
    <div
      role="status"
      className="space-y-3 rounded-md border border-green-700 bg-green-50 p-4 text-sm text-green-950"
    >
      <p className="font-semibold">
        Link di {what} per {props.recipient} creato.
      </p>
      <p>
        Copialo ora: per sicurezza non verrà più mostrato. Vale fino al {expiresLabel} (72 ore) e si può usare
        una sola volta.
      </p>
      <div>
        <label htmlFor="issued-link" className="block font-medium">
          Link di {what}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="issued-link"
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-xs"
          />
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(link).catch(() => undefined);
              setCopied(true);
            }}
            className="rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 hover:bg-slate-100"
          >
            {copied ? "Copiato" : "Copia"}
          </button>
        </div>
      </div>
      <p>
        {mailedTo
          ? `Il link è stato inviato anche per email a ${mailedTo}.`
          : "L'invio per email non è attivo o non è riuscito: consegna il link alla persona con un canale sicuro."}
      </p>
    </div>
  );
}
