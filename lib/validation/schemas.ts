// One zod schema per editable entity, with Italian messages (docs/glossary.md). The same schema validates form
// input (FormData strings, where an empty string means "missing"), server-action arguments and JSON API
// bodies, so every field accepts both the text form and the typed form:
// - money: "1.234,56", "1234.56", 1234.56 → "1234.56" (a string with exactly 2 decimals, for Prisma's
//   Decimal; never through float arithmetic);
// - other decimals (indicators): up to 4 decimals → canonical string ("-12.5");
// - dates: "25/11/2026", "2026-11-25" or a Date → Date at UTC midnight;
// - integers: "42" or 42 → 42.
// Optional fields that are missing or empty come out as `null` (not `undefined`), so an update with the
// parsed data clears the column. Unknown keys are dropped.

import * as z from "zod";

import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_SOURCES,
  HEALTHS,
  INDICATOR_THEMES,
  PROJECT_STATUSES,
  formatEuro,
  parseItalianDate,
  toDecimalString,
  type DecimalLike,
} from "@/lib/format";
import type { ActionKind } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { compareDecimals, fundingGap, splitDecimal, sumMoney } from "@/lib/money";
import { cupProblem, isValidCig, isValidIstatComune, normalizeCig, normalizeCup } from "./identifiers";
import { documented } from "./input-docs";
import { textProblem, type TextOptions } from "./text";

export const MESSAGES = {
  required: "Campo obbligatorio.",
  invalid: "Valore non valido.",
  invalidData: "Dati non validi.",
  cup: "CUP non valido: deve avere 15 caratteri (lettere maiuscole e cifre), ad esempio J71B19000120004.",
  cupFutureYear: "CUP non valido: l'anno (5ª e 6ª cifra) non può essere nel futuro.",
  cig: "CIG non valido: controlla le 10 cifre e lettere (il carattere di controllo non corrisponde).",
  istat: "Codice ISTAT non valido: deve avere 6 cifre, ad esempio 015192.",
  endBeforeStart: "La data di fine non può precedere la data di inizio.",
  date: "Data non valida: usa il formato gg/mm/aaaa, ad esempio 25/11/2026.",
  dateRange: "Inserisci una data tra il 1900 e il 2100.",
  money: "Importo non valido: scrivi ad esempio 1.234,56.",
  moneyDecimals: "Al massimo due decimali.",
  moneyNegative: "L'importo non può essere negativo.",
  moneyTooLarge: "Importo troppo grande.",
  decimal: "Numero non valido: scrivi ad esempio 1.234,5.",
  decimalDecimals: "Al massimo quattro decimali.",
  decimalTooLarge: "Numero troppo grande.",
  stream: "Scegli un filone di intervento.",
  smartLand: "Scegli una Smart Land valida.",
  status: "Scegli uno stato valido.",
  health: "Scegli un andamento valido.",
  progress: "Inserisci un numero intero tra 0 e 100.",
  version: "Versione non valida: ricarica la pagina.",
  source: "Scegli una fonte di finanziamento.",
  year: "Inserisci un anno tra il 1990 e il 2100.",
  actionKind: "Scegli il tipo di azione.",
  actionStatus: "Scegli uno stato valido.",
  doneDateRequired: "Indica la data di completamento.",
  cigKind:
    "Il CIG si indica solo per le azioni che riguardano un contratto pubblico (affidamento, progettazione, lavori, servizio): togli il CIG o cambia il tipo di azione.",
  indicatorTheme: "Scegli un tema.",
  paidOverCommitted: "L'importo pagato supera quello impegnato: controlla gli importi.",
  committedOverPlanned: "L'importo impegnato supera quello previsto: controlla gli importi.",
} as const;

const tooShort = (min: number) => (min === 1 ? MESSAGES.required : `Inserisci almeno ${min} caratteri.`);
const tooLong = (max: number) => `Al massimo ${max} caratteri.`;

// ---------------------------------------------------------------------------------------------------------
// Field builders: a preprocess step turns the raw value (string or typed) into the output value or an
// Italian message; the target schema pins the output type. A preprocess step also runs for absent keys,
// so defaults and "Campo obbligatorio." apply to JSON bodies that omit a field.

type Coerced<T> = { value: T } | { error: string };

function coerced<S extends z.ZodType>(target: S, coerce: (raw: unknown) => Coerced<z.output<S>>) {
  return z.preprocess((raw: unknown, ctx) => {
    const result = coerce(raw);
    if ("error" in result) {
      ctx.addIssue(result.error);
      return undefined;
    }
    return result.value;
  }, target);
}

