import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { docsView, type FieldRow, type OperationView, type TypeLabel } from "@/lib/api/docs-view";
import { openApiDocument } from "@/lib/api/openapi";
import { QUERY_ALIASES } from "@/lib/api/queries";

export const metadata: Metadata = {
  title: "API per sviluppatori",
  description: "Documentazione dell'API JSON del portale Smart Land Lombardia (OpenAPI 3.1).",
};

// Rendered from the same OpenAPI document that /api/v1/openapi.json serves (no script, no CDN).
export default function ApiDocsPage() {
  const view = docsView(openApiDocument());
  return (
    <div className="max-w-5xl space-y-10">
      <div className="space-y-3">
        <h1 className="text-3xl font-semibold">API per sviluppatori</h1>
        <p>{view.description}</p>
        <p>
          Indirizzo di base: <code>{view.server}</code>. Versione {view.version}. Il documento completo in
          formato OpenAPI 3.1 è in <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>: si può importare
          in qualsiasi client OpenAPI.
        </p>
      </div>

      <section aria-labelledby="accesso" className="space-y-3">
        <h2 id="accesso" className="text-2xl font-semibold">
          Accesso
        </h2>
        <p>
          Crea un token personale nel tuo <Link href="/profilo">profilo</Link> (sezione «Token per
          l&apos;API») e mandalo in ogni richiesta nell&apos;intestazione{" "}
          <code>Authorization: Bearer slt_…</code>. Il token agisce con il tuo ruolo e il tuo comune: un
          referente comunale legge gli interventi del proprio comune e quelli di cui il comune è partner, e
          modifica solo i propri. Un token revocato è rifiutato dalla richiesta successiva (401).
        </p>
        <pre className="overflow-x-auto rounded bg-slate-100 p-4 text-sm text-slate-900">
          <code>{`curl -H "Authorization: Bearer slt_…" https://<portale>${view.server}/projects?stato=EXECUTION`}</code>
        </pre>
      </section>

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
            {Object.entries(QUERY_ALIASES).map(([name, alias], i) => (
              <span key={alias}>
                {i ? ", " : ""}
                <code>{alias}</code> per <code>{name}</code>
              </span>
            ))}
            .
          </li>
          <li>
            Gli elenchi sono paginati (<code>pagina</code>, <code>per_pagina</code> fino a 100) con{" "}
            <code>meta</code> (<code>page</code>, <code>pageSize</code>, <code>total</code>,{" "}
            <code>pages</code>) e hanno un ordinamento stabile.
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

      <nav aria-labelledby="indice" className="space-y-2">
        <h2 id="indice" className="text-2xl font-semibold">
          Indice delle operazioni
        </h2>
        <ul className="space-y-3">
          {view.tags.map((tag) => (
            <li key={tag.slug}>
              <a href={`#${tag.slug}`} className="font-medium">
                {tag.name}
              </a>
              <ul className="mt-1 space-y-1 pl-6">
                {tag.operations.map((op) => (
                  <li key={op.id}>
                    <a href={`#${op.id}`}>
                      <code>
                        {op.method} {op.path}
                      </code>
                    </a>{" "}
                    – {op.summary}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>

      {view.tags.map((tag) => (
        <section key={tag.slug} aria-labelledby={tag.slug} className="space-y-6">
          <div className="space-y-1 border-b border-slate-300 pb-2">
            <h2 id={tag.slug} className="text-2xl font-semibold">
              {tag.name}
            </h2>
            <p className="text-slate-700">{tag.description}</p>
          </div>
          {tag.operations.map((op) => (
            <Operation key={op.id} op={op} />
          ))}
        </section>
      ))}

      <section aria-labelledby="schemi" className="space-y-6">
        <h2 id="schemi" className="border-b border-slate-300 pb-2 text-2xl font-semibold">
          Schemi
        </h2>
        {view.schemas.map((schema) => (
          <article key={schema.name} aria-labelledby={`schema-${schema.name}`} className="space-y-2">
            <h3 id={`schema-${schema.name}`} className="text-lg font-semibold">
              <code>{schema.name}</code>
            </h3>
            {schema.description ? <p className="text-slate-700">{schema.description}</p> : null}
            {schema.fields.length ? (
              <Fields caption={`Campi di ${schema.name}`} rows={schema.fields} />
            ) : (
              <p>
                Tipo: <Type label={schema.type} />
              </p>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}

function Operation({ op }: { op: OperationView }) {
  return (
    <article aria-labelledby={op.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={op.id} className="text-lg font-semibold">
        <code className="rounded bg-slate-800 px-2 py-0.5 text-sm text-white">{op.method}</code>{" "}
        <code>{op.path}</code>
        <span className="block text-base font-normal text-slate-800">{op.summary}</span>
      </h3>
      {op.description ? <p>{op.description}</p> : null}
      <p className="text-sm text-slate-700">Accesso: {op.access}</p>
      {op.parameters.length ? (
        <DataTable
          caption={`Parametri di ${op.method} ${op.path}`}
          rows={op.parameters}
          rowKey={(p) => `${p.location}-${p.name}`}
          columns={[
            { header: "Nome", cell: (p) => <code>{p.name}</code> },
            { header: "Dove", cell: (p) => p.location },
            { header: "Obbligatorio", cell: (p) => (p.required ? "sì" : "no") },
            { header: "Tipo", cell: (p) => <Type label={p.type} /> },
            { header: "Descrizione", cell: (p) => p.description },
          ]}
        />
      ) : null}
      {op.body ? (
        <p>
          Corpo della richiesta ({op.body.media.join(", ")}): <Type label={op.body.schema} />
          {op.body.description ? `. ${op.body.description}` : ""}
        </p>
      ) : null}
      <DataTable
        caption={`Risposte di ${op.method} ${op.path}`}
        rows={op.responses}
        rowKey={(r) => r.status}
        columns={[
          { header: "Stato", cell: (r) => <code>{r.status}</code> },
          { header: "Significato", cell: (r) => r.description },
          {
            header: "Contenuto",
            cell: (r) =>
              r.schema ? (
                <>
                  <Type label={r.schema} /> ({r.media.join(", ")})
                </>
              ) : r.media.length ? (
                r.media.join(", ")
              ) : (
                "nessuno"
              ),
          },
        ]}
      />
    </article>
  );
}

function Fields({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(f) => f.name}
      columns={[
        { header: "Campo", cell: (f) => <code>{f.name}</code> },
        { header: "Obbligatorio", cell: (f) => (f.required ? "sì" : "no") },
        { header: "Tipo", cell: (f) => <Type label={f.type} /> },
        { header: "Descrizione", cell: (f) => f.description },
      ]}
    />
  );
}

/** A type label whose component names link to their schema below. */
function Type({ label }: { label: TypeLabel }) {
  if (!label.refs.length) return <>{label.text}</>;
  const pattern = new RegExp(`\\b(${label.refs.join("|")})\\b`);
  return (
    <>
      {label.text.split(pattern).map((part, i) =>
        label.refs.includes(part) ? (
          <a key={i} href={`#schema-${part}`}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
