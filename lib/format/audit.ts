// Italian labels and readable values for the audit log, shared by the project history, the audit log viewer
// and its CSV export (pure: no database, usable from components).

import type { ApiTokenRevokedReason, UserTokenKind } from "@/lib/generated/prisma/enums";
import {
  ACTION_KIND_LABELS,
  ADHERENCE_ACT_KIND_LABELS,
  PLAN_STATUS_LABELS,
  ACTION_STATUS_LABELS,
  formatDate,
  formatEuro,
  formatNumber,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  PNRR_MISSION_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  THEME_LABELS,
  VALUE_LABELS,
} from "./index";
import { ROUND_STATE_LABELS, SUBMISSION_STATUS_LABELS } from "./rounds";
import { PHASE_LABELS } from "./phases";
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
  ImportColumnMapping: "Corrispondenza delle colonne di importazione",
  Adherence: "Atto di adesione",
  LocalPlan: "Piano locale",
  Document: "Documento",
  ProgrammePlan: "Piano di programma",
  MonitoringRound: "Rilevazione di monitoraggio",
  RoundSubmission: "Trasmissione dei dati di una rilevazione",
  ProjectPhase: "Fase del cronoprogramma",
} as const;

/** What the audit log records changes of (`AuditEvent.entity`): the writer in lib/audit accepts only these. */
export type AuditEntity = keyof typeof ENTITY_LABELS;

export const AUDIT_ENTITY_LABELS: Record<string, string> = labels(ENTITY_LABELS);

export const AUDIT_ACTION_LABELS: Record<string, string> = labels({
  CREATE: "Creazione",
  UPDATE: "Modifica",
  DELETE: "Eliminazione",
  RESTORE: "Ripristino",
  ARCHIVE: "Archiviazione",
  UNARCHIVE: "Ripristino dall'archivio",
  PUBLISH: "Pubblicazione",
  UNPUBLISH: "Ritiro dalla pubblicazione",
  IMPORT: "Importazione",
  LOGIN: "Accesso",
  LOGIN_FAILED: "Accesso non riuscito",
  LOGIN_THROTTLED: "Accesso bloccato (troppi tentativi)",
  LOGOUT: "Uscita",
  ACCESS_DENIED: "Accesso negato",
  REVOKE: "Revoca",
  ACTIVATE: "Attivazione dell'account",
  ACTIVATION_LINK: "Invio del link di attivazione",
  DEACTIVATE: "Disattivazione",
  REACTIVATE: "Riattivazione",
  PASSWORD_CHANGE: "Cambio password",
  PASSWORD_RESET: "Reimpostazione password",
  PASSWORD_RESET_FORCED: "Reimpostazione password richiesta dall'amministratore",
  PASSWORD_RESET_REQUESTED: "Reimpostazione password richiesta dall'utente",
  ONBOARD: "Adesione al programma",
  SUSPEND: "Sospensione",
  REINSTATE: "Riattivazione dell'adesione",
  SUBMIT: "Invio al coordinatore",
  APPROVE: "Approvazione",
  RETURN: "Restituzione con osservazioni",
  OPEN: "Apertura",
  CLOSE: "Chiusura",
  VALIDATE: "Validazione",
});

export const USER_TOKEN_KIND_LABELS: Record<UserTokenKind, string> = {
  ACTIVATION: "Attivazione",
  PASSWORD_RESET: "Reimpostazione password",
};

export const API_TOKEN_REVOKED_REASON_LABELS: Record<ApiTokenRevokedReason, string> = {
  USER: "Revocato dal titolare",
  ADMIN: "Revocato dall'amministratore",
  PASSWORD: "Password cambiata",
  ROLE: "Ruolo o comune cambiato",
  DEACTIVATED: "Utente disattivato",
  COMUNE_SUSPENDED: "Comune sospeso",
  SESSION: "Sessioni chiuse",
};

