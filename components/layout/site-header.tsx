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
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-white no-underline">
          <Image src="/logo.svg" alt="" width={28} height={28} loading="eager" unoptimized />
          Smart Land Lombardia
        </Link>
        <div className="flex items-center gap-4 text-sm">
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
      <nav aria-label="Navigazione principale" className="bg-brand-700">
        <ul className="mx-auto flex max-w-7xl gap-1 px-4">
          {props.nav.map((item) => (
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
      </nav>
    </header>
  );
}