/** undefined, null and blank strings all mean "not given". */
function isBlank(raw: unknown): raw is undefined | null | string {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** A required text, trimmed, `min`..`max` characters, on one line unless `multiline`. */
function requiredText(min: number, max: number, options: TextOptions = {}) {
  const schema = coerced(z.string(), (raw) => {
    if (isBlank(raw)) return { error: MESSAGES.required };
    if (typeof raw !== "string") return { error: MESSAGES.invalid };
    const value = raw.trim();
    const problem = textProblem(value, options);
    if (problem) return { error: problem };
    if (value.length < min) return { error: tooShort(min) };
    if (value.length > max) return { error: tooLong(max) };
    return { value };
  });
  return documented(schema, {
    schema: {
      type: "string",
      minLength: min,
      maxLength: max,
      description: `Testo obbligatorio, da ${min} a ${max} caratteri (spazi iniziali e finali rimossi).`,
    },
  });
}

/** An optional text, trimmed, at most `max` characters, on one line unless `multiline`; missing → "". */
function textWithDefault(max: number, options: TextOptions = {}) {
  const schema = coerced(z.string(), (raw) => {
    if (isBlank(raw)) return { value: "" };
    if (typeof raw !== "string") return { error: MESSAGES.invalid };
    const value = raw.trim();
    const problem = textProblem(value, options);
    if (problem) return { error: problem };
    return value.length > max ? { error: tooLong(max) } : { value };
  });
  return documented(schema, {
    schema: {
      type: ["string", "null"],
      maxLength: max,
      default: "",
      description: `Testo facoltativo, al massimo ${max} caratteri. Assente, null o vuoto: "".`,
    },
    optional: true,
  });
}

/** An optional text, trimmed, at most `max` characters, on one line unless `multiline`; missing → null. */
function nullableText(max: number, options: TextOptions = {}) {
  const schema = coerced(z.string().nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    if (typeof raw !== "string") return { error: MESSAGES.invalid };
    const value = raw.trim();
    const problem = textProblem(value, options);
    if (problem) return { error: problem };
    return value.length > max ? { error: tooLong(max) } : { value };
  });
  return documented(schema, {
    schema: {
      type: ["string", "null"],
      maxLength: max,
      description: `Testo facoltativo, al massimo ${max} caratteri. Assente o vuoto: null.`,
    },
    optional: true,
  });
}

function requiredUuid(message: string) {
  const schema = coerced(z.string(), (raw) =>
    typeof raw === "string" && isUuid(raw.trim()) ? { value: raw.trim().toLowerCase() } : { error: message },
  );
  return documented(schema, { schema: { type: "string", format: "uuid" } });
}

function nullableUuid(message: string) {
  const schema = coerced(z.string().nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    return typeof raw === "string" && isUuid(raw.trim())
      ? { value: raw.trim().toLowerCase() }
      : { error: message };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "string", format: "uuid" }, { type: "null" }],
      description: "Assente o vuoto: null.",
    },
    optional: true,
  });
}

/** A value of `values`; missing → `fallback` when given, otherwise `message`. */
function enumField<T extends string>(values: readonly T[], message: string, fallback?: T) {
  const schema = coerced(
    z.custom<T>((v) => typeof v === "string" && (values as readonly string[]).includes(v)),
    (raw) => {
      if (isBlank(raw)) return fallback === undefined ? { error: message } : { value: fallback };
      const value = typeof raw === "string" ? raw.trim() : raw;
      return typeof value === "string" && (values as readonly string[]).includes(value)
        ? { value: value as T }
        : { error: message };
    },
  );
  return documented(schema, {
    schema: { type: "string", enum: [...values], ...(fallback === undefined ? {} : { default: fallback }) },
    optional: fallback !== undefined,
  });
}

/** An integer in `min`..`max` ("42" or 42); missing → `fallback` when given, otherwise "Campo obbligatorio.". */
export function intField(min: number, max: number, message: string, fallback?: number) {
  const schema = coerced(z.number().int(), (raw) => {
    if (isBlank(raw)) return fallback === undefined ? { error: MESSAGES.required } : { value: fallback };
    let n: number;
    if (typeof raw === "number") n = raw;
    else if (typeof raw === "string" && /^[-+]?[0-9]+$/.test(raw.trim())) n = Number(raw.trim());
    else return { error: message };
    return Number.isInteger(n) && n >= min && n <= max ? { value: n } : { error: message };
  });
  return documented(schema, {
    schema: {
      anyOf: [
        { type: "integer", minimum: min, maximum: max },
        { type: "string", pattern: "^[-+]?[0-9]+$" },
      ],
      description: `Numero intero tra ${min} e ${max}, anche come testo ("42").`,
      ...(fallback === undefined ? {} : { default: fallback }),
    },
    optional: fallback !== undefined,
  });
}

type MoneyOptions = { fallback?: string };

/**
 * An amount in euro ≥ 0 with at most 2 decimals, fitting Decimal(14, 2): "1234.56". Missing →
 * `fallback` when given, otherwise "Campo obbligatorio.".
 */
