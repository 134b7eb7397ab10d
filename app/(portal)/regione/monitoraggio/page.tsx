import type { Metadata } from "next";
import { OpenRoundForm } from "@/components/rounds/open-round-form";
import { RoundList } from "@/components/rounds/round-list";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { deny, orNotFound } from "@/lib/http/page";
import { listRounds, roundScopeOptions } from "@/lib/rounds/rounds";
import { openRoundAction } from "./actions";

export const metadata: Metadata = { title: "Monitoraggio" };

/** The rounds (rilevazioni) and, for the coordinator, the form that opens a new one. */
export default async function RoundsPage() {
  const actor = await requireActor();
  const path = "/regione/monitoraggio";
  if (actor.role === "OFFICER") return deny(path);
  const manager = can(actor, "rounds.manage");
  const [rounds, smartLands] = await orNotFound(
    Promise.all([listRounds(actor), manager ? roundScopeOptions(actor) : Promise.resolve([])]),
    path,
  );
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold">Monitoraggio</h1>
      <p className="max-w-3xl text-slate-700">
        Ogni rilevazione chiede ai comuni di aggiornare i dati degli interventi per un periodo di riferimento
        e di inviarli entro la scadenza: i dati inviati restano congelati e il coordinatore li valida o li
        restituisce con note.
      </p>
      <Section headingId="rilevazioni" title="Rilevazioni">
        <RoundList rounds={rounds} />
      </Section>
      {manager ? (
        <Section headingId="apri" title="Apri una rilevazione">
          <OpenRoundForm action={openRoundAction} smartLands={smartLands} />
        </Section>
      ) : null}
    </div>
  );
}
