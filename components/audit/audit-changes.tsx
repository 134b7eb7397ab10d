import type { AuditChange } from "@/lib/format/audit";

/** The fields an audit event changed, as a small table: field, before ("Prima"), after ("Dopo"). */
export function AuditChanges(props: { changes: AuditChange[]; caption: string }) {
  if (!props.changes.length) return <span className="text-slate-600">—</span>;
  return (
    <table className="text-xs">
      <caption className="sr-only">{props.caption}</caption>
      <thead>
        <tr className="text-left text-slate-700">
          <th scope="col" className="pr-3 font-medium">
            Campo
          </th>
          <th scope="col" className="pr-3 font-medium">
            Prima
          </th>
          <th scope="col" className="font-medium">
            Dopo
          </th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr key={c.field} className="align-top">
            <th scope="row" className="pr-3 text-left font-medium">
              {c.label}
            </th>
            <td className="max-w-xs break-words pr-3 text-slate-700">{c.before}</td>
            <td className="max-w-xs break-words">{c.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
