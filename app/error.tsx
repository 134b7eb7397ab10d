"use client";

import { useEffect } from "react";

/**
 * Any page that fails to render (most often: the database is briefly unreachable — the server then
 * answers 503 with Retry-After, see scripts/serve.mjs). Nothing the user saved is affected.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="contenuto" className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Servizio momentaneamente non disponibile.</h1>
      <p className="mt-3 text-slate-700">
        Non è stato possibile caricare la pagina. I dati già salvati non sono stati modificati: riprova tra
        qualche istante.
      </p>
      {error.digest ? (
        <p className="mt-2 text-sm text-slate-600">Codice dell&apos;errore: {error.digest}</p>
      ) : null}
      <p className="mt-6">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          Riprova
        </button>
      </p>
    </main>
  );
}
