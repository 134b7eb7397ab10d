import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatNumber } from "@/lib/format";

type Option = { value: string; label: string };

/** A comune of the administrators' list (the items of `listComuni` in lib/comuni/list-comuni.ts). */
export type ComuneAccountRow = {
  istat: string;
  name: string;
  province: { acronym: string };
  population: number;
  member: boolean;
  suspended: boolean;
  _count: { users: number };
};

/** A comune's membership as the administrators read it. */
export function comuneAccountState(c: { member: boolean; suspended: boolean }) {
  return c.suspended ? "Sospeso" : c.member ? "Aderente" : "Non aderente";
}

function AccountSelect(props: {
  name: string;
  label: string;
  placeholder: string;
  options: Option[];
  value?: string;
}) {
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={props.name}
        name={props.name}
        defaultValue={props.value ?? ""}
        className="mt-1 rounded-md border border-slate-400 px-3 py-1.5"
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filters of the administrators' list of comuni: name or code, province, membership state. */
export function ComuneAccountFilterForm(props: {
  values: { q?: string; provincia?: string; stato?: string };
  provinces: Option[];
  states: Option[];
}) {
  const { values } = props;
  return (
    <form role="search" aria-label="Filtra i comuni" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          Nome o codice ISTAT
        </label>
        <input
          id="q"
          name="q"
          defaultValue={values.q ?? ""}
          className="mt-1 w-64 rounded-md border border-slate-400 px-3 py-1.5"
        />
      </div>
      <AccountSelect
        name="provincia"
        label="Provincia"
        placeholder="Tutte"
        options={props.provinces}
        value={values.provincia}
      />
      <AccountSelect
        name="stato"
        label="Stato"
        placeholder="Tutti"
        options={props.states}
        value={values.stato}
      />
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white">
        Filtra
      </button>
    </form>
  );
}

/** The comuni found, each linked to its account page. */
export function ComuneAccountTable(props: { total: number; rows: ComuneAccountRow[] }) {
  return (
    <DataTable
      caption={`Comuni trovati: ${formatNumber(props.total)}`}
      rows={props.rows}
      rowKey={(c) => c.istat}
      columns={[
        { header: "Codice ISTAT", cell: (c) => c.istat },
        { header: "Comune", cell: (c) => <Link href={`/admin/comuni/${c.istat}`}>{c.name}</Link> },
        { header: "Provincia", cell: (c) => c.province.acronym },
        { header: "Abitanti (2011)", cell: (c) => formatNumber(c.population), align: "right" },
        { header: "Stato", cell: (c) => comuneAccountState(c) },
        { header: "Utenti", cell: (c) => formatNumber(c._count.users), align: "right" },
      ]}
    />
  );
}