function money({ fallback }: MoneyOptions = {}) {
  const schema = coerced(z.string().regex(/^[0-9]{1,12}\.[0-9]{2}$/), (raw) => {
    if (isBlank(raw)) return fallback === undefined ? { error: MESSAGES.required } : { value: fallback };
    const decimal = toDecimalString(raw);
    if (decimal === null) return { error: MESSAGES.money };
    const { negative, int, frac } = splitDecimal(decimal);
    if (negative) return { error: MESSAGES.moneyNegative };
    if (frac.length > 2) return { error: MESSAGES.moneyDecimals };
    if (int.length > 12) return { error: MESSAGES.moneyTooLarge };
    return { value: `${int}.${frac.padEnd(2, "0")}` };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "number", minimum: 0 }, { type: "string" }],
      description:
        'Importo in euro, non negativo, al massimo 2 decimali: numero (1234.56) o testo ("1234.56", "1.234,56", "€ 1.234,56").',
      ...(fallback === undefined ? {} : { default: fallback }),
    },
    optional: fallback !== undefined,
  });
}

/** An optional decimal of any sign with at most 4 decimals, fitting Decimal(18, 4); missing → null. */
function nullableDecimal4() {
  const schema = coerced(z.string().nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    const decimal = toDecimalString(raw);
    if (decimal === null) return { error: MESSAGES.decimal };
    const { int, frac } = splitDecimal(decimal);
    if (frac.length > 4) return { error: MESSAGES.decimalDecimals };
    if (int.length > 14) return { error: MESSAGES.decimalTooLarge };
    return { value: decimal };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "number" }, { type: "string" }, { type: "null" }],
      description: 'Numero con al massimo 4 decimali: 12.5, "12.5" o "1.234,5". Assente o vuoto: null.',
    },
    optional: true,
  });
}

/** An optional calendar date ("25/11/2026", "2026-11-25" or a Date, read in UTC) → UTC midnight; missing → null. */
function nullableDate() {
  const schema = coerced(z.date().nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    let date: Date | null = null;
    if (raw instanceof Date) {
      date = Number.isNaN(raw.getTime())
        ? null
        : new Date(Date.UTC(raw.getUTCFullYear(), raw.getUTCMonth(), raw.getUTCDate()));
    } else if (typeof raw === "string") {
      date = parseItalianDate(raw);
    }
    if (date === null) return { error: MESSAGES.date };
    const year = date.getUTCFullYear();
    if (year < 1900 || year > 2100) return { error: MESSAGES.dateRange };
    return { value: date };
  });
  return documented(schema, {
    schema: {
      anyOf: [
        { type: "string", format: "date" },
        { type: "string", pattern: "^[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}$" },
        { type: "null" },
      ],
      description: 'Data tra il 1900 e il 2100: "2026-11-25" o "25/11/2026". Assente o vuoto: null.',
    },
    optional: true,
  });
}

/** An optional CUP, normalized (trimmed, upper case); missing → null. */
function nullableCup() {
  const schema = coerced(z.string().length(15).nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    if (typeof raw !== "string") return { error: MESSAGES.cup };
    const cup = normalizeCup(raw);
    const problem = cupProblem(cup);
    if (problem === "format") return { error: MESSAGES.cup };
    if (problem === "future-year") return { error: MESSAGES.cupFutureYear };
    return { value: cup };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "string" }, { type: "null" }],
      description:
        "Codice Unico di Progetto: 15 caratteri (lettere maiuscole e cifre), l'anno (5ª e 6ª cifra) non nel futuro; univoco tra gli interventi attivi. Assente o vuoto: null.",
      examples: ["J71B19000120004"],
    },
    optional: true,
  });
}

/** An optional CIG, normalized (trimmed, upper case); missing → null. */
function nullableCig() {
  const schema = coerced(z.string().length(10).nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    if (typeof raw !== "string") return { error: MESSAGES.cig };
    const cig = normalizeCig(raw);
    return isValidCig(cig) ? { value: cig } : { error: MESSAGES.cig };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "string" }, { type: "null" }],
      description:
        "Codice Identificativo di Gara: 10 caratteri con carattere di controllo (ordinario, SmartCIG o nuovo CIG). Assente o vuoto: null.",
    },
    optional: true,
  });
}

/** Schemas of fields that FormData carries as repeated keys (see `parseFormData`). */
const arrayFieldSchemas = new WeakSet<z.ZodType>();

/**
 * A list of ISTAT comune codes: an array (repeated FormData values) or a string separated by commas,
 * semicolons or spaces. Trimmed, de-duplicated, order kept; missing → [].
 */
