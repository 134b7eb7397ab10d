// Italian formatting and parsing, shared by server and client code (no Node-only imports), plus the
// Italian labels of every enum in prisma/schema.prisma (wording from the glossary).
//
// Conventions:
// - Money and other decimals travel as strings ("1234.56", what Prisma's Decimal prints) so stored values
//   never go through float arithmetic; the parsers below produce canonical decimal strings.
// - Dates without time are `Date`s at UTC midnight and are always read and written with UTC parts;
//   instants (timestamps) and "today" are Rome's: see ./time.ts.

import type {
  ActionKind,
  ActionStatus,
  FundingSource,
  Health,
  IndicatorTheme,
  PnrrMission,
  ProgrammeValue,
  ProjectStatus,
  Role,
  Theme,
  AdherenceActKind,
  PlanEventKind,
  PlanStatus,
} from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "./time";

export {
  PORTAL_TIME_ZONE,
  formatCalendarDate,
  formatDateTime,
  formatInstantDate,
  formatInstantTime,
  formatTimestamp,
  instantIsoDate,
  isPastDue,
  romeToday,
  romeTodayDate,
  romeYear,
} from "./time";

/** Anything that prints itself as a decimal number, e.g. Prisma's `Decimal`. */
export type DecimalLike = { toString(): string };

/** Shown in place of a missing value. */
export const EMPTY_VALUE = "—";

// ---------------------------------------------------------------------------------------------------------
// Formatting

// `useGrouping: "always"`: CLDR's Italian data does not group 4-digit numbers ("1234,56 €"); the portal's
// format is "1.234,56 €" everywhere.
const euroFormat = new Intl.NumberFormat("it-IT", {
  style: "currency",
  currency: "EUR",
  useGrouping: "always",
});
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A plain decimal as printed by machines (Prisma Decimal, JSON, `String(number)`): "-1234.5", "1e+21". */
const MACHINE_DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

type NumericInput = number | string | DecimalLike | null | undefined;

/**
 * The value to hand to `Intl.NumberFormat#format`: numbers as they are, strings as exact decimal strings
 * (Intl formats them without going through a float). Strings and decimal-likes are read in machine form
 * first ("1.234" is 1.234, as Prisma prints it), then in Italian form ("1.234,56").
 */
function toFormattable(value: NumericInput): number | `${number}` | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = String(value).trim();
  const decimal = MACHINE_DECIMAL.test(text) ? expandMachineDecimal(text) : parseItalianDecimal(text);
  return decimal === null ? null : (decimal as `${number}`);
}

/** "1.234,56 €" (Intl it-IT, EUR; Intl separates the symbol with a non-breaking space). null → "—". */
export function formatEuro(value: NumericInput): string {
  const v = toFormattable(value);
  return v === null ? EMPTY_VALUE : euroFormat.format(v);
}

export type FormatNumberOptions = { minimumFractionDigits?: number; maximumFractionDigits?: number };

