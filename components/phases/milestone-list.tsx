// The coordinator's deadlines (/regione/scadenze): late or due milestones, sorted by date, a page at a time.
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import { formatNumber } from "@/lib/format";
import { formatIsoDate } from "@/lib/format/phases";
import type { MilestonePage } from "@/lib/phases/milestones";

type Option = { value: string; label: string };

export function MilestoneFilters(props: {
  options: { smartLands: Option[]; comuni: Option[]; streams: Option[] };
  values: Record<string, string | undefined>;
  base: string;
}) {
  const v = props.values;
  return (
    <FilterForm label="Filtra le scadenze" resetHref={props.base}>
      <FilterSelect
        name="vista"
        label="Scadenze"
        value={v.vista}
        placeholder={null}
        options={[
          { value: "in_ritardo", label: "In ritardo" },
          { value: "in_scadenza", label: "In scadenza" },
        ]}
      />
      <FilterSelect
        name="giorni"
        label="Entro (in scadenza)"
        value={v.giorni}
        placeholder={null}
        options={["30", "60", "90"].map((d) => ({ value: d, label: `${d} giorni` }))}
      />
      <FilterSelect
        name="smart_land"
        label="Smart Land"
        value={v.smart_land}
        options={props.options.smartLands}
        narrow
      />
      <FilterSelect name="comune" label="Comune" value={v.comune} options={props.options.comuni} narrow />
      <FilterSelect name="filone" label="Filone" value={v.filone} options={props.options.streams} narrow />
    </FilterForm>
  );
}

export function MilestoneTable(props: { page: MilestonePage; href: (page: number) => string }) {
  const { page } = props;
  const late = page.view === "late";
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const count = page.more ? `più di ${formatNumber(page.total)}` : String(page.total);
  const caption = late
    ? `Fasi in ritardo: fine prevista passata senza fine effettiva (${count})`
    : `Fasi in scadenza entro ${page.days} giorni (${count})`;
  return (
    <div className="space-y-3">
      <DataTable
        caption={caption}
        rows={page.rows}
        rowKey={(r) => r.phaseId}
        empty={late ? "Nessuna fase in ritardo." : "Nessuna fase in scadenza."}
        columns={[
          { header: "Fine prevista", cell: (r) => formatIsoDate(r.plannedEnd) },
          {
            header: late ? "Ritardo" : "Mancano",
            align: "right",
            cell: (r) =>
              late ? (
                <strong className="text-red-800">{r.days} gg</strong>
              ) : r.days === 0 ? (
                "oggi"
              ) : (
                `${r.days} gg`
              ),
          },
          { header: "Fase", cell: (r) => r.label },
          {
            header: "Intervento",
            cell: (r) => (
              <Link href={`/comuni/${r.comuneIstat}/interventi/${r.projectId}#fasi`}>{r.projectTitle}</Link>
            ),
          },
          { header: "Comune", cell: (r) => r.comuneName },
          { header: "Filone", cell: (r) => r.streamName },
          { header: "Avviata", cell: (r) => (r.actualStart ? formatIsoDate(r.actualStart) : "no") },
        ]}
      />
      <Pager page={page.page} pages={pages} href={props.href} />
    </div>
  );
}
