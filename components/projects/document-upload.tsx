"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { DOCUMENT_ACCEPT, DOCUMENT_HINT } from "@/lib/format/documents";

type Phase =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "done"; name: string }
  | { kind: "failed"; message: string };

/**
 * «Carica un documento»: the file goes to the API as the request body (streamed to the database there),
 * attached to the project or one of its actions. A refusal (type, size) is shown next to the field.
 */
export function DocumentUpload(props: {
  projectId?: string;
  actions: { id: string; title: string }[];
  /** The collection to post to, when not a project's (an adherence act's documents). */
  url?: string;
}) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const failed = phase.kind === "failed";

  async function submit(form: HTMLFormElement) {
    const file = input.current?.files?.[0];
    if (!file) {
      setPhase({ kind: "failed", message: "Scegli un file da caricare." });
      input.current?.focus();
      return;
    }
    const owner = String(new FormData(form).get("azione") ?? "");
    setPhase({ kind: "sending" });
    try {
      const res = await fetch(
        `${props.url ?? `/api/v1/projects/${props.projectId}/documents`}${owner ? `?azione=${encodeURIComponent(owner)}` : ""}`,
        {
          method: "POST",
          headers: {
            "content-type": "application/octet-stream",
            "x-file-name": encodeURIComponent(file.name),
          },
          body: file,
        },
      );
      if (res.ok) {
        const body = (await res.json()) as { data: { fileName: string } };
        setPhase({ kind: "done", name: body.data.fileName });
        form.reset();
        router.refresh();
        return;
      }
      const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
      setPhase({ kind: "failed", message: problem.detail ?? problem.title ?? "Caricamento non riuscito." });
    } catch {
      setPhase({ kind: "failed", message: "Caricamento non riuscito: controlla la connessione e riprova." });
    }
    input.current?.focus();
  }

  return (
    <form
      className="min-w-0 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <h3 id={`${id}-title`} className="font-semibold">
        Carica un documento
      </h3>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-900">
          File
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          name="file"
          type="file"
          accept={DOCUMENT_ACCEPT}
          aria-describedby={`${id}-hint${failed ? ` ${id}-error` : ""}`}
          aria-invalid={failed || undefined}
          className="mt-1 block max-w-full text-sm"
          onChange={() => setPhase({ kind: "idle" })}
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {DOCUMENT_HINT}
        </p>
        {failed ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-800">
            {phase.message}
          </p>
        ) : null}
      </div>
      {props.actions.length ? (
        <div>
          <label htmlFor={`${id}-owner`} className="block text-sm font-medium text-slate-900">
            Allega a
          </label>
          <select
            id={`${id}-owner`}
            name="azione"
            className="mt-1 block w-full max-w-full rounded-md border border-slate-400 px-3 py-2 text-sm sm:w-auto"
          >
            <option value="">L&apos;intervento</option>
            {props.actions.map((a) => (
              <option key={a.id} value={a.id}>
                Azione: {a.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button
        type="submit"
        disabled={phase.kind === "sending"}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white disabled:opacity-60"
      >
        {phase.kind === "sending" ? "Caricamento…" : "Carica"}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-green-800">
        {phase.kind === "done" ? `Documento caricato: ${phase.name}.` : ""}
      </p>
    </form>
  );
}