function istatList() {
  const schema = coerced(z.array(z.string()), (raw) => {
    if (isBlank(raw)) return { value: [] };
    const items = Array.isArray(raw) ? raw : [raw];
    const codes: string[] = [];
    for (const item of items) {
      if (typeof item !== "string") return { error: MESSAGES.istat };
      for (const code of item.split(/[\s,;]+/)) {
        if (code === "") continue;
        if (!isValidIstatComune(code)) return { error: `${MESSAGES.istat} (${code})` };
        if (!codes.includes(code)) codes.push(code);
      }
    }
    return { value: codes };
  });
  arrayFieldSchemas.add(schema);
  return documented(schema, {
    schema: {
      anyOf: [
        { type: "array", items: { type: "string", pattern: "^[0-9]{6}$" } },
        { type: "string", description: "Codici separati da virgole, punti e virgola o spazi." },
        { type: "null" },
      ],
      default: [],
      description: "Codici ISTAT dei comuni partner (6 cifre); i duplicati sono ignorati.",
    },
    optional: true,
  });
}

/** The largest value of a PostgreSQL integer column (`version Int`): anything above is not a version. */
export const MAX_VERSION = 2_147_483_647;
const version = () => intField(1, MAX_VERSION, MESSAGES.version);

// ---------------------------------------------------------------------------------------------------------
// Cross-field rules. They run even when other fields failed (`when`), on whatever parsed, so the user sees
// every problem at once.

const whenObject = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null,
};

