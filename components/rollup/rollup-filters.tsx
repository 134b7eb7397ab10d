import Link from "next/link";

type Option = { value: string; label: string };

/** The roll-up's filter form: a plain GET form, so every view is a URL that can be bookmarked and shared. */
export function RollupFilterForm(props: {
  action: string;
  values: Record<string, string | undefined>;
  selects: { name: string; label: string; options: Option[] }[];
}) {
  return (
    <form
      role="search"
      aria-label="Filtra il quadro regionale"
      action={props.action}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      {props.selects.map((s) => (
        <div key={s.name}>
          <label htmlFor={`rf-${s.name}`} className="block text-xs font-medium text-slate-700">
            {s.label}
          </label>
          <select
            id={`rf-${s.name}`}
            name={s.name}
            defaultValue={props.values[s.name] ?? ""}
            className="mt-1 max-w-56 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
          >
            <option value="">Tutti</option>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {(["anno_da", "anno_a"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={`rf-${name}`} className="block text-xs font-medium text-slate-700">
            {name === "anno_da" ? "Dall'anno" : "All'anno"}
          </label>
          <input
            id={`rf-${name}`}
            name={name}
            inputMode="numeric"
            defaultValue={props.values[name] ?? ""}
            className="mt-1 w-20 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
          />
        </div>
      ))}
      {props.values.metrica ? <input type="hidden" name="metrica" value={props.values.metrica} /> : null}
      <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm text-white">
        Applica i filtri
      </button>
      <Link href={props.action} className="text-sm">
        Azzera
      </Link>
    </form>
  );
}
