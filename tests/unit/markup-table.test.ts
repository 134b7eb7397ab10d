import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "@/components/ui/data-table";
import { MarkupTable, type MarkupColumn } from "@/components/ui/markup-table";

type Row = { id: string; name: string; href: string; amount: number; note: string };

// Names and links as a hostile user could type them: every one must come out as text.
const ROWS: Row[] = [
  {
    id: "1",
    name: "Piazza <b>Garibaldi</b> & dintorni",
    href: '/comuni/015192?q=a&b="c"',
    amount: 1200,
    note: "l'asilo",
  },
  { id: "2", name: '<script>alert("x")</script>', href: "/interventi/'x'", amount: 0, note: "" },
  { id: "3", name: "Semplice", href: "/comuni/015192/interventi", amount: 7, note: "> 5 < 10" },
];

const markupColumns: MarkupColumn<Row>[] = [
  { header: "Intervento", cell: (r) => ({ text: r.name, href: r.href }) },
  { header: "Importo", cell: (r) => r.amount, align: "right" },
  { header: "Nota", cell: (r) => r.note },
];
// The same columns as DataTable renders them with React elements.
const reactColumns: Column<Row>[] = [
  { header: "Intervento", cell: (r) => createElement("a", { href: r.href }, r.name) },
  { header: "Importo", cell: (r) => r.amount, align: "right" },
  { header: "Nota", cell: (r) => r.note },
];

function both(rows: Row[], extra: { captionHidden?: boolean; empty?: string; caption?: string } = {}) {
  const caption = extra.caption ?? 'Interventi <per> "filone"';
  const markup = renderToStaticMarkup(
    createElement(MarkupTable<Row>, { caption, columns: markupColumns, rows, ...extra }),
  );
  const react = renderToStaticMarkup(
    createElement(DataTable<Row>, { caption, columns: reactColumns, rows, rowKey: (r) => r.id, ...extra }),
  );
  return { markup, react };
}

describe("MarkupTable", () => {
  it("renders exactly what DataTable renders for text, number and link cells, hostile text included", () => {
    const { markup, react } = both(ROWS);
    expect(markup).toBe(react);
    expect(markup).not.toContain("<script>");
    expect(markup).not.toContain("<b>");
    expect(markup).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(markup).toContain('href="/comuni/015192?q=a&amp;b=&quot;c&quot;"');
    expect(markup).toContain("l&#x27;asilo");
  });

  it("keeps the accessible structure: caption, column headers with scope, numeric cells right-aligned", () => {
    const { markup } = both(ROWS, { captionHidden: true, caption: "Risorse" });
    expect(markup).toContain('<caption class="sr-only">Risorse</caption>');
    expect(markup.match(/<th scope="col"/g)).toHaveLength(3);
    expect(markup.match(/<td class="px-4 py-2 text-right tabular-nums">/g)).toHaveLength(ROWS.length);
    expect(markup.match(/<tr class=/g)).toHaveLength(ROWS.length);
  });

  it("shows a link that is not ours or the web's (javascript:, //host) as plain text", () => {
    for (const href of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "//evil.example/x",
      "data:text/html,x",
    ]) {
      const { markup } = both([{ ...ROWS[2], href }]);
      expect(markup).not.toContain("<a ");
      expect(markup).toContain('<td class="px-4 py-2">Semplice</td>');
    }
    const { markup } = both([{ ...ROWS[2], href: "https://www.istat.it/" }]);
    expect(markup).toContain('<a href="https://www.istat.it/">Semplice</a>');
  });

  it("shows the empty message in one cell spanning every column", () => {
    const { markup, react } = both([], { empty: "Nessuna <azione>." });
    // React writes the attribute as "colSpan"; HTML attribute names are case-insensitive.
    expect(markup).toBe(react.replace("colSpan=", "colspan="));
    expect(markup).toContain('colspan="3"');
    expect(markup).toContain("Nessuna &lt;azione&gt;.");
  });
});