/** "1.234,5" (Intl it-IT, at most 4 decimals unless told otherwise). null → "—". */
export function formatNumber(value: NumericInput, options: FormatNumberOptions = {}): string {
  const v = toFormattable(value);
  if (v === null) return EMPTY_VALUE;
  const min = options.minimumFractionDigits ?? 0;
  const max = Math.max(options.maximumFractionDigits ?? 4, min);
  const key = `${min}:${max}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("it-IT", {
      useGrouping: "always",
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    numberFormats.set(key, format);
  }
  return format.format(v);
}

const percentFormats = new Map<number, Intl.NumberFormat>();

/** A ratio as a percentage: 0.125 → "12,5%" (at most `fractionDigits` decimals). null/NaN → "—". */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  let format = percentFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat("it-IT", {
      style: "percent",
      useGrouping: "always",
      maximumFractionDigits: fractionDigits,
    });
    percentFormats.set(fractionDigits, format);
  }
  return format.format(ratio);
}

/**
 * A calendar date, "25/11/2026" from the UTC date parts (see formatCalendarDate; an instant goes through
 * formatInstantDate). Accepts a Date or a date string (ISO or dd/mm/yyyy); null → "—".
 */
export function formatDate(date: Date | string | null | undefined): string {
  if (date === null || date === undefined) return EMPTY_VALUE;
  return formatCalendarDate(typeof date === "string" ? (parseItalianDate(date) ?? new Date(date)) : date);
}

/**
 * A calendar date as "yyyy-mm-dd" from the UTC date parts (the value of an `<input type="date">`, the API's
 * date format). An instant's day is instantIsoDate; today's is romeToday.
 */
export function toIsoDate(date: Date): string {
  const y = date.getUTCFullYear();
  if (Number.isNaN(y)) throw new RangeError("Invalid date");
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

/** "-0012.3400" → "-12.34"; "-0" → "0". Input: optional sign, digits, optional fraction digits. */
function canonical(negative: boolean, intDigits: string, fracDigits: string): string {
  const int = intDigits.replace(/^0+/, "") || "0";
  const frac = fracDigits.replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== "0" ? `-${body}` : body;
}

/** A machine decimal ("1.5", "-2e-3", "1e+21") as a canonical decimal string, without float arithmetic. */
function expandMachineDecimal(text: string): string | null {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text.trim());
  if (!m || (m[2] === "" && !m[3])) return null;
  const negative = m[1] === "-";
  let int = m[2];
  let frac = m[3] ?? "";
  const exponent = m[4] ? Number(m[4]) : 0;
  if (Math.abs(exponent) > 400) return null;
  if (exponent > 0) {
    frac = frac.padEnd(exponent, "0");
    int += frac.slice(0, exponent);
    frac = frac.slice(exponent);
  } else if (exponent < 0) {
    int = int.padStart(-exponent, "0");
    frac = int.slice(int.length + exponent) + frac;
    int = int.slice(0, int.length + exponent);
  }
  return canonical(negative, int, frac);
}

/**
 * Any numeric input as a canonical decimal string ("-1234.5", "0"), or null when it is not a finite number:
 * numbers and decimal-likes exactly as they print, strings in Italian or plain form (see
 * `parseItalianDecimal`).
 */
export function toDecimalString(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? expandMachineDecimal(String(value)) : null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return parseItalianDecimal(value);
  if (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Date) &&
    !Array.isArray(value) && // [5] is not an amount (String([5]) would say "5")
    typeof value.toString === "function" && // objects without a prototype have none
    value.toString !== Object.prototype.toString
  ) {
    const text = String(value).trim();
    return MACHINE_DECIMAL.test(text) ? expandMachineDecimal(text) : null;
  }
  return null;
}

const SIGN = /^[-+\u2212]/;

/**
 * Parses a number typed the Italian way, or the plain way, into a canonical decimal string ("-1234.56"),
 * or null. Accepted: "1.234,56", "1234,56", "1234.56", "1 234,56" (any space, also non-breaking),
 * "€ 1.234,56", "1.234,56 €", "-5", "1,234.56".
 * A single dot followed by exactly three digits after 1–3 non-zero-led digits is a thousands separator,
 * as in Italian: "1.234" is 1234 (but "0.125" is 0.125 and "1234.567" is 1234.567).
 */
export function parseItalianDecimal(text: string): string | null {
  let s = text.trim();
  let negative = false;
  const takeSign = () => {
    if (SIGN.test(s)) {
      negative = s[0] !== "+";
      s = s.slice(1).trim();
      return true;
    }
    return false;
  };
  const hadSign = takeSign();
  s = s
    .replace(/^(?:€|eur)\s*/i, "")
    .replace(/\s*(?:€|eur)$/i, "")
    .trim();
  if (!hadSign) takeSign();

  s = s.replace(/\s/g, " ");
  if (!/^[0-9][0-9., ]*$|^[.,][0-9]+$/.test(s) || s.includes("  ")) return null;

  const count = (ch: string) => s.split(ch).length - 1;
  const commas = count(",");
  const dots = count(".");
  let decimalSep: "," | "." | null = null;
  let groupSep: "," | "." | null = null;
  if (commas > 0 && dots > 0) {
    decimalSep = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    groupSep = decimalSep === "," ? "." : ",";
    if (count(decimalSep) !== 1) return null;
  } else if (commas > 0) {
    if (commas > 1) return null;
    decimalSep = ",";
  } else if (dots > 1) {
    groupSep = ".";
  } else if (dots === 1) {
    const [int, frac] = s.split(".");
    if (/^[1-9][0-9]{0,2}$/.test(int) && /^[0-9]{3}$/.test(frac)) groupSep = ".";
    else decimalSep = ".";
  }

  let intPart = s;
  let fracPart = "";
  if (decimalSep) {
    const at = s.indexOf(decimalSep);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (!/^[0-9]+$/.test(fracPart)) return null;
  }
  const separators = new Set(intPart.replace(/[0-9]/g, ""));
  if (separators.size > 1) return null;
  if (separators.size === 1) {
    const sep = [...separators][0];
    if (sep !== " " && sep !== groupSep) return null;
    const grouped = new RegExp(`^[0-9]{1,3}(?:\\${sep}[0-9]{3})+$`);
    if (!grouped.test(intPart)) return null;
  }
  return canonical(negative, intPart.replace(/[^0-9]/g, ""), fracPart);
}

/** Like `parseItalianDecimal`, as a number; null (never NaN) for anything that is not a finite number. */
export function parseItalianNumber(text: string): number | null {
  const decimal = parseItalianDecimal(text);
  if (decimal === null) return null;
  const n = Number(decimal);
  return Number.isFinite(n) ? n : null;
}

/** A Date at UTC midnight, or null when the day does not exist (31/02/2026) or the year is before 1000. */
function utcDate(year: number, month: number, day: number): Date | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

/**
 * "25/11/2026", "5/1/2026" (also with "-" or "." between the parts), ISO "2026-11-25" or an ISO date-time
 * (its calendar date as written) → a Date at UTC midnight; null for anything else, including days that do
 * not exist (31/02/2026).
 */
export function parseItalianDate(text: string): Date | null {
  const s = text.trim();
  const italian = /^([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})$/.exec(s);
  if (italian) return utcDate(Number(italian[4]), Number(italian[3]), Number(italian[1]));
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(T.+)?$/.exec(s);
  if (iso) {
    if (iso[4] && Number.isNaN(new Date(s).getTime())) return null;
    return utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Enum labels (docs/glossary.md) and ordered enum values

function keysOf<K extends string>(labels: Record<K, string>): readonly K[] {
  return Object.freeze(Object.keys(labels) as K[]);
}

export const ROLE_LABELS: Record<Role, string> = {
  OFFICER: "Referente comunale",
  COORDINATOR: "Coordinatore regionale",
  ADMIN: "Amministratore",
};

/** The 13 OpenCoesione "temi sintetici". */
export const THEME_LABELS: Record<Theme, string> = {
  RESEARCH_INNOVATION: "Ricerca e innovazione",
  DIGITAL_NETWORKS: "Reti e servizi digitali",
  BUSINESS_COMPETITIVENESS: "Competitività per le imprese",
  ENERGY: "Energia",
  ENVIRONMENT: "Ambiente",
  CULTURE_TOURISM: "Cultura e turismo",
  TRANSPORT_MOBILITY: "Trasporti e mobilità",
  EMPLOYMENT: "Occupazione e lavoro",
  SOCIAL_INCLUSION_HEALTH: "Inclusione sociale e salute",
  EDUCATION_TRAINING: "Istruzione e formazione",
  PA_CAPACITY: "Rafforzamento capacità della PA",
  URBAN_RURAL_RENEWAL: "Rinnovamento urbano e rurale",
  CHILDCARE_ELDERLY: "Servizi di cura infanzia e anziani",
};

export const PNRR_MISSION_LABELS: Record<PnrrMission, string> = {
  M1: "Digitalizzazione, innovazione, competitività, cultura e turismo",
  M2: "Rivoluzione verde e transizione ecologica",
  M3: "Infrastrutture per una mobilità sostenibile",
  M4: "Istruzione e ricerca",
  M5: "Inclusione e coesione",
  M6: "Salute",
  M7: "REPowerEU",
};

export const VALUE_LABELS: Record<ProgrammeValue, string> = {
  INNOVATION: "Innovazione",
  SUSTAINABILITY: "Sostenibilità",
  COHESION: "Coesione",
  CONTAMINATION: "Contaminazione",
};

/** The kind of a comune's act of adherence to a Smart Land. */
export const ADHERENCE_ACT_KIND_LABELS: Record<AdherenceActKind, string> = {
  PROTOCOL: "Protocollo d'intesa",
  GIUNTA: "Delibera di Giunta",
  CONSIGLIO: "Delibera di Consiglio",
};

/** Where a local plan is in its review. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  DRAFT: "Bozza",
  SUBMITTED: "Inviato",
  APPROVED: "Approvato",
  RETURNED: "Restituito",
};

/** A step of a plan's history. */
export const PLAN_EVENT_LABELS: Record<PlanEventKind, string> = {
  SUBMITTED: "Inviato dal comune",
  APPROVED: "Approvato dal coordinatore",
  RETURNED: "Restituito dal coordinatore",
};

/** Procedural status, in OpenCoesione's order. */
export const STATUS_LABELS: Record<ProjectStatus, string> = {
  NOT_STARTED: "Non avviato",
  DESIGN_STARTING: "In avvio di progettazione",
  DESIGN: "In corso di progettazione",
  PROCUREMENT: "In affidamento",
  EXECUTION: "In esecuzione",
  COMPLETED: "Concluso",
  CANCELLED: "Annullato / revocato",
};

export const HEALTH_LABELS: Record<Health, string> = {
  ON_TRACK: "In linea",
  AT_RISK: "A rischio",
  OFF_TRACK: "Critico",
};

export const SOURCE_LABELS: Record<FundingSource, string> = {
  EU_FESR: "UE – FESR",
  EU_FSE: "UE – FSE+",
  PNRR: "PNRR",
  FSC: "FSC – Fondo sviluppo e coesione",
  STATE: "Stato",
  REGION: "Regione Lombardia",
  METRO_CITY: "Città metropolitana",
  COMUNE: "Comune (fondi propri)",
  PRIVATE: "Privati",
  PPP: "Partenariato pubblico-privato",
  SPONSORSHIP: "Sponsorizzazioni",
  OTHER: "Altro",
};

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  PLANNING: "Pianificazione",
  DESIGN: "Progettazione",
  PROCUREMENT: "Affidamento (gara)",
  WORKS: "Lavori",
  SERVICE: "Servizio",
  COMMUNICATION: "Comunicazione",
  MONITORING: "Monitoraggio",
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  TODO: "Da fare",
  IN_PROGRESS: "In corso",
  DONE: "Completata",
  BLOCKED: "Bloccata",
};

/** CITYkeys themes. */
export const INDICATOR_THEME_LABELS: Record<IndicatorTheme, string> = {
  PEOPLE: "Persone",
  PLANET: "Pianeta",
  PROSPERITY: "Prosperità",
  GOVERNANCE: "Governance",
  PROPAGATION: "Propagazione",
};

// Ordered enum values (the order of the label records above, which is the schema's order).
export const ROLES: readonly Role[] = keysOf(ROLE_LABELS);
export const THEMES: readonly Theme[] = keysOf(THEME_LABELS);
export const PNRR_MISSIONS: readonly PnrrMission[] = keysOf(PNRR_MISSION_LABELS);
export const PROGRAMME_VALUES: readonly ProgrammeValue[] = keysOf(VALUE_LABELS);
/** OpenCoesione order: NOT_STARTED → … → COMPLETED, then CANCELLED. */
export const PROJECT_STATUSES: readonly ProjectStatus[] = keysOf(STATUS_LABELS);
export const HEALTHS: readonly Health[] = keysOf(HEALTH_LABELS);
export const FUNDING_SOURCES: readonly FundingSource[] = keysOf(SOURCE_LABELS);
export const ACTION_KINDS: readonly ActionKind[] = keysOf(ACTION_KIND_LABELS);
export const ACTION_STATUSES: readonly ActionStatus[] = keysOf(ACTION_STATUS_LABELS);
export const INDICATOR_THEMES: readonly IndicatorTheme[] = keysOf(INDICATOR_THEME_LABELS);

/** A saved value as a form field shows it: Italian number ("1.234,56") or date ("25/11/2026"), "" if empty. */
export function formInput(
  value: Date | DecimalLike | number | string | null | undefined,
  decimals?: number,
): string {
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof Date) return formatDate(value);
  return decimals === undefined
    ? formatNumber(value as NumericInput)
    : formatNumber(value as NumericInput, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
}
