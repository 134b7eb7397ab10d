import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader, type NavItem } from "@/components/layout/site-header";
import { requireActor, type Actor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/format";

function navFor(actor: Actor): NavItem[] {
  if (actor.role === "OFFICER") {
    return [
      { href: `/comuni/${actor.comuneIstat}`, label: "Cruscotto" },
      { href: `/comuni/${actor.comuneIstat}/interventi`, label: "Interventi" },
      { href: `/comuni/${actor.comuneIstat}/cronoprogramma`, label: "Cronoprogramma" },
      { href: `/comuni/${actor.comuneIstat}/adesione`, label: "Adesione e piani" },
      { href: `/comuni/${actor.comuneIstat}/monitoraggio`, label: "Monitoraggio" },
    ];
  }
  const regional: NavItem[] = [
    { href: "/regione", label: "Quadro regionale" },
    { href: "/regione/pianificazione", label: "Pianificazione" },
    { href: "/regione/smart-land", label: "Smart Land" },
    { href: "/regione/adesioni", label: "Adesioni e piani" },
    { href: "/regione/monitoraggio", label: "Monitoraggio" },
    { href: "/regione/scadenze", label: "Scadenze" },
  ];
  if (actor.role === "COORDINATOR") return [...regional, { href: "/regione/filoni", label: "Filoni" }];
  return [
    { href: "/admin", label: "Amministrazione" },
    { href: "/admin/comuni", label: "Comuni" },
    { href: "/admin/utenti", label: "Utenti" },
    { href: "/admin/registro", label: "Registro attività" },
    ...regional,
  ];
}

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader
        userName={actor.name}
        roleLabel={ROLE_LABELS[actor.role]}
        comuneName={actor.comuneName}
        nav={navFor(actor)}
      />
      <main id="contenuto" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