/** Labels shared by the fields every record has. */
const COMMON_FIELDS = {
  id: "Identificativo",
  version: "Versione",
  createdAt: "Creato il",
  updatedAt: "Aggiornato il",
} as const;

/**
 * The Italian label of every field of every audited entity, keyed by entity then field (a unit test checks
 * that every scalar field of the audited Prisma models has one, so a new column fails until labelled).
 */
const FIELDS: Record<AuditEntity, Record<string, string>> = {
  ProgrammePlan: {
    ...COMMON_FIELDS,
    smartLandId: "Smart Land",
    phases: "Fasi, dotazioni e obiettivi",
  },
  Adherence: {
    ...COMMON_FIELDS,
    smartLandId: "Smart Land",
    comuneIstat: "Comune",
    actKind: "Tipo di atto",
    actNumber: "Numero dell'atto",
    actDate: "Data dell'atto",
    note: "Note",
  },
  LocalPlan: {
    ...COMMON_FIELDS,
    adherenceId: "Atto di adesione",
    smartLandId: "Smart Land",
    comuneIstat: "Comune",
    streamId: "Filone",
    status: "Stato",
    revision: "Versione del piano",
    objectives: "Obiettivi",
    envelope: "Dotazione prevista per anno",
    indicators: "Indicatori",
    contactName: "Referente",
    contactRole: "Ruolo del referente",
    contactEmail: "Email dell'ufficio",
    comment: "Osservazioni",
  },
  Document: {
    ...COMMON_FIELDS,
    comuneIstat: "Comune",
    ownerKind: "Allegato a",
    ownerId: "Elemento",
    projectId: "Intervento",
    fileName: "Nome del file",
    mediaType: "Tipo di file",
    size: "Dimensione (byte)",
    sha256: "Impronta SHA-256",
    public: "Pubblico",
    uploadedById: "Caricato da",
    uploadedBy: "Caricato da (nome)",
    deletedAt: "Eliminato il",
  },
  MonitoringRound: {
    ...COMMON_FIELDS,
    title: "Titolo",
    smartLandId: "Smart Land",
    periodStart: "Inizio del periodo",
    periodEnd: "Fine del periodo",
    dueDate: "Scadenza",
    requireStatus: "Richiesto: stato procedurale",
    requireProgress: "Richiesto: avanzamento",
    requireDates: "Richiesto: date effettive",
    requireFunding: "Richiesto: impegni e pagamenti",
    requireActions: "Richiesto: stato delle azioni",
    requireIndicators: "Richiesto: valori rilevati",
    state: "Stato",
    createdById: "Creata da",
    openedAt: "Aperta il",
    closedAt: "Chiusa il",
    comuni: "Comuni coinvolti",
  },
  RoundSubmission: {
    ...COMMON_FIELDS,
    roundId: "Rilevazione",
    comuneIstat: "Comune",
    status: "Stato",
    revision: "Numero dell'invio",
    note: "Nota del coordinatore",
    startedAt: "Avviato il",
    submittedAt: "Inviato il",
    returnedAt: "Restituito il",
    validatedAt: "Validato il",
    projects: "Interventi",
    projectNotes: "Note sugli interventi",
    warnings: "Avvisi",
  },
  ImportColumnMapping: {
    id: "Identificativo",
    comuneIstat: "Comune",
    header: "Intestazione (forma normalizzata)",
    fileHeader: "Intestazione del file",
    column: "Colonna del portale",
    updatedAt: "Aggiornato il",
    updatedById: "Aggiornato da",
  },
  Project: {
    ...COMMON_FIELDS,
    comuneIstat: "Comune",
    smartLandId: "Smart Land",
    streamId: "Filone",
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
    deletedAt: "Eliminato il",
    partnerIstat: "Comuni partner",
    publishedAt: "Pubblicato il",
    publishedVersion: "Versione pubblicata",
    published: "Pubblicato",
  },
  FundingLine: {
    ...COMMON_FIELDS,
    projectId: "Intervento",
    comuneIstat: "Comune",
    source: "Fonte",
    programme: "Programma",
    year: "Anno",
    amountPlanned: "Previsto",
    amountCommitted: "Impegnato",
    amountPaid: "Pagato",
  },
  Action: {
    ...COMMON_FIELDS,
    projectId: "Intervento",
    comuneIstat: "Comune",
    title: "Titolo",
    kind: "Tipo",
    owner: "Responsabile",
    dueDate: "Scadenza",
    doneDate: "Completata il",
    status: "Stato",
    cig: "CIG",
  },
  ProjectPhase: {
    ...COMMON_FIELDS,
    projectId: "Intervento",
    comuneIstat: "Comune",
    kind: "Fase",
    plannedStart: "Inizio previsto",
    plannedEnd: "Fine prevista",
    actualStart: "Inizio effettivo",
    actualEnd: "Fine effettiva",
    note: "Note",
  },
  Indicator: {
    ...COMMON_FIELDS,
    projectId: "Intervento",
    comuneIstat: "Comune",
    name: "Nome",
    theme: "Tema",
    unit: "Unità di misura",
    baseline: "Valore di partenza",
    target: "Obiettivo",
    actual: "Valore attuale",
    period: "Periodo",
  },
  Session: { address: "Indirizzo IP" },
  Request: {
    via: "Canale",
    method: "Metodo",
    path: "Percorso",
    requestedId: "Identificativo richiesto",
    address: "Indirizzo IP",
  },
  User: {
    ...COMMON_FIELDS,
    email: "Email",
    name: "Nome",
    role: "Ruolo",
    comuneIstat: "Comune",
    active: "Attivo",
    passwordHash: "Password (impronta)",
    sessionVersion: "Versione delle sessioni",
    lastLoginAt: "Ultimo accesso",
    passwordChangedAt: "Password cambiata il",
  },
  Comune: {
    istat: "Codice ISTAT",
    name: "Nome",
    provinceIstat: "Provincia",
    cadastralCode: "Codice catastale",
    population: "Popolazione",
    member: "Aderente",
    memberSince: "Aderente dal",
    suspended: "Sospeso",
    version: "Versione",
    updatedAt: "Aggiornato il",
  },
  Stream: {
    ...COMMON_FIELDS,
    code: "Codice",
    name: "Nome",
    description: "Descrizione",
    theme: "Tema",
    pnrrMission: "Missione PNRR",
    values: "Valori del programma",
    archived: "Archiviato",
  },
  SmartLand: {
    ...COMMON_FIELDS,
    slug: "Indirizzo breve",
    name: "Nome",
    phase: "Fase",
    description: "Descrizione",
    leadIstat: "Comune capofila",
    members: "Comuni aderenti",
  },
  ApiToken: {
    id: "Identificativo",
    userId: "Utente",
    name: "Nome",
    prefix: "Inizio del token",
    tokenHash: "Token (impronta)",
    createdAt: "Creato il",
    expiresAt: "Scade il",
    sessionVersion: "Versione delle sessioni",
    lastUsedAt: "Ultimo utilizzo",
    revokedAt: "Revocato il",
    revokedReason: "Motivo della revoca",
  },
  UserToken: {
    id: "Identificativo",
    userId: "Utente",
    kind: "Tipo",
    tokenHash: "Link (impronta)",
    expiresAt: "Scade il",
    usedAt: "Usato il",
    createdById: "Creato da",
    createdAt: "Creato il",
  },
};

