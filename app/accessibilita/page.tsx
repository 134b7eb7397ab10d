import type { Metadata } from "next";
import Link from "next/link";
import { SiteFooter } from "@/components/layout/site-footer";

export const metadata: Metadata = { title: "Dichiarazione di accessibilità" };

export default function AccessibilityPage() {
  return (
    <div className="flex min-h-screen flex-col">
      <main id="contenuto" className="mx-auto w-full max-w-3xl flex-1 px-6 py-12">
        <h1 className="text-3xl font-semibold">Dichiarazione di accessibilità</h1>
        <div className="mt-6 space-y-4 text-slate-800">
          <p>
            Il portale Smart Land Lombardia si impegna a rendere i propri servizi accessibili, conformemente
            alla Legge 9 gennaio 2004, n. 4 e alle Linee guida AgID sull&apos;accessibilità degli strumenti
            informatici, che recepiscono le WCAG 2.1 livello AA.
          </p>
          <h2 className="text-xl font-semibold">Stato di conformità</h2>
          <p>
            Ogni pagina è verificata automaticamente con axe-core a ogni modifica del software: nessuna
            violazione grave o critica è ammessa. I grafici sono sempre accompagnati da una tabella
            equivalente.
          </p>
          <h2 className="text-xl font-semibold">Segnalazioni</h2>
          <p>
            Per segnalare un problema di accessibilità scrivi al referente del tuo comune o ad Anci Lombardia.
            Se la risposta non è soddisfacente puoi rivolgerti al Difensore civico per il digitale presso
            AgID.
          </p>
          <p>
            <Link href="/">Torna alla pagina iniziale</Link>
          </p>
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
