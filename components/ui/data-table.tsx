export type Column<T> = {
  header: string;
  /** Rendered instead of the plain header text (e.g. a sort link); `header` stays the key. */
  headerCell?: React.ReactNode;
  cell: (row: T) => React.ReactNode;
  align?: "left" | "right";
};

/** The classes of DataTable's parts, shared with MarkupTable so both look the same. */
export const TABLE_CLASSES = {
  frame: "relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white",
  table: "min-w-full text-sm",
  caption: (hidden?: boolean) => (hidden ? "sr-only" : "px-4 py-3 text-left font-semibold"),
  head: "bg-slate-100 text-slate-800",
  th: (align?: "left" | "right") => `px-4 py-2 font-medium ${align === "right" ? "text-right" : "text-left"}`,
  row: "border-t border-slate-100",
  td: (align?: "left" | "right") => (align === "right" ? "px-4 py-2 text-right tabular-nums" : "px-4 py-2"),
  empty: "px-4 py-6 text-center text-slate-600",
};

/**
 * The frame every data table sits in: on a narrow screen a wide table scrolls inside it, never the page.
 * A scrolling region must be reachable by keyboard, so it is a focusable, labelled region (WCAG 2.1.1).
 * `relative` (in TABLE_CLASSES.frame) makes the frame the containing block of the table's visually hidden
 * (`sr-only`, absolutely positioned) texts, which otherwise widened the page from a scrolled table.
 */
export function TableFrame(props: { label: string; children?: React.ReactNode; html?: string }) {
  return (
    <div
      role="region"
      aria-label={props.label}
      tabIndex={0}
      className={TABLE_CLASSES.frame}
      dangerouslySetInnerHTML={props.html === undefined ? undefined : { __html: props.html }}
    >
      {props.html === undefined ? props.children : undefined}
    </div>
  );
}

/** A plain accessible table: caption, header scopes, numeric columns right-aligned. */
export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: string;
  captionHidden?: boolean;
}) {
  return (
    <TableFrame label={props.caption}>
      <table className={TABLE_CLASSES.table}>
        <caption className={TABLE_CLASSES.caption(props.captionHidden)}>{props.caption}</caption>
        <thead className={TABLE_CLASSES.head}>
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} scope="col" className={TABLE_CLASSES.th(c.align)}>
                {c.headerCell ?? c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className={TABLE_CLASSES.empty}>
                {props.empty ?? "Nessun dato."}
              </td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={props.rowKey(row)} className={TABLE_CLASSES.row}>
                {props.columns.map((c) => (
                  <td key={c.header} className={TABLE_CLASSES.td(c.align)}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableFrame>
  );
}