/** The field labels per entity; the tables (and the outer one) have no prototype, like the others. */
export const AUDIT_ENTITY_FIELD_LABELS: Readonly<Record<AuditEntity, Record<string, string>>> = Object.assign(
  Object.create(null) as Record<AuditEntity, Record<string, string>>,
  Object.fromEntries(Object.entries(FIELDS).map(([entity, table]) => [entity, labels(table)])),
);

/** Every field label of any entity (the first entity's wins), for an event of an unknown entity. */
export const AUDIT_FIELD_LABELS: Record<string, string> = labels(
  Object.assign({}, ...Object.values(FIELDS).reverse()) as Record<string, string>,
);

/** The Italian label of a field of an entity ("Stato"); an unknown field keeps its name. */
export function auditFieldLabel(entity: string, field: string): string {
  const table = Object.hasOwn(AUDIT_ENTITY_FIELD_LABELS, entity)
    ? AUDIT_ENTITY_FIELD_LABELS[entity as AuditEntity]
    : null;
  return table && Object.hasOwn(table, field) ? table[field]! : labelOf(AUDIT_FIELD_LABELS, field);
}

/** The labels of the enum-valued fields, keyed by entity then field (values of other fields print as is). */
export const AUDIT_VALUE_LABELS: Partial<
  Record<AuditEntity, Record<string, Readonly<Record<string, string>>>>
