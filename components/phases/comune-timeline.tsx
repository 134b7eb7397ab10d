// A comune's cronoprogramma (/comuni/{istat}/cronoprogramma): filters, the Gantt with one row per project
// (its phases as bars), the same data as a table, the pager.
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterSelect, labelledOptions } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import { PROJECT_STATUSES, STATUS_LABELS } from "@/lib/format";
import { plural } from "@/lib/format/plural";
import {
  formatIsoDate,
  LATE_PHASE_STATES,
  PHASE_SHORT_LABELS,
  PHASE_STATE_LABELS,
} from "@/lib/format/phases";
import type { ComuneTimeline } from "@/lib/phases/timeline";
import { Gantt } from "./gantt";

export function ComuneTimelineView(props: {
  data: ComuneTimeline;
  base: string;
  filters: { filone?: string; stato?: string };
}) {
  const { data, base } = props;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const query = (page: number) => {
    const q = new URLSearchParams({ ...(props.filters as Record<string, string>), pagina: String(page) });
    return `${base}?${q}`;
  };
  const projectHref = (id: string) => `/comuni/${data.istat}/interventi/${id}#fasi`;
  const cells = data.rows.flatMap((r) =>
    r.phases.filter((p) => p.state !== "UNPLANNED").map((p) => ({ project: r, phase: p })),
  );
  return (
    <div className="space-y-6">
      <FilterForm label="Filtra il cronoprogramma" resetHref={base}>
        <FilterSelect
          name="filone"
          label="Filone"
          value={props.filters.filone}
          options={data.streams.map((s) => ({ value: s.id, label: s.name }))}
          narrow
        />
        <FilterSelect
          name="stato"
          label="Stato"
          value={props.filters.stato}
          options={labelledOptions(PROJECT_STATUSES, STATUS_LABELS)}
        />
      </FilterForm>
      <p className="text-sm text-slate-700">
        {plural(data.total, "intervento", "interventi")}. Ogni riga è un intervento, ogni barra una fase:
        chiara la durata prevista, piena quella effettiva, in rosso le fasi in ritardo.
      </p>
      <Gantt
        label="Cronoprogramma degli interventi"
        today={data.today}
        rows={data.rows.map((r) => ({
          key: r.id,
          label: r.title,
          href: projectHref(r.id),
          bars: r.phases.map((p) => ({ ...p, key: p.kind, label: PHASE_SHORT_LABELS[p.kind] })),
        }))}
      />
      <Pager page={data.page} pages={pages} href={query} />
      <details>
        <summary className="cursor-pointer text-sm font-medium">Tabella delle fasi di questa pagina</summary>
        <div className="mt-2">
          <DataTable
            caption="Fasi degli interventi: date previste ed effettive"
            rows={cells}
            rowKey={(c) => `${c.project.id}-${c.phase.kind}`}
            empty="Nessuna fase registrata."
            columns={[
              { header: "Intervento", cell: (c) => c.project.title },
              { header: "Fase", cell: (c) => c.phase.label },
              {
                header: "Previsto",
                cell: (c) => `${formatIsoDate(c.phase.plannedStart)} – ${formatIsoDate(c.phase.plannedEnd)}`,
              },
              {
                header: "Effettivo",
                cell: (c) => `${formatIsoDate(c.phase.actualStart)} – ${formatIsoDate(c.phase.actualEnd)}`,
              },
              {
                header: "Stato",
                cell: (c) =>
                  LATE_PHASE_STATES.includes(c.phase.state) ? (
                    <strong className="text-red-800">{PHASE_STATE_LABELS[c.phase.state]}</strong>
                  ) : (
                    PHASE_STATE_LABELS[c.phase.state]
                  ),
              },
            ]}
          />
        </div>
      </details>
    </div>
  );
}
