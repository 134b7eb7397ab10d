export type Column<T> = {
  header: string;
  /** Rendered instead of the plain header text (e.g. a sort link); `header` stays the key. */
  headerCell?: React.ReactNode;
  cell: (row: T) => React.ReactNode;
  align?: "left" | "right";
};

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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className={props.captionHidden ? "sr-only" : "px-4 py-3 text-left font-semibold"}>
          {props.caption}
        </caption>
        <thead className="bg-slate-100 text-slate-800">
          <tr>
            {props.columns.map((c) => (
              <th
                key={c.header}
                scope="col"
                className={`px-4 py-2 font-medium ${c.align === "right" ? "text-right" : "text-left"}`}
              >
                {c.headerCell ?? c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className="px-4 py-6 text-center text-slate-600">
                {props.empty ?? "Nessun dato."}
              </td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={props.rowKey(row)} className="border-t border-slate-100">
                {props.columns.map((c) => (
                  <td
                    key={c.header}
                    className={`px-4 py-2 ${c.align === "right" ? "text-right tabular-nums" : ""}`}
                  >
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