> = {
  Project: { status: STATUS_LABELS, health: HEALTH_LABELS },
  FundingLine: { source: SOURCE_LABELS },
  Action: { kind: ACTION_KIND_LABELS, status: ACTION_STATUS_LABELS },
  Indicator: { theme: INDICATOR_THEME_LABELS },
  User: { role: ROLE_LABELS },
  Stream: { theme: THEME_LABELS, pnrrMission: PNRR_MISSION_LABELS, values: VALUE_LABELS },
  ApiToken: { revokedReason: API_TOKEN_REVOKED_REASON_LABELS },
  UserToken: { kind: USER_TOKEN_KIND_LABELS },
  Adherence: { actKind: ADHERENCE_ACT_KIND_LABELS },
  LocalPlan: { status: PLAN_STATUS_LABELS },
  Document: {
    ownerKind: {
      PROJECT: "Intervento",
      ACTION: "Azione",
      ADHERENCE: "Atto di adesione",
      ROUND_SUBMISSION: "Trasmissione di una rilevazione",
    },
  },
  MonitoringRound: { state: ROUND_STATE_LABELS },
  RoundSubmission: { status: SUBMISSION_STATUS_LABELS },
  ProjectPhase: { kind: PHASE_LABELS },
};

/** What a field holding an identifier points at: its value is shown as that record's name. */
export type AuditReferenceKind = "project" | "stream" | "smartLand" | "comune" | "user";

export const AUDIT_REFERENCES: Readonly<Record<string, AuditReferenceKind>> = labels({
  projectId: "project",
  streamId: "stream",
  smartLandId: "smartLand",
  comuneIstat: "comune",
  partnerIstat: "comune",
  leadIstat: "comune",
  members: "comune",
  userId: "user",
  createdById: "user",
}) as Record<string, AuditReferenceKind>;

/** Names of the records the events of a page point at, one map per kind (lib/audit resolves them). */
export type AuditNames = Partial<Record<AuditReferenceKind, ReadonlyMap<string, string>>>;

/** An identifier the reader may not see (another comune's record, or one deleted since). */
export const AUDIT_NOT_VISIBLE = "(non visibile)";

/** Keys that identify the record rather than describe a change (per entity: a user's comune is a change). */
const HIDDEN: Readonly<Record<string, ReadonlySet<string>>> = {
  Project: new Set(["id", "comuneIstat"]),
  FundingLine: new Set(["id", "projectId", "comuneIstat"]),
  Action: new Set(["id", "projectId", "comuneIstat"]),
  Indicator: new Set(["id", "projectId", "comuneIstat"]),
  Document: new Set(["id", "comuneIstat", "ownerId"]),
  ProjectPhase: new Set(["id", "projectId", "comuneIstat"]),
};

/** Keys hidden for an event of an unknown entity. */
export const AUDIT_HIDDEN_FIELDS = new Set(["id", "projectId", "comuneIstat"]);

