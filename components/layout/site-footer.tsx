import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-col gap-2 px-6 py-6 text-sm text-slate-700 md:flex-row md:justify-between">
        <p>Smart Land Lombardia — Regione Lombardia e Anci Lombardia, DGR XI/1355 dell&apos;11/03/2019.</p>
        <p className="flex flex-wrap gap-x-4 gap-y-1">
          <Link href="/accessibilita">Dichiarazione di accessibilità</Link>
          <Link href="/sviluppatori/api">API per sviluppatori</Link>
          <span>Dati comunali e confini © ISTAT, CC BY 4.0 (elaborazione openpolis)</span>
        </p>
      </div>
    </footer>
  );
}