function checkEndNotBeforeStart(
  value: Record<string, unknown>,
  ctx: z.RefinementCtx,
  startKey: string,
  endKey: string,
): void {
  const start = value[startKey];
  const end = value[endKey];
  if (start instanceof Date && end instanceof Date && end.getTime() < start.getTime()) {
    ctx.addIssue({ code: "custom", message: MESSAGES.endBeforeStart, path: [endKey] });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Project ("intervento")

export const projectSchema = z
  .object(
    {
      streamId: requiredUuid(MESSAGES.stream),
      title: requiredText(3, 300),
      summary: textWithDefault(5000, { multiline: true }),
      cup: nullableCup(),
      localCode: nullableText(40),
      totalCost: money(),
      plannedStart: nullableDate(),
      plannedEnd: nullableDate(),
      actualStart: nullableDate(),
      actualEnd: nullableDate(),
      status: enumField(PROJECT_STATUSES, MESSAGES.status, "NOT_STARTED"),
      health: enumField(HEALTHS, MESSAGES.health, "ON_TRACK"),
      progress: intField(0, 100, MESSAGES.progress, 0),
      smartLandId: nullableUuid(MESSAGES.smartLand),
      partnerIstat: istatList(),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    checkEndNotBeforeStart(value, ctx, "plannedStart", "plannedEnd");
    checkEndNotBeforeStart(value, ctx, "actualStart", "actualEnd");
  }, whenObject);

export const projectCreateSchema = projectSchema;
/** Updates carry the `version` the user started from (optimistic locking). */
export const projectUpdateSchema = projectSchema.extend({ version: version() });

export type ProjectData = z.output<typeof projectSchema>;
export type ProjectUpdateData = z.output<typeof projectUpdateSchema>;

// ---------------------------------------------------------------------------------------------------------
// Funding line ("risorsa")

export const fundingLineSchema = z.object(
  {
    source: enumField(FUNDING_SOURCES, MESSAGES.source),
    programme: textWithDefault(200),
    year: intField(1990, 2100, MESSAGES.year),
    amountPlanned: money(),
    amountCommitted: money({ fallback: "0.00" }),
    amountPaid: money({ fallback: "0.00" }),
  },
  { error: MESSAGES.invalidData },
);

export const fundingLineCreateSchema = fundingLineSchema;
export const fundingLineUpdateSchema = fundingLineSchema.extend({ version: version() });

export type FundingLineData = z.output<typeof fundingLineSchema>;
export type FundingLineUpdateData = z.output<typeof fundingLineUpdateSchema>;

type Amount = string | number | DecimalLike;

/**
 * Allowed but suspicious amounts of a funding line, as Italian warnings: paid more than committed,
 * committed more than planned. Amounts that cannot be read are ignored.
 */
export function fundingWarnings(line: {
  amountPlanned: Amount;
  amountCommitted: Amount;
  amountPaid: Amount;
}): string[] {
  const planned = toDecimalString(line.amountPlanned);
  const committed = toDecimalString(line.amountCommitted);
  const paid = toDecimalString(line.amountPaid);
  const warnings: string[] = [];
  if (paid !== null && committed !== null && compareDecimals(paid, committed) > 0) {
    warnings.push(MESSAGES.paidOverCommitted);
  }
  if (committed !== null && planned !== null && compareDecimals(committed, planned) > 0) {
    warnings.push(MESSAGES.committedOverPlanned);
  }
  return warnings;
}

/**
 * A project over-financed: the resources planned on its funding lines exceed its total cost (the gap is then
 * shown as 0). "Le risorse previste superano il costo totale di 1.000,00 €." or null.
 */
export function overFundingWarning(
  totalCost: Amount,
  lines: readonly { amountPlanned: Amount }[],
): string | null {
  const planned = sumMoney(lines.map((l) => toDecimalString(l.amountPlanned) ?? "0"));
  const { excess } = fundingGap(toDecimalString(totalCost) ?? "0", planned);
  return compareDecimals(excess, "0") > 0
    ? `Le risorse previste superano il costo totale di ${formatEuro(excess)}.`
    : null;
}

// ---------------------------------------------------------------------------------------------------------
// Action ("azione")

/** The kinds of action that concern a public contract, the only ones that may carry a CIG. */
export const CIG_ACTION_KINDS = [
  "PROCUREMENT",
  "DESIGN",
  "WORKS",
  "SERVICE",
] as const satisfies readonly ActionKind[];

export const actionSchema = z
  .object(
    {
      title: requiredText(2, 300),
      kind: enumField(ACTION_KINDS, MESSAGES.actionKind),
      owner: textWithDefault(120),
      dueDate: nullableDate(),
      doneDate: nullableDate(),
      status: enumField(ACTION_STATUSES, MESSAGES.actionStatus, "TODO"),
      cig: nullableCig(),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    // `null` means "not given"; a doneDate that failed to parse already has its own message.
    if (value.status === "DONE" && value.doneDate === null) {
      ctx.addIssue({ code: "custom", message: MESSAGES.doneDateRequired, path: ["doneDate"] });
    }
    // A CIG identifies a public contract: an action with none (planning, communication, monitoring) has none.
    if (
      typeof value.cig === "string" &&
      isValidCig(value.cig) &&
      typeof value.kind === "string" &&
      (ACTION_KINDS as readonly string[]).includes(value.kind) &&
      !(CIG_ACTION_KINDS as readonly string[]).includes(value.kind)
    ) {
      ctx.addIssue({ code: "custom", message: MESSAGES.cigKind, path: ["cig"] });
    }
  }, whenObject);

export const actionCreateSchema = actionSchema;
export const actionUpdateSchema = actionSchema.extend({ version: version() });

export type ActionData = z.output<typeof actionSchema>;
export type ActionUpdateData = z.output<typeof actionUpdateSchema>;

// ---------------------------------------------------------------------------------------------------------
// Indicator ("indicatore")

export const indicatorSchema = z.object(
  {
    name: requiredText(2, 200),
    theme: enumField(INDICATOR_THEMES, MESSAGES.indicatorTheme),
    unit: requiredText(1, 40),
    baseline: nullableDecimal4(),
    target: nullableDecimal4(),
    actual: nullableDecimal4(),
    period: textWithDefault(40),
  },
  { error: MESSAGES.invalidData },
);

export const indicatorCreateSchema = indicatorSchema;
export const indicatorUpdateSchema = indicatorSchema.extend({ version: version() });

export type IndicatorData = z.output<typeof indicatorSchema>;
export type IndicatorUpdateData = z.output<typeof indicatorUpdateSchema>;

// ---------------------------------------------------------------------------------------------------------
// Adherence to a Smart Land ("adesione") and local plans per stream ("piano locale"), issue #18

export const ADHERENCE_ACT_KINDS = ["PROTOCOL", "GIUNTA", "CONSIGLIO"] as const;

export const ADHERENCE_MESSAGES = {
  actKind: "Scegli il tipo di atto.",
  planYear: "Inserisci un anno tra il 2000 e il 2100.",
  duplicateYear: "Ogni anno può comparire una sola volta nella dotazione.",
  tooManyRows: "Al massimo 20 righe.",
  email: "Indirizzo email non valido: scrivi ad esempio ufficio.tecnico@comune.it.",
  commentRequired: "Scrivi il motivo della restituzione: il comune lo vedrà accanto al piano.",
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The act of adherence; `version` 0 (or absent) records it, the version read otherwise updates it. */
export const adherenceSchema = z
  .object(
    {
      actKind: enumField(ADHERENCE_ACT_KINDS, ADHERENCE_MESSAGES.actKind),
      actNumber: requiredText(1, 40),
      actDate: nullableDate(),
      note: textWithDefault(2000, { multiline: true }),
      version: intField(0, MAX_VERSION, MESSAGES.version, 0),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    if (value.actDate === null)
      ctx.addIssue({ code: "custom", message: MESSAGES.required, path: ["actDate"] });
  });

export type AdherenceData = z.output<typeof adherenceSchema>;

const planYear = () => intField(2000, 2100, ADHERENCE_MESSAGES.planYear);

export const envelopeRowSchema = z.object(
  { year: planYear(), amount: money() },
  { error: MESSAGES.invalidData },
);

export const planIndicatorSchema = z.object(
  {
    name: requiredText(2, 200),
    unit: requiredText(1, 40),
    baseline: nullableDecimal4(),
    target: nullableDecimal4(),
    year: planYear(),
  },
  { error: MESSAGES.invalidData },
);

/** A local plan as the officer saves it (a draft may be incomplete: submitting checks completeness). */
export const localPlanSchema = z
  .object(
    {
      objectives: textWithDefault(5000, { multiline: true }),
      envelope: z
        .array(envelopeRowSchema, { error: MESSAGES.invalidData })
        .max(20, ADHERENCE_MESSAGES.tooManyRows)
        .default([]),
      indicators: z
        .array(planIndicatorSchema, { error: MESSAGES.invalidData })
        .max(20, ADHERENCE_MESSAGES.tooManyRows)
        .default([]),
      contactName: textWithDefault(200),
      contactRole: textWithDefault(200),
      contactEmail: textWithDefault(254),
      version: intField(0, MAX_VERSION, MESSAGES.version, 0),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    if (value.contactEmail && !EMAIL.test(value.contactEmail)) {
      ctx.addIssue({ code: "custom", message: ADHERENCE_MESSAGES.email, path: ["contactEmail"] });
    }
    const years = (value.envelope ?? []).map((row) => row.year);
    if (new Set(years).size !== years.length) {
      ctx.addIssue({ code: "custom", message: ADHERENCE_MESSAGES.duplicateYear, path: ["envelope"] });
    }
  });

export type LocalPlanData = z.output<typeof localPlanSchema>;

/** A step of the workflow (submit, approve): the version the actor read. */
export const planStepSchema = z.object({ version: version() }, { error: MESSAGES.invalidData });

/** Returning a plan: the version read and the comment the comune will see (required). */
export const planReturnSchema = z
  .object(
    { version: version(), comment: textWithDefault(2000, { multiline: true }) },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    if (!value.comment)
      ctx.addIssue({ code: "custom", message: ADHERENCE_MESSAGES.commentRequired, path: ["comment"] });
  });

// ---------------------------------------------------------------------------------------------------------
// The programme plan of a Smart Land (issue #18, item 2)

export const PROGRAMME_MESSAGES = {
  phaseYear: "Inserisci un anno tra il 2000 e il 2100, oppure lascia vuoto.",
  phaseYears: "L'anno di fine non può precedere quello di inizio.",
  streamCode: "Filone non valido.",
  duplicateStream: "Ogni filone può comparire una sola volta in una fase.",
  tooManyPhases: "Al massimo 10 fasi.",
  tooManyStreams: "Al massimo 50 filoni per fase.",
} as const;

/** A year or nothing (a phase's start and end). */
function nullableYear() {
  const schema = coerced(z.number().int().nullable(), (raw) => {
    if (isBlank(raw)) return { value: null };
    const n =
      typeof raw === "number"
        ? raw
        : typeof raw === "string" && /^[0-9]+$/.test(raw.trim())
          ? Number(raw)
          : NaN;
    return Number.isInteger(n) && n >= 2000 && n <= 2100
      ? { value: n }
      : { error: PROGRAMME_MESSAGES.phaseYear };
  });
  return documented(schema, {
    schema: {
      anyOf: [{ type: "integer", minimum: 2000, maximum: 2100 }, { type: "string" }, { type: "null" }],
      description: "Anno (2000–2100) o null.",
    },
    optional: true,
  });
}

/** The programme's envelope per year and its targets for one stream of a phase. */
export const programmeStreamSchema = z
  .object(
    {
      stream: requiredText(1, 16),
      envelope: z
        .array(envelopeRowSchema, { error: MESSAGES.invalidData })
        .max(20, ADHERENCE_MESSAGES.tooManyRows)
        .default([]),
      targets: z
        .array(planIndicatorSchema, { error: MESSAGES.invalidData })
        .max(20, ADHERENCE_MESSAGES.tooManyRows)
        .default([]),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    const years = (value.envelope ?? []).map((row) => row.year);
    if (new Set(years).size !== years.length)
      ctx.addIssue({ code: "custom", message: ADHERENCE_MESSAGES.duplicateYear, path: ["envelope"] });
  });

export const programmePhaseSchema = z
  .object(
    {
      name: requiredText(1, 80),
      startYear: nullableYear(),
      endYear: nullableYear(),
      streams: z
        .array(programmeStreamSchema, { error: MESSAGES.invalidData })
        .max(50, PROGRAMME_MESSAGES.tooManyStreams)
        .default([]),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    if (value.startYear != null && value.endYear != null && value.endYear < value.startYear)
      ctx.addIssue({ code: "custom", message: PROGRAMME_MESSAGES.phaseYears, path: ["endYear"] });
    const codes = (value.streams ?? []).map((s) => s.stream);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: "custom", message: PROGRAMME_MESSAGES.duplicateStream, path: ["streams"] });
  });

