import Link from "next/link";

export function KpiCard(props: { label: string; value: string; hint?: string; href?: string }) {
  const body = (
    <>
      <p className="text-sm text-slate-700">{props.label}</p>
      <p className="mt-1 text-2xl font-semibold break-words text-slate-900 tabular-nums lg:max-xl:text-xl">
        {props.value}
      </p>
      {props.hint ? <p className="mt-1 text-xs text-slate-600">{props.hint}</p> : null}
    </>
  );
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {props.href ? (
        <Link href={props.href} className="block text-inherit no-underline hover:underline">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

/** A row of KpiCards under a heading only screen readers see ("Totali"). */
export function KpiGrid(props: {
  headingId: string;
  title: string;
  columns: 4 | 5;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={props.headingId}
      className={`grid grid-cols-1 gap-4 sm:grid-cols-2 ${props.columns === 5 ? "lg:grid-cols-5" : "lg:grid-cols-4"}`}
    >
      <h2 id={props.headingId} className="sr-only">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
