/** A labelled <select> of a GET filter form, with "Tutti" as the empty choice. */
export function FilterSelect(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
}) {
  const id = `flt-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        defaultValue={props.value ?? ""}
        className="mt-1 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
      >
        <option value="">Tutti</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