/** The whole programme plan as the coordinator saves it: `version` 0 for the first save. */
export const programmeSchema = z.object(
  {
    phases: z
      .array(programmePhaseSchema, { error: MESSAGES.invalidData })
      .max(10, PROGRAMME_MESSAGES.tooManyPhases)
      .default([]),
    version: intField(0, MAX_VERSION, MESSAGES.version, 0),
  },
  { error: MESSAGES.invalidData },
);

export type ProgrammeData = z.output<typeof programmeSchema>;
export type ProgrammeStreamData = z.output<typeof programmeStreamSchema>;

// ---------------------------------------------------------------------------------------------------------
// Monitoring rounds (issue #18, item 3)

/** What a round may require the comuni to bring up to date (lib/rounds/checklist.ts). */
export const ROUND_ITEMS = ["status", "progress", "dates", "funding", "actions", "indicators"] as const;
export type RoundItem = (typeof ROUND_ITEMS)[number];

export const ROUND_MESSAGES = {
  items: "Scegli almeno un elemento da aggiornare.",
  item: "Elemento da aggiornare non valido.",
  scope: "Scegli una Smart Land valida, o «Tutti i comuni aderenti».",
  periodEnd: "La fine del periodo non può precedere l'inizio.",
  dueDate: "La scadenza non può precedere l'inizio del periodo.",
  noteRequired: "Scrivi le osservazioni per il comune: cosa deve correggere.",
  tooManyNotes: "Troppe note.",
} as const;

