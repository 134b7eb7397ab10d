import { TABLE_CLASSES, TableFrame } from "@/components/ui/data-table";
import { escapeHtml } from "@/lib/markup";

/** What a MarkupTable cell may hold: text, a number, or a link. Every value is escaped. */
export type MarkupCell = string | number | { text: string; href: string };

export type MarkupColumn<T> = {
  header: string;
  cell: (row: T) => MarkupCell;
  align?: "left" | "right";
};

export type MarkupTableProps<T> = {
  caption: string;
  columns: MarkupColumn<T>[];
  rows: T[];
  empty?: string;
  captionHidden?: boolean;
};

// Links go to our own paths (or a web address): anything else (a "javascript:" URL above all) is shown as
// plain text.
const LINKABLE = /^(\/(?!\/)|#|\?|https?:\/\/)/i;

function cellMarkup(cell: MarkupCell): string {
  if (typeof cell !== "object") return escapeHtml(String(cell));
  if (!LINKABLE.test(cell.href)) return escapeHtml(cell.text);
  return `<a href="${escapeHtml(cell.href)}">${escapeHtml(cell.text)}</a>`;
}

const attr = (name: string, value: string) => (value ? ` ${name}="${escapeHtml(value)}"` : "");

/** The table inside the frame, as markup: the same elements and classes DataTable renders. */
export function tableMarkup<T>(props: MarkupTableProps<T>): string {
  const c = TABLE_CLASSES;
  const head = props.columns
    .map((col) => `<th scope="col"${attr("class", c.th(col.align))}>${escapeHtml(col.header)}</th>`)
    .join("");
  const body =
    props.rows.length === 0
      ? `<tr><td colspan="${props.columns.length}"${attr("class", c.empty)}>${escapeHtml(props.empty ?? "Nessun dato.")}</td></tr>`
      : props.rows
          .map((row) => {
            const cells = props.columns.map(
              (col) => `<td${attr("class", c.td(col.align))}>${cellMarkup(col.cell(row))}</td>`,
            );
            return `<tr${attr("class", c.row)}>${cells.join("")}</tr>`;
          })
          .join("");
  return (
    `<table${attr("class", c.table)}><caption${attr("class", c.caption(props.captionHidden))}>` +
    `${escapeHtml(props.caption)}</caption><thead${attr("class", c.head)}><tr>${head}</tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

/**
 * A read-only table of figures with plain text and link cells, rendered as one string (see lib/markup):
 * it looks and reads like DataTable (caption, header scopes, numeric columns right-aligned) but is not
 * repeated element by element in the RSC payload nor hydrated. On the comune dashboard, six such tables
 * were a third of the server's rendering time (docs/benchmarks.md). Links are plain `<a>` (a full page
 * load); use DataTable where a cell needs a component.
 */
export function MarkupTable<T>(props: MarkupTableProps<T>) {
  return <TableFrame label={props.caption} html={tableMarkup(props)} />;
}
