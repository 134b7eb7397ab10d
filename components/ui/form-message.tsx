"use client";

import { useEffect, useRef, type MouseEvent } from "react";

/** The element a field error points at: the field's control (`f-<name>`), else the first control so named. */
function fieldTarget(anchor: HTMLElement, name: string): HTMLElement | null {
  const byId = document.getElementById(`f-${name}`);
  if (byId) return byId;
  const form = anchor.closest("form") ?? document;
  return form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type=hidden])`);
}

/**
 * A form's answer. A success is a status; a refusal is an error summary that takes the focus (so a screen
 * reader reads it and a keyboard user starts from it) and links each field error to its field.
 */
export function FormMessage(props: {
  message?: string;
  ok?: boolean;
  reloadHref?: string;
  fieldErrors?: Record<string, string[]>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const failed = !!props.message && !props.ok;
  useEffect(() => {
    if (failed) ref.current?.focus();
  }, [failed, props.message, props.fieldErrors]);
  if (!props.message) return null;
  const errors = Object.entries(props.fieldErrors ?? {}).filter(([, list]) => list.length > 0);
  const goTo = (e: MouseEvent<HTMLAnchorElement>, name: string) => {
    const target = fieldTarget(e.currentTarget, name);
    if (!target) return;
    e.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  };
  return (
    <div
      ref={ref}
      role={props.ok ? "status" : "alert"}
      tabIndex={failed ? -1 : undefined}
      data-error-summary={failed || undefined}
      className={`rounded-md px-4 py-3 text-sm ${props.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}
    >
      <p>{props.message}</p>
      {failed && errors.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {errors.map(([name, list]) => (
            <li key={name}>
              <a href={`#f-${name}`} onClick={(e) => goTo(e, name)} className="text-red-900 underline">
                {list.join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {props.reloadHref ? (
        <p className="mt-2">
          <a href={props.reloadHref} className="font-medium text-red-900 underline">
            Ricarica la pagina
          </a>
        </p>
      ) : null}
    </div>
  );
}
