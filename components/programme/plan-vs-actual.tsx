import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { formatEuro } from "@/lib/format";
import { sumMoney } from "@/lib/money";
import type { Figures, PlanVsActual } from "@/lib/programme/plan-vs-actual";

type Row = Figures & { key: string; label: string; strong?: boolean };

const gap = (f: Figures) => sumMoney([f.plan, `-${f.secured}`]);
const money = (v: string, strong?: boolean) => (strong ? <strong>{formatEuro(v)}</strong> : formatEuro(v));

function figureColumns<T extends Figures & { strong?: boolean }>() {
  return [
    { header: "Piano", cell: (r: T) => money(r.plan, r.strong), align: "right" as const },
    {
      header: "Adesioni approvate",
      cell: (r: T) => money(r.adheredApproved, r.strong),
      align: "right" as const,
    },
    {
      header: "Adesioni inviate",
      cell: (r: T) => money(r.adheredSubmitted, r.strong),
      align: "right" as const,
    },
    { header: "Registrato", cell: (r: T) => money(r.registered, r.strong), align: "right" as const },
    { header: "Finanziato", cell: (r: T) => money(r.secured, r.strong), align: "right" as const },
    { header: "Piano meno finanziato", cell: (r: T) => money(gap(r), r.strong), align: "right" as const },
  ];
}

/** What each column means: shown above the tables (the UI's legend). */
export function PlanVsActualLegend() {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold">Piano</dt>
      <dd>la dotazione del piano di programma (tutte le fasi).</dd>
      <dt className="font-semibold">Adesioni</dt>
      <dd>la dotazione dei piani locali dei comuni: approvati e, a parte, inviati in attesa di esame.</dd>
      <dt className="font-semibold">Registrato</dt>
      <dd>le risorse previste sugli interventi registrati dai comuni membri, per anno della risorsa.</dd>
      <dt className="font-semibold">Finanziato</dt>
      <dd>
        le risorse impegnate su quegli interventi (decreto di finanziamento, mutuo concesso, impegno di
        bilancio): denaro su cui il comune può contare, non solo previsto e non ancora necessariamente pagato.
      </dd>
    </dl>
  );
}

/** Comuni per page of the by-comune table: a province-size Smart Land (133 comuni) fits in one. */
export const COMUNI_PER_PAGE = 200;

/**
 * Plan vs adhered vs registered vs secured by stream and year, by comune, and one comune's detail. With
 * `pageHref`, the by-comune table shows COMUNI_PER_PAGE comuni at a time (page `page`, from 1): a Smart
 * Land of every comune of the region would otherwise be a table of 1,503 rows.
 */
export function PlanVsActualTables(props: {
  data: PlanVsActual;
  comuneHref?: (istat: string) => string;
  page?: number;
  pageHref?: (page: number) => string;
}) {
  const { data } = props;
  const pages = props.pageHref ? Math.max(1, Math.ceil(data.comuni.length / COMUNI_PER_PAGE)) : 1;
  const page = Math.min(Math.max(1, props.page ?? 1), pages);
  const shownComuni = props.pageHref
    ? data.comuni.slice((page - 1) * COMUNI_PER_PAGE, page * COMUNI_PER_PAGE)
    : data.comuni;
  const yearLabel = (y: number | null) => (y === null ? "senza anno" : String(y));
  const streamRows: Row[] = data.byStream.flatMap((s) => [
    ...s.years.map((y) => ({ key: `${s.code}-${y.year}`, label: `${s.code} · ${yearLabel(y.year)}`, ...y })),
    { key: `${s.code}-t`, label: `${s.code} · ${s.name} (totale)`, strong: true, ...s.total },
  ]);
  const yearRows: Row[] = [
    ...data.byYear.map((y) => ({ key: String(y.year), label: yearLabel(y.year), ...y })),
    { key: "t", label: "Totale", strong: true, ...data.total },
  ];
  const comuneRows = shownComuni.map((c) => ({ key: c.istat, label: c.name, ...c.total }));
  return (
    <div className="space-y-6">
      <DataTable
        caption="Piano vs adesioni vs registrato vs finanziato, per filone e anno"
        rows={streamRows}
        rowKey={(r) => r.key}
        columns={[
          { header: "Filone e anno", cell: (r) => (r.strong ? <strong>{r.label}</strong> : r.label) },
          ...figureColumns<Row>(),
        ]}
        empty="Nessuna cifra: né piano, né adesioni, né interventi."
      />
      <DataTable
        caption="Per anno"
        rows={yearRows}
        rowKey={(r) => r.key}
        columns={[
          { header: "Anno", cell: (r) => (r.strong ? <strong>{r.label}</strong> : r.label) },
          ...figureColumns<Row>(),
        ]}
      />
      <DataTable
        caption={
          data.scope === "own" ? "Il tuo comune" : "Per comune (il piano non si ripartisce per comune)"
        }
        rows={comuneRows}
        rowKey={(r) => r.key}
        columns={[
          {
            header: "Comune",
            cell: (r) => (props.comuneHref ? <Link href={props.comuneHref(r.key)}>{r.label}</Link> : r.label),
          },
          ...figureColumns<Row>().slice(1, 5),
        ]}
        empty="Nessun comune membro."
      />
      {props.pageHref && pages > 1 ? (
        <Pager page={page} pages={pages} href={props.pageHref} label="Pagine dei comuni">
          <span className="text-slate-700">
            {data.comuni.length.toLocaleString("it-IT")} comuni, {COMUNI_PER_PAGE} per pagina
          </span>
        </Pager>
      ) : null}
      {data.comune ? (
        <DataTable
          caption={`Dettaglio di ${data.comune.name} per filone e anno`}
          rows={data.comune.streams.flatMap((s) =>
            s.years.map((y) => ({
              key: `${s.code}-${y.year}`,
              label: `${s.code} · ${yearLabel(y.year)}`,
              ...y,
            })),
          )}
          rowKey={(r) => r.key}
          columns={[{ header: "Filone e anno", cell: (r) => r.label }, ...figureColumns<Row>().slice(1, 5)]}
          empty="Nessuna adesione né intervento di questo comune."
        />
      ) : null}
    </div>
  );
}
