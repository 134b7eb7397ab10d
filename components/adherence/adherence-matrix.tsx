import Link from "next/link";
import { TABLE_CLASSES, TableFrame } from "@/components/ui/data-table";
import type { AdherenceMatrix } from "@/lib/adherence/matrix";
import { formatEuro, PLAN_STATUS_LABELS } from "@/lib/format";
import { sumMoney } from "@/lib/money";

type Figures = { envelope: string; projects: number; secured: string; gap: string };

/** A gap (envelope − secured): positive means resources still to find (warning), negative more than planned. */
function Gap(props: { value: string }) {
  const n = Number(props.value);
  const tone = n > 0 ? "text-amber-900 font-medium" : n < 0 ? "text-blue-900" : "text-slate-700";
  const sign = n > 0 ? "da coprire" : n < 0 ? "oltre il piano" : "in pari";
  return (
    <span className={tone}>
      Scarto {formatEuro(props.value)} <span className="text-xs">({sign})</span>
    </span>
  );
}

function FiguresBlock(props: { f: Figures }) {
  return (
    <span className="block text-xs leading-5">
      <span className="block">Dotazione {formatEuro(props.f.envelope)}</span>
      <span className="block">
        {props.f.projects} {props.f.projects === 1 ? "intervento" : "interventi"} · risorse{" "}
        {formatEuro(props.f.secured)}
      </span>
      <span className="block">
        <Gap value={props.f.gap} />
      </span>
    </span>
  );
}

/**
 * The coordinator's matrix: comuni (rows) × streams (columns). Each cell: plan status, envelope, projects,
 * secured resources, gap; it links to the comune's plan for that stream. Totals per row and column.
 */
export function AdherenceMatrixTable(props: {
  matrix: AdherenceMatrix;
  planHref: (istat: string, code: string) => string;
}) {
  const m = props.matrix;
  const caption = `Adesioni e piani per comune e filone — ${m.smartLand.name}${m.year ? `, anno ${m.year}` : ", tutti gli anni"}`;
  return (
    <TableFrame label={caption}>
      <table className={TABLE_CLASSES.table}>
        <caption className={TABLE_CLASSES.caption()}>{caption}</caption>
        <thead className={TABLE_CLASSES.head}>
          <tr>
            <th scope="col" className={TABLE_CLASSES.th()}>
              Comune
            </th>
            {m.streams.map((s) => (
              <th key={s.code} scope="col" className={`${TABLE_CLASSES.th()} min-w-48`}>
                <abbr title={s.name}>{s.code}</abbr>
              </th>
            ))}
            <th scope="col" className={`${TABLE_CLASSES.th()} min-w-48`}>
              Totale del comune
            </th>
          </tr>
        </thead>
        <tbody>
          {m.comuni.map((c) => (
            <tr key={c.istat} className={`${TABLE_CLASSES.row} align-top`}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {c.name}
                <span className="block text-xs font-normal text-slate-700">
                  {c.act
                    ? `Adesione del ${c.act.actDate.split("-").reverse().join("/")}`
                    : "Atto non registrato"}
                </span>
              </th>
              {c.cells.map((cell) => (
                <td key={cell.streamCode} className="px-4 py-2">
                  <Link href={props.planHref(c.istat, cell.streamCode)} className="font-medium">
                    {cell.status ? PLAN_STATUS_LABELS[cell.status] : "Non aderisce"}
                    <span className="sr-only">
                      {" "}
                      — {c.name}, {cell.streamCode}
                    </span>
                  </Link>
                  <FiguresBlock f={cell} />
                </td>
              ))}
              <td className="bg-slate-50 px-4 py-2">
                <span className="block text-xs">
                  {c.total.adhered} {c.total.adhered === 1 ? "filone" : "filoni"}
                </span>
                <FiguresBlock f={c.total} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-300 bg-slate-50 align-top">
            <th scope="row" className="px-4 py-2 text-left">
              Totale del filone
            </th>
            {m.columnTotals.map((t, i) => (
              <td key={m.streams[i].code} className="px-4 py-2">
                <span className="block text-xs">
                  {t.adhered} {t.adhered === 1 ? "comune aderente" : "comuni aderenti"}
                </span>
                <FiguresBlock f={t} />
              </td>
            ))}
            <td className="px-4 py-2">
              <FiguresBlock f={m.total} />
            </td>
          </tr>
          <tr className="border-t border-slate-200 bg-slate-50 align-top">
            <th scope="row" className="px-4 py-2 text-left">
              Piano di programma
            </th>
            {m.programme.byStream.map((amount, i) => (
              <td key={m.streams[i].code} className="px-4 py-2 text-xs leading-5">
                <span className="block">Dotazione {formatEuro(amount)}</span>
                <span className="block">
                  Comuni {formatEuro(m.columnTotals[i].envelope)} ·{" "}
                  {formatEuro(sumMoney([amount, `-${m.columnTotals[i].envelope}`]))} da assegnare
                </span>
              </td>
            ))}
            <td className="px-4 py-2 text-xs leading-5">
              <span className="block">Dotazione {formatEuro(m.programme.total)}</span>
            </td>
          </tr>
        </tfoot>
      </table>
    </TableFrame>
  );
}
