"use client";

/** A failure of the root layout itself: the whole document is replaced, so it carries its own html. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="it">
      <body>
        <main id="contenuto">
          <h1>Servizio momentaneamente non disponibile.</h1>
          <p>Non è stato possibile caricare la pagina. Riprova tra qualche istante.</p>
          <button type="button" onClick={reset}>
            Riprova
          </button>
        </main>
      </body>
    </html>
  );
}