function hiddenFields(entity: string): ReadonlySet<string> {
  return Object.hasOwn(HIDDEN, entity)
    ? HIDDEN[entity]!
    : Object.hasOwn(FIELDS, entity)
      ? new Set(["id"])
      : AUDIT_HIDDEN_FIELDS;
}

const MONEY = new Set(["totalCost", "amountPlanned", "amountCommitted", "amountPaid"]);
const DECIMALS = new Set(["baseline", "target", "actual"]);
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A repeated event's count, read out: "37 volte nello stesso minuto". */
export function auditCountLabel(count: number): string {
  return `${formatNumber(count)} volte nello stesso minuto`;
}

/** The reading context of a value: its entity (for enum labels) and the names of referenced records. */
export type AuditValueContext = { entity?: string; names?: AuditNames };

function enumLabel(entity: string | undefined, key: string, v: string): string | undefined {
  const byField =
    entity && Object.hasOwn(AUDIT_VALUE_LABELS, entity)
      ? AUDIT_VALUE_LABELS[entity as AuditEntity]
      : undefined;
  if (byField && Object.hasOwn(byField, key)) {
    const table = byField[key]!;
    return Object.hasOwn(table, v) ? table[v] : undefined;
  }
  if (key === "role" && Object.hasOwn(ROLE_LABELS, v)) return ROLE_LABELS[v as keyof typeof ROLE_LABELS];
  return undefined;
}

function referenceName(kind: AuditReferenceKind, id: string, names: AuditNames): string {
  return names[kind]?.get(id) ?? AUDIT_NOT_VISIBLE;
}

/**
 * One audited value as a reader wants it: money in euro, dates dd/mm/yyyy, moments (deletedAt…)
 * dd/mm/yyyy HH:mm in Rome's time, booleans Sì/No, enum values by their Italian label and identifiers
 * (filone, Smart Land, comuni, utenti, interventi) by their name when `context.names` is given.
 */
export function auditValue(v: AuditJson | undefined, key = "", context: AuditValueContext = {}): string {
  if (v === null || v === undefined || v === "") return "—";
  const ref = Object.hasOwn(AUDIT_REFERENCES, key) ? AUDIT_REFERENCES[key] : undefined;
  if (Array.isArray(v)) {
    return v.length ? v.map((x) => auditValue(x, key, context)).join(", ") : "—";
  }
  if (ref && context.names && typeof v === "string") return referenceName(ref, v, context.names);
  if (typeof v === "string") {
    const label = enumLabel(context.entity, key, v);
    if (label !== undefined) return label;
  }
  if (MONEY.has(key) && (typeof v === "string" || typeof v === "number")) return formatEuro(v);
  if (DECIMALS.has(key) && (typeof v === "string" || typeof v === "number")) return formatNumber(v);
  if (key === "progress" && typeof v === "number") return `${v}%`;
  if (typeof v === "string" && CALENDAR_DATE.test(v)) return formatDate(v);
  if (typeof v === "string" && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)))
    return formatDateTime(new Date(v));
  if (typeof v === "boolean") return v ? "Sì" : "No";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export type AuditChange = { field: string; label: string; before: string; after: string };

/**
 * The changed fields of an event (field, prima, dopo), in the order they were recorded, read with the
 * labels of `context.entity` and the names in `context.names`.
 */
export function auditChanges(
  before: unknown,
  after: unknown,
  context: AuditValueContext = {},
): AuditChange[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, AuditJson>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, AuditJson>;
  const hidden = hiddenFields(context.entity ?? "");
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !hidden.has(k));
  return keys
    .map((k) => ({
      field: k,
      label: auditFieldLabel(context.entity ?? "", k),
      before: auditValue(b[k], k, context),
      after: auditValue(a[k], k, context),
    }))
    .filter((c) => c.before !== "—" || c.after !== "—"); // a creation's empty fields say nothing
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
