import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";

type Option = { value: string; label: string };

/** The roll-up's filter form: a plain GET form, so every view is a URL that can be bookmarked and shared. */
export function RollupFilterForm(props: {
  action: string;
  values: Readonly<Record<string, string | undefined>>;
  selects: { name: string; label: string; options: Option[] }[];
  /** Why the year filters were ignored (lib/rollup/filters' yearFilterProblem). */
  yearProblem?: string;
}) {
  return (
    <FilterForm
      label="Filtra il quadro regionale"
      action={props.action}
      resetHref={props.action}
      submitLabel="Applica i filtri"
      resetLabel="Azzera"
    >
      {props.selects.map((s) => (
        <FilterSelect
          key={s.name}
          idPrefix="rf"
          narrow
          name={s.name}
          label={s.label}
          options={s.options}
          value={props.values[s.name]}
        />
      ))}
      <FilterInput
        idPrefix="rf"
        width="year"
        numeric
        name="anno_da"
        label="Dall'anno"
        value={props.values.anno_da}
      />
      <FilterInput
        idPrefix="rf"
        width="year"
        numeric
        name="anno_a"
        label="All'anno"
        value={props.values.anno_a}
      />
      {props.yearProblem ? (
        <p role="alert" className="basis-full text-sm font-medium text-red-800">
          {props.yearProblem}
        </p>
      ) : null}
      {props.values.metrica ? <input type="hidden" name="metrica" value={props.values.metrica} /> : null}
    </FilterForm>
  );
}
