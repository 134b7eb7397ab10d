import Image from "next/image";
import Link from "next/link";
import { LogoutButton } from "@/components/auth/logout-button";

export type NavItem = { href: string; label: string };

export function SiteHeader(props: {
  userName: string;
  roleLabel: string;
  comuneName: string | null;
  nav: NavItem[];
}) {
  return (
    <header className="bg-brand-800 text-white">
      <a href="#contenuto" className="skip-link">
        Vai al contenuto
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-white no-underline">
          <Image src="/logo.svg" alt="" width={28} height={28} loading="eager" unoptimized />
          Smart Land Lombardia
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <p>
            <Link href="/profilo" className="font-medium text-white">
              {props.userName}
            </Link>
            <span className="text-brand-100">
              {" "}
              · {props.roleLabel}
              {props.comuneName ? ` · Comune di ${props.comuneName}` : ""}
            </span>
          </p>
          <LogoutButton />
        </div>
      </div>
      {/* On a phone the items hide behind a "Menu" disclosure (a <details>: it works without JavaScript);
          from md up they are shown in a row that wraps rather than running past the screen. */}
      <nav aria-label="Navigazione principale" className="bg-brand-700">
        <details className="mx-auto max-w-7xl px-4 md:hidden">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-white">Menu</summary>
          <NavList items={props.nav} className="pb-2" />
        </details>
        <NavList items={props.nav} className="mx-auto hidden max-w-7xl flex-wrap gap-1 px-4 md:flex" />
      </nav>
    </header>
  );
}

function NavList(props: { items: NavItem[]; className: string }) {
  return (
    <ul className={props.className}>
      {props.items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            className="block px-3 py-2 text-sm text-white no-underline hover:bg-white/10 hover:underline"
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
