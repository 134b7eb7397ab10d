import Link from "next/link";
import { SiteFooter } from "@/components/layout/site-footer";

/** Pages anyone can open without signing in: the public Smart Land pages and the open data. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 text-white">
        <a href="#contenuto" className="skip-link">
          Vai al contenuto
        </a>
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/dati-aperti" className="text-lg font-semibold text-white no-underline">
            Smart Land Lombardia
          </Link>
          <nav aria-label="Navigazione pubblica">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <li>
                <Link href="/progetti" className="text-white">
                  Interventi
                </Link>
              </li>
              <li>
                <Link href="/dati-aperti" className="text-white">
                  Dati aperti
                </Link>
              </li>
              <li>
                <Link href="/login" className="text-white">
                  Accesso per gli enti
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="contenuto" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
