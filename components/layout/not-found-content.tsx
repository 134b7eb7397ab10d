import Link from "next/link";

/**
 * The 404 message. The root's not-found page wraps it in its own <main>; inside the portal's and the public
 * layouts (which already have one) it is rendered as is, so the page keeps a single main landmark.
 */
export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Non trovato.</h1>
      <p className="mt-3 text-slate-700">
        La pagina richiesta non esiste o non è disponibile per il tuo profilo.
      </p>
      <p className="mt-6">
        <Link href="/">Torna alla pagina iniziale</Link>
      </p>
    </div>
  );
}
