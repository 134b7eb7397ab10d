import Link from "next/link";
import { STATUS_LABELS } from "@/lib/format";
import type { ChecklistProject } from "@/lib/rounds/submission";

const SEVERITY = {
  error: { label: "Da correggere", className: "border-red-200 bg-red-50 text-red-900" },
  warning: { label: "Da verificare", className: "border-amber-200 bg-amber-50 text-amber-900" },
} as const;

/**
 * The officer's checklist: each project of the round with its completeness checks (each with a link to
 * where the figure is fixed) and, on a returned submission, the coordinator's note beside it.
 */
export function Checklist(props: { istat: string; projects: ChecklistProject[] }) {
  if (props.projects.length === 0)
    return <p className="text-sm text-slate-700">Nessun intervento del comune rientra nella rilevazione.</p>;
  return (
    <ul className="space-y-3">
      {props.projects.map((p) => (
        // id `f-<project>`: a refused «Invia» lists the blocking problems by project and links here.
        <li
          key={p.id}
          id={`f-${p.id}`}
          tabIndex={-1}
          className="rounded-lg border border-slate-200 bg-white p-4"
          data-project={p.id}
        >
          <h3 className="font-semibold">
            <Link href={`/comuni/${props.istat}/interventi/${p.id}`}>{p.title}</Link>
          </h3>
          <p className="text-sm text-slate-700">
            {p.cup ? `CUP ${p.cup} · ` : ""}
            {STATUS_LABELS[p.status]} · avanzamento {p.progress}%
          </p>
          {p.note ? (
            <div className="mt-2 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm">
              <p className="font-medium">Osservazioni del coordinatore</p>
              <p className="whitespace-pre-line">{p.note}</p>
            </div>
          ) : null}
          {p.checks.length === 0 ? (
            <p className="mt-2 text-sm text-green-800">✓ Completo</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {p.checks.map((c, i) => (
                <li key={i} className={`rounded-md border px-3 py-2 ${SEVERITY[c.severity].className}`}>
                  <strong>{SEVERITY[c.severity].label}:</strong> {c.message}{" "}
                  <Link href={c.href} className="underline">
                    Correggi
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
