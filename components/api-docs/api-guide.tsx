import Link from "next/link";

/** The top of the API documentation: what the API is, where it lives, where the OpenAPI document is. */
export function ApiIntro(props: { description: string; server: string; version: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-3xl font-semibold">API per sviluppatori</h1>
      <p>{props.description}</p>
      <p>
        Indirizzo di base: <code>{props.server}</code>. Versione {props.version}. Il documento completo in
        formato OpenAPI 3.1 è in <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>: si può importare in
        qualsiasi client OpenAPI.
      </p>
    </div>
  );
}

/** «Accesso»: personal tokens and what they may do, with a request as an example. */
export function ApiAccess({ server }: { server: string }) {
  return (
    <section aria-labelledby="accesso" className="space-y-3">
      <h2 id="accesso" className="text-2xl font-semibold">
        Accesso
      </h2>
      <p>
        Crea un token personale nel tuo <Link href="/profilo">profilo</Link> (sezione «Token per l&apos;API»)
        e mandalo in ogni richiesta nell&apos;intestazione <code>Authorization: Bearer slt_…</code>. Il token
        agisce con il tuo ruolo e il tuo comune: un referente comunale legge gli interventi del proprio comune
        e quelli di cui il comune è partner, e modifica solo i propri. Un token revocato è rifiutato dalla
        richiesta successiva (401).
      </p>
      <pre
        role="region"
        aria-label="Esempio di richiesta"
        tabIndex={0}
        className="max-w-full overflow-x-auto rounded bg-slate-100 p-4 text-sm text-slate-900"
      >
        <code>{`curl -H "Authorization: Bearer slt_…" https://<portale>${server}/projects?stato=EXECUTION`}</code>
      </pre>
    </section>
  );
}

/** «Convenzioni»: errors, pagination, versions, Italian amounts and dates. */
/** `aliases`: each query parameter's canonical name → the older name still accepted (lib/api/queries.ts). */
export function ApiConventions({ aliases }: { aliases: Readonly<Record<string, string>> }) {
  return (
    <section aria-labelledby="convenzioni" className="space-y-3">
      <h2 id="convenzioni" className="text-2xl font-semibold">
        Convenzioni
      </h2>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          Errori secondo RFC 9457 (<code>application/problem+json</code>, schema{" "}
          <a href="#schema-Problem">Problem</a>): i messaggi per campo sono in <code>errors</code>. Ciò che
          non puoi vedere risponde 404, mai 403.
        </li>
        <li>
          I parametri di ricerca hanno nomi italiani in minuscolo, uniti da «_» se sono due parole (
          <code>anno_da</code>, <code>per_pagina</code>, <code>smart_land</code>). Restano accettati, come
          alias deprecati, i nomi usati in precedenza:{" "}
          {Object.entries(aliases).map(([name, alias], i) => (
            <span key={alias}>
              {i ? ", " : ""}
              <code>{alias}</code> per <code>{name}</code>
            </span>
          ))}
          .
        </li>
        <li>
          Gli elenchi sono paginati (<code>pagina</code>, <code>per_pagina</code> fino a 100) con{" "}
          <code>meta</code> (<code>page</code>, <code>pageSize</code>, <code>total</code>, <code>pages</code>)
          e hanno un ordinamento stabile.
        </li>
        <li>
          Le modifiche sono complete e portano la <code>version</code> letta: se nel frattempo qualcuno ha
          salvato, la risposta è 409 e nulla cambia.
        </li>
        <li>
          Importi e date si possono inviare anche in italiano («1.234,56», «25/11/2026»); le risposte usano
          importi come testo con due decimali e date <code>aaaa-mm-gg</code>.
        </li>
      </ul>
    </section>
  );
}
