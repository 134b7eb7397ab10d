// Italian labels and readable values for the audit log, shared by the project history, the audit log viewer
// and its CSV export (pure: no database, usable from components).

import { formatDate, formatEuro, ROLE_LABELS } from "./index";
import { formatDateTime } from "./time";

/** "25/11/2026 14:05" in Rome's time. */
export { formatDateTime };

/** A moment as lib/audit/record-audit.ts stores it (a Date's toISOString()). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/**
 * Label tables without a prototype: they are indexed with names read from the URL and the log, and
 * `constructor` or `__proto__` must find nothing there (a function rendered as a label is a 500).
 */
function labels(table: Record<string, string>): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, table);
}

const ENTITY_LABELS = {
  Project: "Intervento",
  FundingLine: "Risorsa",
  Action: "Azione",
  Indicator: "Indicatore",
  Session: "Sessione",
  Request: "Richiesta",
  User: "Utente",
  Comune: "Comune",
  Stream: "Filone",
  SmartLand: "Smart Land",
  ApiToken: "Token API",
  UserToken: "Link di attivazione/reimpostazione",
} as const;

/** What the audit log records changes of (`AuditEvent.entity`): the writer in lib/audit accepts only these. */
export type AuditEntity = keyof typeof ENTITY_LABELS;

export const AUDIT_ENTITY_LABELS: Record<string, string> = labels(ENTITY_LABELS);

export const AUDIT_ACTION_LABELS: Record<string, string> = labels({
  CREATE: "Creazione",
  UPDATE: "Modifica",
  DELETE: "Eliminazione",
  RESTORE: "Ripristino",
  LOGIN: "Accesso",
  LOGIN_FAILED: "Accesso non riuscito",
  LOGIN_THROTTLED: "Accesso bloccato (troppi tentativi)",
  LOGOUT: "Uscita",
  ACCESS_DENIED: "Accesso negato",
  REVOKE: "Revoca",
});

export const AUDIT_FIELD_LABELS: Record<string, string> = labels({
  title: "Titolo",
  summary: "Descrizione",
  cup: "CUP",
  localCode: "Codice locale",
  totalCost: "Costo totale",
  plannedStart: "Inizio previsto",
  plannedEnd: "Fine prevista",
  actualStart: "Inizio effettivo",
  actualEnd: "Fine effettiva",
  status: "Stato",
  health: "Andamento",
  progress: "Avanzamento",
  streamId: "Filone",
  smartLandId: "Smart Land",
  partnerIstat: "Comuni partner",
  deletedAt: "Eliminato il",
  source: "Fonte",
  programme: "Programma",
  year: "Anno",
  amountPlanned: "Previsto",
  amountCommitted: "Impegnato",
  amountPaid: "Pagato",
  kind: "Tipo",
  owner: "Responsabile",
  dueDate: "Scadenza",
  doneDate: "Completata il",
  cig: "CIG",
  name: "Nome",
  theme: "Tema",
  unit: "Unità di misura",
  baseline: "Valore di partenza",
  target: "Obiettivo",
  actual: "Valore attuale",
  period: "Periodo",
  email: "Email",
  role: "Ruolo",
  active: "Attivo",
  member: "Aderente",
  suspended: "Sospeso",
  method: "Metodo",
  path: "Percorso",
  via: "Canale",
  requestedId: "Identificativo richiesto",
  address: "Indirizzo IP",
  prefix: "Inizio del token",
  expiresAt: "Scade il",
  revokedAt: "Revocato il",
  revokedReason: "Motivo della revoca",
});

/** Keys that identify the record rather than describe a change. */
export const AUDIT_HIDDEN_FIELDS = new Set(["id", "projectId", "comuneIstat"]);

const MONEY = new Set(["totalCost", "amountPlanned", "amountCommitted", "amountPaid"]);
const DATES = new Set(["plannedStart", "plannedEnd", "actualStart", "actualEnd", "dueDate", "doneDate"]);

/** A repeated event's count, read out: "37 volte nello stesso minuto". */
export function auditCountLabel(count: number): string {
  return `${count} volte nello stesso minuto`;
}

/**
 * One audited value as a reader wants it: money in euro, dates dd/mm/yyyy, moments (deletedAt…)
 * dd/mm/yyyy HH:mm in Rome's time, booleans in Italian.
 */
export function auditValue(v: AuditJson | undefined, key = ""): string {
  if (v === null || v === undefined || v === "") return "—";
  if (MONEY.has(key) && typeof v === "string") return formatEuro(v);
  if (DATES.has(key) && typeof v === "string") return formatDate(v);
  if (typeof v === "string" && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)))
    return formatDateTime(new Date(v));
  if (key === "role" && typeof v === "string" && Object.hasOwn(ROLE_LABELS, v))
    return ROLE_LABELS[v as keyof typeof ROLE_LABELS];
  if (typeof v === "boolean") return v ? "sì" : "no";
  if (Array.isArray(v)) return v.length ? v.map((x) => auditValue(x)).join(", ") : "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export type AuditChange = { field: string; label: string; before: string; after: string };

/** The changed fields of an event (field, prima, dopo), in the order they were recorded. */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, AuditJson>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, AuditJson>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !AUDIT_HIDDEN_FIELDS.has(k),
  );
  return keys.map((k) => ({
    field: k,
    label: labelOf(AUDIT_FIELD_LABELS, k),
    before: auditValue(b[k], k),
    after: auditValue(a[k], k),
  }));
}

/** The label of a stored name, or the name itself: own keys only, so `constructor` is just a name. */
function labelOf(labels: Readonly<Record<string, string>>, key: string): string {
  return Object.hasOwn(labels, key) ? labels[key]! : key;
}

export function auditEntityLabel(entity: string): string {
  return labelOf(AUDIT_ENTITY_LABELS, entity);
}

export function auditActionLabel(action: string): string {
  return labelOf(AUDIT_ACTION_LABELS, action);
}

export function auditRoleLabel(role: string | null): string {
  if (role === "SYSTEM") return "Sistema";
  return role && Object.hasOwn(ROLE_LABELS, role)
    ? ROLE_LABELS[role as keyof typeof ROLE_LABELS]
    : (role ?? "—");
}
