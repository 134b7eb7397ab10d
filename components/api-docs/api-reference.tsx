import { DataTable } from "@/components/ui/data-table";
import type { DocsView, FieldRow, OperationView, TypeLabel } from "@/lib/api/docs-view";

// The page's view of the OpenAPI document, as lib/api/docs-view.ts builds it.
type ApiTag = DocsView["tags"][number];
type ApiSchema = DocsView["schemas"][number];

/** «Indice delle operazioni»: every operation by tag, linked to its description below. */
export function OperationIndex({ tags }: { tags: ApiTag[] }) {
  return (
    <nav aria-labelledby="indice" className="space-y-2">
      <h2 id="indice" className="text-2xl font-semibold">
        Indice delle operazioni
      </h2>
      <ul className="space-y-3">
        {tags.map((tag) => (
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
  );
}

/** One tag of the API with its operations. */
export function TagSection({ tag }: { tag: ApiTag }) {
  return (
    <section aria-labelledby={tag.slug} className="space-y-6">
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
  );
}

/** «Schemi»: every component schema with its fields (or its type). */
export function SchemaSection({ schemas }: { schemas: ApiSchema[] }) {
  return (
    <section aria-labelledby="schemi" className="space-y-6">
      <h2 id="schemi" className="border-b border-slate-300 pb-2 text-2xl font-semibold">
        Schemi
      </h2>
      {schemas.map((schema) => (
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
