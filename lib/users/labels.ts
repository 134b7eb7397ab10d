import { formatInstantDate, formatInstantTime } from "@/lib/format";
import { apiTokenState, type ApiTokenSummary } from "./api-tokens";
import type { ApiTokenRevokedReason } from "@/lib/generated/prisma/enums";
import type { UserState } from "./list-users";

export const USER_STATE_LABELS: Record<UserState, string> = {
  active: "Attivo",
  pending: "In attesa di password",
  inactive: "Disattivato",
};

/** A moment (not a calendar date) in Italian time: "25/11/2026 alle 14:05"; null → "—". */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${formatInstantDate(date)} alle ${formatInstantTime(date)}`;
}

/** A calendar day in Italian time: "06/03/2027"; null → "—". */
export function formatDay(date: Date | null | undefined): string {
  return formatInstantDate(date);
}

const REVOKED_REASON_LABELS: Record<ApiTokenRevokedReason, string> = {
  USER: "dall'utente",
  ADMIN: "da un amministratore",
  PASSWORD: "per il cambio della password",
  ROLE: "per il cambio di ruolo o di comune",
  DEACTIVATED: "per la disattivazione dell'utente",
  COMUNE_SUSPENDED: "per la sospensione del comune",
  SESSION: "alla chiusura delle sessioni dell'utente",
};

/** A personal API token as a row of the profile's and the administrator's tables (all text). */
export function apiTokenRow(token: ApiTokenSummary, now = new Date()) {
  const state = apiTokenState(token, now);
  const expired = token.expiresAt.getTime() <= now.getTime();
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    created: formatDateTime(token.createdAt),
    expires: `${expired ? "Scaduto il" : "Scade il"} ${formatDay(token.expiresAt)}`,
    lastUsed: formatDateTime(token.lastUsedAt),
    state:
      state === "active"
        ? "Attivo"
        : state === "expired"
          ? "Scaduto"
          : `Revocato il ${formatDateTime(token.revokedAt)}${token.revokedReason ? ` ${REVOKED_REASON_LABELS[token.revokedReason]}` : ""}`,
    live: state === "active",
  };
}