/** The required items as checkboxes (repeated FormData values) or a JSON array; missing → all of them. */
function roundItemList() {
  const schema = coerced(z.array(z.enum(ROUND_ITEMS)), (raw) => {
    if (raw === undefined || raw === null) return { value: [...ROUND_ITEMS] };
    const items = Array.isArray(raw) ? raw : [raw];
    const out: RoundItem[] = [];
    for (const item of items) {
      if (typeof item !== "string" || !(ROUND_ITEMS as readonly string[]).includes(item.trim()))
        return { error: ROUND_MESSAGES.item };
      if (!out.includes(item.trim() as RoundItem)) out.push(item.trim() as RoundItem);
    }
    return out.length ? { value: out } : { error: ROUND_MESSAGES.items };
  });
  arrayFieldSchemas.add(schema);
  return documented(schema, {
    schema: {
      type: "array",
      items: { type: "string", enum: [...ROUND_ITEMS] },
      minItems: 1,
      description:
        "Cosa i comuni devono aggiornare: status (stato), progress (avanzamento), dates (date effettive), funding (impegni e pagamenti), actions (stato delle azioni), indicators (valori rilevati). Assente: tutti.",
    },
    optional: true,
  });
}

/** Opening a round: title, scope (a Smart Land's slug, or empty for every member comune), period, due date. */
export const roundCreateSchema = z
  .object(
    {
      title: requiredText(3, 200),
      smartLand: textWithDefault(100),
      periodStart: nullableDate(),
      periodEnd: nullableDate(),
      dueDate: nullableDate(),
      items: roundItemList(),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    for (const key of ["periodStart", "periodEnd", "dueDate"] as const) {
      if (value[key] === null) ctx.addIssue({ code: "custom", message: MESSAGES.required, path: [key] });
    }
    if (value.smartLand && !/^[a-z0-9][a-z0-9-]{0,99}$/.test(value.smartLand))
      ctx.addIssue({ code: "custom", message: ROUND_MESSAGES.scope, path: ["smartLand"] });
    const { periodStart: start, periodEnd: end, dueDate: due } = value;
    if (start instanceof Date && end instanceof Date && end < start)
      ctx.addIssue({ code: "custom", message: ROUND_MESSAGES.periodEnd, path: ["periodEnd"] });
    if (start instanceof Date && due instanceof Date && due < start)
      ctx.addIssue({ code: "custom", message: ROUND_MESSAGES.dueDate, path: ["dueDate"] });
  });
export type RoundCreateData = z.output<typeof roundCreateSchema>;

/** A step of a round's workflow (submit, validate, close): the version the actor read. */
export const roundStepSchema = z.object({ version: version() }, { error: MESSAGES.invalidData });

