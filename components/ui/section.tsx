import type { ReactNode } from "react";

/**
 * A page section named by its heading (`aria-labelledby`). `aside` sits on the heading's line, right-aligned
 * (e.g. an "add" link).
 */
export function Section(props: {
  headingId: string;
  title: ReactNode;
  children: ReactNode;
  id?: string;
  className?: string;
  aside?: ReactNode;
}) {
  const heading = (
    <h2 id={props.headingId} className="text-xl font-semibold">
      {props.title}
    </h2>
  );
  return (
    <section id={props.id} aria-labelledby={props.headingId} className={props.className ?? "space-y-3"}>
      {props.aside === undefined ? (
        heading
      ) : (
        <div className="flex items-center justify-between">
          {heading}
          {props.aside}
        </div>
      )}
      {props.children}
    </section>
  );
}
