import type { Metadata } from "next";
import Link from "next/link";
import { OwnRoundList } from "@/components/rounds/round-list";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { deny, orNotFound } from "@/lib/http/page";
import { listRounds } from "@/lib/rounds/rounds";

export const metadata: Metadata = { title: "Monitoraggio" };

/** The comune's rounds: status of its submission, due date, lateness. */
export default async function ComuneRoundsPage(props: { params: Promise<{ istat: string }> }) {
  const { istat } = await props.params;
  const actor = await requireActor();
  const path = "/comuni/[istat]/monitoraggio";
  // The comune's own page: its officers. Coordinators and administrators follow the rounds on the board.
  if (actor.role !== "OFFICER" || !can(actor, "rounds.read", istat)) return deny(path);
  const rounds = await orNotFound(listRounds(actor), path);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/comuni/${istat}`}>← Cruscotto del Comune di {actor.comuneName}</Link>
      </p>
      <h1 className="text-3xl font-semibold">Monitoraggio</h1>
      <p className="max-w-3xl text-slate-700">
        In ogni rilevazione aggiorna i dati degli interventi per il periodo di riferimento e inviali entro la
        scadenza: il coordinatore li valida o li restituisce con note.
      </p>
      <OwnRoundList istat={istat} rounds={rounds} />
    </div>
  );
}