/** Returning a submission: the version read, a general note (required) and notes per project. */
export const roundReturnSchema = z
  .object(
    {
      version: version(),
      note: textWithDefault(4000, { multiline: true }),
      projectNotes: z
        .array(
          z.object(
            {
              projectId: requiredUuid(MESSAGES.invalid),
              note: textWithDefault(2000, { multiline: true }),
            },
            { error: MESSAGES.invalidData },
          ),
          { error: MESSAGES.invalidData },
        )
        .max(2000, ROUND_MESSAGES.tooManyNotes)
        .default([]),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    if (!value.note) ctx.addIssue({ code: "custom", message: ROUND_MESSAGES.noteRequired, path: ["note"] });
  });
export type RoundReturnData = z.output<typeof roundReturnSchema>;

// ---------------------------------------------------------------------------------------------------------
// Helpers for forms, server actions and API handlers

/** Key under which `fieldErrorsOf` files errors that belong to no field (e.g. a body that is not an object). */
export const FORM_ERROR_KEY = "_form";

/** The messages of a ZodError by top-level field name (de-duplicated, in order). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : FORM_ERROR_KEY;
    const messages = (errors[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return errors;
}

/** Top-level fields of `schema` that FormData carries as repeated keys (e.g. `partnerIstat`). */
function arrayFieldsOf(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, field]) => arrayFieldSchemas.has(field))
    .map(([key]) => key);
}

/**
 * FormData → plain object: string values only (files are ignored, as are Next.js' `$ACTION_…` keys);
 * keys in `arrayFields` become arrays of all their values, other repeated keys keep the last value.
 */
export function formDataToObject(
  formData: FormData,
  arrayFields: readonly string[] = [],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (arrayFields.includes(key)) result[key] = values;
    else if (values.length > 0) result[key] = values[values.length - 1];
  }
  return result;
}

/**
 * Reads FormData into an object and safe-parses it with `schema`. Array fields are the schema's list
 * fields (such as `partnerIstat`) plus `options.arrayFields`.
 */
export function parseFormData<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { arrayFields?: readonly string[] } = {},
): z.ZodSafeParseResult<z.output<S>> {
  const arrayFields = [...arrayFieldsOf(schema), ...(options.arrayFields ?? [])];
  return schema.safeParse(formDataToObject(formData, arrayFields)) as z.ZodSafeParseResult<z.output<S>>;
}

// ---------------------------------------------------------------------------------------------------------
// Phases of a project (its cronoprogramma, issue #18 item 5). A row per phase; `version` 0 records a
// phase, the version read updates it. The rules that need today's date (an actual date is not in the
// future) and the whole list (each phase once) are in lib/phases, which names each problem's field as
// "<KIND>.<field>".

export const PHASE_MESSAGES = {
  kind: "Scegli una fase valida.",
  duplicate: "Ogni fase compare una volta sola.",
  actualInFuture: "La data effettiva non può essere nel futuro.",
  actualEndWithoutStart: "Indica anche la data di inizio effettivo.",
  tooMany: "Al massimo 8 fasi.",
} as const;

export const phaseRowSchema = z
  .object(
    {
      kind: enumField(
        [
          "FEASIBILITY",
          "PRELIMINARY_DESIGN",
          "FINAL_DESIGN",
          "EXECUTIVE_DESIGN",
          "AWARD",
          "CONTRACT",
          "EXECUTION",
          "TESTING",
        ] as const,
        PHASE_MESSAGES.kind,
      ),
      plannedStart: nullableDate(),
      plannedEnd: nullableDate(),
      actualStart: nullableDate(),
      actualEnd: nullableDate(),
      note: textWithDefault(2000, { multiline: true }),
      version: intField(0, MAX_VERSION, MESSAGES.version, 0),
    },
    { error: MESSAGES.invalidData },
  )
  .superRefine((value, ctx) => {
    checkEndNotBeforeStart(value, ctx, "plannedStart", "plannedEnd");
    checkEndNotBeforeStart(value, ctx, "actualStart", "actualEnd");
    if (value.actualEnd instanceof Date && value.actualStart === null) {
      ctx.addIssue({ code: "custom", message: PHASE_MESSAGES.actualEndWithoutStart, path: ["actualStart"] });
    }
  }, whenObject);

export type PhaseRowData = z.output<typeof phaseRowSchema>;

/**
 * The body of PUT /api/v1/projects/{id}/phases and of the phases form: the phases to record or change
 * (phases not listed stay as they are; a listed phase with no date and no note is removed). lib/phases
 * checks the envelope with `phasesEnvelopeSchema`, then each row, so a message names its phase.
 */
export const projectPhasesSchema = z.object(
  { phases: z.array(phaseRowSchema, { error: MESSAGES.invalidData }).max(8, PHASE_MESSAGES.tooMany) },
  { error: MESSAGES.invalidData },
);
export const phasesEnvelopeSchema = z.object(
  { phases: z.array(z.unknown(), { error: MESSAGES.invalidData }).max(8, PHASE_MESSAGES.tooMany) },
  { error: MESSAGES.invalidData },
);
