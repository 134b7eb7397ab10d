import Link from "next/link";
import type { ReactNode } from "react";

type Option = { value: string; label: string };

const WIDTHS = { wide: "w-64", narrow: "w-24", year: "w-20" } as const;

/**
 * A list's filter form: a plain GET form (every view is a URL that can be bookmarked and shared), its fields,
 * then the submit button and a link back to the unfiltered view.
 */
export function FilterForm(props: {
  label: string;
  resetHref: string;
  children: ReactNode;
  action?: string;
  submitLabel?: string;
  resetLabel?: string;
}) {
  return (
    <form
      role="search"
      aria-label={props.label}
      action={props.action}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      {props.children}
      <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm text-white">
        {props.submitLabel ?? "Filtra"}
      </button>
      <Link href={props.resetHref} className="text-sm">
        {props.resetLabel ?? "Azzera i filtri"}
      </Link>
    </form>
  );
}

/** The options of a select from an enum's values and their labels (e.g. PROJECT_STATUSES, STATUS_LABELS). */
export function labelledOptions<K extends string>(values: readonly K[], labels: Record<K, string>): Option[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** A filter's label above its control. */
function FilterField(props: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="max-w-full min-w-0">
      <label htmlFor={props.id} className="block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      {props.children}
    </div>
  );
}

/** A labelled text input of a filter form; `numeric` for years. */
export function FilterInput(props: {
  name: string;
  label: string;
  value?: string;
  width?: keyof typeof WIDTHS;
  numeric?: boolean;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? "flt"}-${props.name}`;
  return (
    <FilterField id={id} label={props.label}>
      <input
        id={id}
        name={props.name}
        inputMode={props.numeric ? "numeric" : undefined}
        defaultValue={props.value ?? ""}
        className={`mt-1 ${WIDTHS[props.width ?? "wide"]} max-w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm`}
      />
    </FilterField>
  );
}

/**
 * A labelled <select> of a filter form, with `placeholder` ("Tutti" unless told otherwise; null: none) as
 * the empty choice.
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  options: Option[];
  value?: string;
  placeholder?: string | null;
  idPrefix?: string;
  narrow?: boolean;
}) {
  const id = `${props.idPrefix ?? "flt"}-${props.name}`;
  const placeholder = props.placeholder === undefined ? "Tutti" : props.placeholder;
  return (
    <FilterField id={id} label={props.label}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.value ?? ""}
        className={`mt-1 ${props.narrow ? "max-w-56" : "max-w-full"} rounded-md border border-slate-400 px-2 py-1.5 text-sm`}
      >
        {placeholder !== null ? <option value="">{placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}
