import type { ReactNode } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { shown, shownList, type FormState } from "@/lib/validation/form-state";

export { FormMessage };

type Base = {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  className?: string;
};

const inputClass =
  "mt-1 w-full rounded-md border px-3 py-2 text-sm aria-[invalid=true]:border-red-700 aria-[invalid=true]:bg-red-50 border-slate-400";

/** Label, control, hint and error text, wired with aria-describedby so the error is read with the field. */
function FieldShell(props: Base & { id: string; children: ReactNode }) {
  return (
    <div className={props.className}>
      {/* The asterisk sits outside the label so the accessible name is the label alone (aria-required tells). */}
      <div className="flex gap-1">
        <label htmlFor={props.id} className="block text-sm font-medium text-slate-900">
          {props.label}
        </label>
        {props.required ? (
          <span aria-hidden="true" className="text-sm text-red-700">
            *
          </span>
        ) : null}
      </div>
      {props.children}
      {props.hint ? (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      {props.errors?.length ? (
        <p id={`${props.id}-error`} className="mt-1 text-sm text-red-800">
          {props.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, p: Base) {
  const ids = [p.hint ? `${id}-hint` : null, p.errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(
  props: Base & {
    defaultValue?: string;
    inputMode?: "text" | "decimal" | "numeric";
    placeholder?: string;
    type?: string;
    autoComplete?: string;
  },
) {
  const id = `f-${props.name}`;
  return (
    <FieldShell {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        aria-required={props.required || undefined}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, props)}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function DateField(props: Base & { defaultValue?: string }) {
  return <TextField {...props} placeholder="gg/mm/aaaa" hint={props.hint ?? "Formato gg/mm/aaaa"} />;
}

export function MoneyField(props: Base & { defaultValue?: string }) {
  return <TextField {...props} inputMode="decimal" hint={props.hint ?? "In euro, ad esempio 1.234,56"} />;
}

export function TextAreaField(props: Base & { defaultValue?: string; rows?: number }) {
  const id = `f-${props.name}`;
  return (
    <FieldShell {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, props)}
        className={inputClass}
      />
    </FieldShell>
  );
}

export function SelectField(
  props: Base & { defaultValue?: string; options: { value: string; label: string }[]; placeholder?: string },
) {
  const id = `f-${props.name}`;
  return (
    <FieldShell {...props} id={id}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-required={props.required || undefined}
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, props)}
        className={inputClass}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxGroup(
  props: Base & { legend: string; options: { value: string; label: string }[]; defaultValues: string[] },
) {
  const id = `f-${props.name}`;
  return (
    <fieldset className={props.className} aria-describedby={props.errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">{props.legend}</legend>
      <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
        {props.options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={props.name}
              value={o.value}
              defaultChecked={props.defaultValues.includes(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {props.errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {props.errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export function SubmitButton(props: {
  label: string;
  pending?: boolean;
  variant?: "primary" | "danger" | "secondary";
}) {
  const variant =
    props.variant === "danger"
      ? "bg-red-700 hover:bg-red-800 text-white"
      : props.variant === "secondary"
        ? "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100"
        : "bg-brand-700 hover:bg-brand-800 text-white";
  return (
    <button
      type="submit"
      disabled={props.pending}
      className={`rounded-md px-4 py-2 text-sm font-medium ${variant} disabled:opacity-60`}
    >
      {props.pending ? "Salvataggio…" : props.label}
    </button>
  );
}

type TextKeys<T> = { [K in keyof T]: T[K] extends string | null | undefined ? K : never }[keyof T] & string;
type ListKeys<T> = { [K in keyof T]: T[K] extends string[] ? K : never }[keyof T] & string;

/**
 * What a form's fields take from its answer: `field(name)` gives a field its name, the value to show (typed
 * last, else `saved`) and its errors; `list(name)` the same for a CheckboxGroup.
 */
export function bindFields<T extends object = Record<string, string>>(state: FormState, saved?: T) {
  const savedValue = (name: string) => (saved as Record<string, unknown> | undefined)?.[name];
  return {
    field: (name: TextKeys<T>) => ({
      name,
      defaultValue: shown(state, name, savedValue(name) as string | null | undefined),
      errors: state.fieldErrors?.[name],
    }),
    list: (name: ListKeys<T>) => ({
      name,
      defaultValues: shownList(state, name, savedValue(name) as string[]),
      errors: state.fieldErrors?.[name],
    }),
  };
}

/**
 * A form posted to a server action through useActionState: remounted with the submitted values after every
 * answer (React resets a form after its action runs), its hidden keys (those with a value), and the answer's
 * message, with «Ricarica la pagina» on a conflict when `reloadHref` is given.
 */
export function ActionForm(props: {
  state: FormState;
  action: (formData: FormData) => void;
  className: string;
  hidden?: Record<string, string | number | undefined>;
  reloadHref?: string;
  children: ReactNode;
}) {
  const { state } = props;
  return (
    <form
      key={JSON.stringify(state.values ?? {})}
      action={props.action}
      className={props.className}
      noValidate
    >
      {Object.entries(props.hidden ?? {}).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <FormMessage
        message={state.message}
        ok={state.ok}
        fieldErrors={state.fieldErrors}
        reloadHref={state.code === "CONFLICT" ? props.reloadHref : undefined}
      />
      {props.children}
    </form>
  );
}
