import Link from "next/link";

export default function NotFound() {
  return (
    <main id="contenuto" className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Non trovato.</h1>
      <p className="mt-3 text-slate-700">
        La pagina richiesta non esiste o non è disponibile per il tuo profilo.
      </p>
      <p className="mt-6">
        <Link href="/">Torna alla pagina iniziale</Link>
      </p>
    </main>
  );
}
