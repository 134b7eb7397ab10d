import type { UserTokenKind } from "@/lib/generated/prisma/enums";
import type { Mail } from "./send-mail";

const HOURS = 72;

/** The Italian message carrying an activation or reset link. */
export function accountLinkMail(
  kind: UserTokenKind,
  to: { email: string; name: string },
  link: string,
): Mail {
  const intro =
    kind === "ACTIVATION"
      ? "è stato creato un account per te sul portale Smart Land Lombardia.\nPer attivarlo e scegliere la password apri questo link:"
      : "l'amministratore ha richiesto la reimpostazione della tua password del portale Smart Land Lombardia.\nPer sceglierne una nuova apri questo link:";
  return {
    to: to.email,
    subject:
      kind === "ACTIVATION"
        ? "Attiva il tuo account Smart Land Lombardia"
        : "Reimposta la password Smart Land Lombardia",
    text: [
      `Gentile ${to.name},`,
      "",
      intro,
      "",
      link,
      "",
      `Il link vale ${HOURS} ore e si può usare una sola volta.`,
      "Se non ti aspettavi questo messaggio, ignoralo e avvisa l'amministratore del portale.",
    ].join("\n"),
  };
}

/** The reset link the user asked for themselves («Password dimenticata?»). */
export function selfResetMail(to: { email: string; name: string }, link: string): Mail {
  return {
    to: to.email,
    subject: "Reimposta la password Smart Land Lombardia",
    text: [
      `Gentile ${to.name},`,
      "",
      "è stata chiesta la reimpostazione della tua password del portale Smart Land Lombardia.",
      "Per sceglierne una nuova apri questo link:",
      "",
      link,
      "",
      `Il link vale ${HOURS} ore e si può usare una sola volta.`,
      "Se non l'hai chiesta tu, ignora questo messaggio: la tua password attuale resta valida.",
    ].join("\n"),
  };
}
