import Link from "next/link";
import type { ReactNode } from "react";

/**
 * "Pagina 2 di 5" between links to the previous and next page (a list's «Pagine» unless told otherwise);
 * `children` follow (e.g. a related link).
 */
export function Pager(props: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label?: string;
  previous?: string;
  next?: string;
  children?: ReactNode;
}) {
  return (
    <nav aria-label={props.label ?? "Pagine"} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      {props.page > 1 ? (
        <Link href={props.href(props.page - 1)}>{props.previous ?? "← Precedente"}</Link>
      ) : null}
      <span>
        Pagina {props.page} di {props.pages}
      </span>
      {props.page < props.pages ? (
        <Link href={props.href(props.page + 1)}>{props.next ?? "Successiva →"}</Link>
      ) : null}
      {props.children}
    </nav>
  );
}
