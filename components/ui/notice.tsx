import type { ReactNode } from "react";

/** A confirmation after a redirect ("Modifiche salvate."), read out by screen readers as a status. */
export function SuccessNotice(props: { children: ReactNode; compact?: boolean }) {
  return (
    <p
      role="status"
      className={`rounded-md bg-green-50 px-4 ${props.compact ? "py-2" : "py-3"} text-sm text-green-900`}
    >
      {props.children}
    </p>
  );
}
