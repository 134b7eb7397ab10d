import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { SuccessNotice } from "@/components/ui/notice";
import {
  type DecimalLike,
  formatDate,
  formatDateTime,
  formatEuro,
  HEALTH_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import type { Publication } from "@/lib/projects/publication";
import type { FormState } from "@/lib/validation/form-state";

export type ProjectHeaderData = {
  id: string;
  version: number;
  title: string;
  summary: string;
  cup: string | null;
  localCode: string | null;
  status: keyof typeof STATUS_LABELS;
  health: keyof typeof HEALTH_LABELS;
  progress: number;
  totalCost: DecimalLike;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  comune: { name: string };
  stream: { code: string; name: string };
  smartLand: { name: string; phase: string } | null;
  partners: { partner: { name: string } }[];
  publication: Publication;
};

/** The publication line: what the public side (Smart Land page, open data) shows of this project. */
function publicationText(p: Publication): string {
  if (p.state === "draft") return "Bozza: non ancora pubblicato";
  const when = `Pubblicato il ${formatDateTime(p.publishedAt)} (versione ${p.publishedVersion})`;
  return p.state === "changed" ? `${when} · Modifiche non pubblicate` : when;
}

/**
 * The top of a project's page: where it belongs, its title, the outcome of the last command, «Modifica» and
 * «Elimina» for those who may write, its key facts, summary and partners.
 */
export function ProjectHeader(props: {
  project: ProjectHeaderData;
  projectHref: string;
  listHref: string;
  notices: { saved: boolean; restored: boolean; published?: boolean; unpublished?: boolean };
  isPartner: boolean;
  /** Present when the reader may edit the project. */
  deleteProject?: (state: FormState, formData: FormData) => Promise<FormState>;
  /** Present when the reader may publish the project (the same as editing it). */
  publishProject?: (state: FormState, formData: FormData) => Promise<FormState>;
  unpublishProject?: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const p = props.project;
  return (
    <header className="space-y-4">
      <p className="text-sm text-slate-700">
        <Link href={props.listHref}>Interventi</Link> · Comune di {p.comune.name} · {p.stream.code}{" "}
        {p.stream.name}
        {p.smartLand ? ` · ${p.smartLand.name} – ${p.smartLand.phase}` : ""}
      </p>
      <h1 className="text-3xl font-semibold">{p.title}</h1>
      {props.notices.saved ? <SuccessNotice compact>Modifiche salvate.</SuccessNotice> : null}
      {props.notices.restored ? <SuccessNotice compact>Intervento ripristinato.</SuccessNotice> : null}
      {props.notices.published ? <SuccessNotice compact>Intervento pubblicato.</SuccessNotice> : null}
      {props.notices.unpublished ? (
        <SuccessNotice compact>Intervento ritirato dalla pubblicazione.</SuccessNotice>
      ) : null}
      <p className="text-sm text-slate-700" data-testid="publication-status">
        {publicationText(p.publication)}
      </p>
      {props.isPartner ? (
        <p className="rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Intervento del Comune di {p.comune.name} a cui il tuo comune partecipa come partner: sola lettura.
        </p>
      ) : null}
      {props.deleteProject ? (
        <div className="flex flex-wrap gap-3">
          <Link
            href={`${props.projectHref}/modifica`}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white no-underline"
          >
            Modifica
          </Link>
          <ActionButton
            action={props.deleteProject}
            fields={{ id: p.id, version: String(p.version) }}
            label="Elimina"
            variant="secondary"
            confirm="Eliminare l'intervento? Potrai ripristinarlo dall'elenco degli interventi eliminati."
          />
          {props.publishProject && p.publication.state !== "published" ? (
            <ActionButton
              action={props.publishProject}
              fields={{ id: p.id, version: String(p.version) }}
              label="Pubblica"
              variant="secondary"
            />
          ) : null}
          {props.unpublishProject && p.publication.state !== "draft" ? (
            <ActionButton
              action={props.unpublishProject}
              fields={{ id: p.id, version: String(p.version) }}
              label="Ritira dalla pubblicazione"
              variant="secondary"
              confirm="Ritirare l'intervento dalla pubblicazione? Non sarà più visibile nella pagina pubblica e nei dati aperti finché non lo pubblicherai di nuovo."
            />
          ) : null}
        </div>
      ) : null}
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-4">
        {[
          ["CUP", p.cup ?? "—"],
          ["Codice locale", p.localCode ?? "—"],
          ["Stato procedurale", STATUS_LABELS[p.status]],
          ["Andamento", HEALTH_LABELS[p.health]],
          ["Avanzamento", `${p.progress}%`],
          ["Costo totale", formatEuro(p.totalCost)],
          ["Inizio / fine previsti", `${formatDate(p.plannedStart)} – ${formatDate(p.plannedEnd)}`],
          ["Inizio / fine effettivi", `${formatDate(p.actualStart)} – ${formatDate(p.actualEnd)}`],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      {p.summary ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{p.summary}</p> : null}
      <p className="text-sm text-slate-700">
        Comuni partner:{" "}
        {p.partners.length
          ? p.partners.map((x) => x.partner.name).join(", ")
          : "nessuno (intervento del solo comune)"}
      </p>
    </header>
  );
}
