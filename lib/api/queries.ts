// Query strings and path parameters of the API, as zod schemas. The routes parse with them (invalid
// values → 422 problem+json with a message per parameter) and the OpenAPI document lists their fields as
// the operation's parameters, with these descriptions.
//
// Query parameters are Italian words in lower case, joined by "_" when there are two (`anno_da`,
// `per_pagina`, `smart_land`), like the portal's own URLs (/regione?filone=…). The API's first clients used
// a few other spellings; they stay accepted as deprecated aliases (QUERY_ALIASES), listed in the document
// next to the name they stand for. When a request carries both, the Italian name wins.
import * as z from "zod";
import { AppError } from "@/lib/errors";
import { FUNDING_SOURCES, HEALTHS, PROJECT_STATUSES, THEMES } from "@/lib/format";
import type { FundingSource, Health, ProjectStatus, Theme } from "@/lib/generated/prisma/enums";
import { PROJECT_SORTS, type ProjectListQuery } from "@/lib/projects/list-projects";
import { EXPORT_TABLES } from "@/lib/rollup/export";
import type { RollupFilters } from "@/lib/rollup/filters";
import type { BoardFilters } from "@/lib/rounds/board";
import { SUBMISSION_STATUSES } from "@/lib/format/rounds";
import { MAX_PAGE } from "@/lib/http/search-params";
import { fieldErrorsOf } from "@/lib/validation/schemas";
import { described, inp, requestSchemas } from "./json-schema";

export const MAX_PAGE_SIZE = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The Italian name of a parameter → the older spelling the API still accepts for it. */
export const QUERY_ALIASES = {
  pagina: "page",
  per_pagina: "pageSize",
  smart_land: "smartland",
  versione: "version",
  anteprima: "dryRun",
} as const;
type Aliased = keyof typeof QUERY_ALIASES;

/**
 * A parameter with its deprecated alias: two optional fields validated alike (so an error names the
 * parameter the client sent). `build` makes a fresh schema for each; `fallback` is documented as the
 * default and applied by the schema's transform (see `aliasedValue`), after the alias is considered.
 */
function aliased<N extends Aliased, S extends z.ZodType>(
  name: N,
  build: () => S,
  description: string,
  fallback?: z.output<S>,
) {
  const alias = QUERY_ALIASES[name];
  return {
    [name]: described(requestSchemas, build(), {
      description,
      ...(fallback === undefined ? {} : { default: fallback }),
    }).optional(),
    [alias]: described(requestSchemas, build(), {
      description: `Nome precedente di \`${name}\`, ancora accettato.`,
      deprecated: true,
    }).optional(),
  } as { [K in N | (typeof QUERY_ALIASES)[N]]: z.ZodOptional<S> };
}

/** The value of an aliased parameter: the Italian name's, else the alias's. */
function aliasedValue<N extends Aliased, Q extends { [K in N]?: unknown }>(q: Q, name: N): Q[N] {
  return (q[name] ?? (q as Record<string, unknown>)[QUERY_ALIASES[name]]) as Q[N];
}

const enumOf = <T extends string>(values: readonly T[], message: string) =>
  z.enum(values as [T, ...T[]], { error: message });
const flagSchema = () =>
  z
    .enum(["true", "false", "1", "0"], { error: "Usa true o false." })
    .transform((v) => v === "true" || v === "1");
const flag = (description: string) => inp(flagSchema(), description);
const DEFAULT_PAGE_SIZE = 25;
const pageFields = () => ({
  ...aliased(
    "pagina",
    () =>
      z.coerce
        .number({ error: "Pagina non valida." })
        .int("Pagina non valida.")
        .min(1, "Pagina non valida.")
        .max(MAX_PAGE, "Pagina non valida."),
    "Pagina da restituire (da 1).",
    1,
  ),
  ...aliased(
    "per_pagina",
    () =>
      z.coerce
        .number({ error: `Indica un numero da 1 a ${MAX_PAGE_SIZE}.` })
        .int(`Indica un numero da 1 a ${MAX_PAGE_SIZE}.`)
        .min(1, `Indica un numero da 1 a ${MAX_PAGE_SIZE}.`)
        .max(MAX_PAGE_SIZE, `Indica un numero da 1 a ${MAX_PAGE_SIZE}.`),
    `Elementi per pagina (al massimo ${MAX_PAGE_SIZE}).`,
    DEFAULT_PAGE_SIZE,
  ),
});
type PageFields = { pagina?: number; page?: number; per_pagina?: number; pageSize?: number };
const pageOf = (q: PageFields) => ({
  page: aliasedValue(q, "pagina") ?? 1,
  pageSize: aliasedValue(q, "per_pagina") ?? DEFAULT_PAGE_SIZE,
});
const smartLandSlug = (message: string) => () => z.string().regex(SLUG, message);
const dir = () =>
  inp(enumOf(["asc", "desc"] as const, "Usa asc o desc."), "Verso dell'ordinamento.").optional();
const search = (description: string) =>
  inp(
    z
      .string()
      .trim()
      .min(1, "Scrivi almeno un carattere.")
      .max(100, "Al massimo 100 caratteri.")
      // PostgreSQL refuses NUL in text; no control character belongs in a search.
      .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, "Contiene caratteri non ammessi."),
    description,
  );
const year = (description: string) =>
  inp(
    z.coerce
      .number({ error: "Inserisci un anno tra il 1990 e il 2100." })
      .int("Inserisci un anno tra il 1990 e il 2100.")
      .min(1990, "Inserisci un anno tra il 1990 e il 2100.")
      .max(2100, "Inserisci un anno tra il 1990 e il 2100."),
    description,
  );

/** Parses the query string of `request` with `schema`; invalid → INVALID with a message per parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new AppError("INVALID", "Alcuni parametri non sono validi.", fieldErrorsOf(result.error));
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------------------
// Path parameters (documentation; lib/ answers 404 for anything that names nothing the actor may see)

export const pathParams = {
  istat: inp(z.string().regex(/^[0-9]{6}$/), "Codice ISTAT del comune (6 cifre), ad esempio 015192."),
  slug: inp(z.string().regex(SLUG), "Identificativo della Smart Land nell'URL, ad esempio sud-est-milano."),
  id: inp(z.guid(), "Identificativo (UUID)."),
  childId: inp(z.guid(), "Identificativo del record (UUID)."),
  stream: inp(
    z.string().regex(/^[A-Za-z0-9._-]{1,16}$/),
    "Codice del filone di intervento, ad esempio SL-02.",
  ),
  documentId: inp(z.guid(), "Identificativo del documento (UUID)."),
} as const;

// ---------------------------------------------------------------------------------------------------------
// Milestones (issue #18, phases)

export const milestonesQuerySchema = z
  .object({
    vista: inp(
      enumOf(["in_ritardo", "in_scadenza"] as const, "Usa in_ritardo o in_scadenza."),
      "in_ritardo (predefinita): fine prevista passata senza fine effettiva; in_scadenza: fine prevista entro `giorni` giorni.",
    ).optional(),
    giorni: inp(
      enumOf(["30", "60", "90"] as const, "Usa 30, 60 o 90."),
      "Finestra delle scadenze in giorni (predefinita 30).",
    ).optional(),
    comune: inp(
      z.string().regex(/^[0-9]{6}$/, "Codice ISTAT non valido: deve avere 6 cifre."),
      "Solo un comune (codice ISTAT).",
    ).optional(),
    filone: inp(
      z.guid({ error: "Scegli un filone valido (UUID)." }),
      "Filone di intervento (id).",
    ).optional(),
    ...pageFields(),
  })
  .transform((q) => ({
    view: q.vista === "in_scadenza" ? ("due" as const) : ("late" as const),
    days: (q.giorni ? Number(q.giorni) : 30) as 30 | 60 | 90,
    comune: q.comune,
    streamId: q.filone,
    ...pageOf(q),
  }));

// ---------------------------------------------------------------------------------------------------------
// Documents (issue #18)

export const documentsQuerySchema = z
  .object({
    azione: inp(
      z.guid({ error: "Azione non valida." }),
      "Un'azione dell'intervento: i suoi documenti invece di quelli dell'intervento.",
    ).optional(),
  })
  .transform((q) => ({ action: q.azione }));

export const documentDeleteQuerySchema = z
  .object(
    aliased(
      "versione",
      () =>
        z.coerce
          .number({ error: "Versione non valida." })
          .int("Versione non valida.")
          .min(1, "Versione non valida."),
      "La `version` letta: se nel frattempo il documento è cambiato la richiesta è rifiutata con 409.",
    ),
  )
  .transform((q) => ({ version: aliasedValue(q, "versione") }));

// ---------------------------------------------------------------------------------------------------------
// Catalog

export const COMUNE_SORTS = ["nome", "istat", "popolazione"] as const;

export const comuniQuerySchema = z
  .object({
    provincia: inp(
      z
        .string()
        .trim()
        .regex(/^([0-9]{3}|[A-Za-z]{2})$/, "Indica il codice ISTAT (3 cifre) o la sigla della provincia.")
        .transform((v) => v.toUpperCase()),
      "Provincia: codice ISTAT a 3 cifre (015) o sigla (MI).",
    ).optional(),
    membro: flag("true: solo i comuni aderenti al programma; false: solo i non aderenti.").optional(),
    q: search("Cerca nel nome del comune (anche parte del nome) o all'inizio del codice ISTAT.").optional(),
    ...aliased(
      "smart_land",
      smartLandSlug("Indica lo slug di una Smart Land, ad esempio sud-est-milano."),
      "Solo i comuni di questa Smart Land (slug).",
    ),
    ordina: inp(
      enumOf(COMUNE_SORTS, "Ordina per nome, istat o popolazione."),
      "Ordinamento: nome (predefinito), istat o popolazione; a parità, per codice ISTAT.",
    ).optional(),
    verso: dir(),
    ...pageFields(),
  })
  .transform((q) => ({
    province: q.provincia,
    member: q.membro,
    q: q.q,
    smartLand: aliasedValue(q, "smart_land"),
    sort: q.ordina,
    dir: q.verso,
    ...pageOf(q),
  }));
export type ComuniQuery = z.output<typeof comuniQuerySchema>;

/** The coordinator's adherence matrix: all years, or one. */
export const adherenceMatrixQuerySchema = z.object({
  anno: year("Dotazione e risorse di quell'anno soltanto. Senza il parametro: tutti gli anni.").optional(),
});

/** The programme's plan vs adhered vs registered vs secured: all years or one; a comune's drill-down. */
export const planVsActualQuerySchema = z.object({
  anno: year("Le cifre di quell'anno soltanto. Senza il parametro: tutti gli anni.").optional(),
  comune: inp(
    z.string().regex(/^[0-9]{6}$/, { error: "Codice ISTAT non valido: 6 cifre." }),
    "Un comune membro (codice ISTAT): il dettaglio per filone e anno.",
  ).optional(),
});

export const streamsQuerySchema = z.object({
  archiviati: flag(
    "true: solo i filoni archiviati; false: solo quelli attivi. Senza il parametro: tutti.",
  ).optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Projects

export const projectsQuerySchema = z
  .object({
    comune: inp(
      z.string().regex(/^[0-9]{6}$/, "Codice ISTAT non valido: deve avere 6 cifre, ad esempio 015192."),
      "Solo gli interventi di questo comune (codice ISTAT); vedi anche `ambito`.",
    ).optional(),
    ambito: inp(
      enumOf(["own", "partner", "all"] as const, "Usa own, partner o all."),
      "Con `comune`: own = di cui è titolare, partner = di cui è partner, all = entrambi (predefinito).",
    ).optional(),
    q: search("Cerca nel titolo e nel codice locale, o all'inizio del CUP.").optional(),
    filone: inp(
      z.guid({ error: "Scegli un filone valido (UUID)." }),
      "Filone di intervento (id).",
    ).optional(),
    stato: inp(enumOf<ProjectStatus>(PROJECT_STATUSES, "Scegli uno stato valido."), "Stato.").optional(),
    andamento: inp(enumOf<Health>(HEALTHS, "Scegli un andamento valido."), "Andamento.").optional(),
    fonte: inp(
      enumOf<FundingSource>(FUNDING_SOURCES, "Scegli una fonte valida."),
      "Solo gli interventi con almeno una risorsa di questa fonte.",
    ).optional(),
    anno: year("Solo gli interventi attivi in quell'anno (secondo le date previste).").optional(),
    eliminati: flag("true: gli interventi eliminati (ripristinabili) invece di quelli attivi.").optional(),
    ordina: inp(
      enumOf(PROJECT_SORTS, "Ordinamento non valido."),
      "Ordinamento: updatedAt (predefinito, dal più recente), title, totalCost, status, plannedStart; a parità, per id.",
    ).optional(),
    verso: dir(),
    ...pageFields(),
  })
  .transform((q): ProjectListQuery => ({
    comuneIstat: q.comune,
    scope: q.ambito ?? "all",
    q: q.q,
    streamId: q.filone,
    status: q.stato,
    health: q.andamento,
    source: q.fonte,
    year: q.anno,
    deleted: q.eliminati ?? false,
    sort: q.ordina,
    dir: q.verso,
    ...pageOf(q),
  }));

export const deleteProjectQuerySchema = z
  .object(
    aliased(
      "versione",
      () =>
        z.coerce
          .number({ error: "Versione non valida." })
          .int("Versione non valida.")
          .min(1, "Versione non valida."),
      "La `version` letta: se nel frattempo l'intervento è cambiato la richiesta è rifiutata con 409.",
    ),
  )
  .transform((q) => ({ version: aliasedValue(q, "versione") }));

// ---------------------------------------------------------------------------------------------------------
// Roll-up

const rollupFields = {
  provincia: inp(
    z.string().regex(/^[0-9]{3}$/, "Indica il codice ISTAT della provincia (3 cifre)."),
    "Provincia (codice ISTAT a 3 cifre).",
  ).optional(),
  ...aliased("smart_land", smartLandSlug("Indica lo slug di una Smart Land."), "Smart Land (slug)."),
  filone: inp(z.guid({ error: "Scegli un filone valido (UUID)." }), "Filone di intervento (id).").optional(),
  tema: inp(enumOf<Theme>(THEMES, "Scegli un tema valido."), "Tema sintetico OpenCoesione.").optional(),
  fonte: inp(
    enumOf<FundingSource>(FUNDING_SOURCES, "Scegli una fonte valida."),
    "Fonte di finanziamento.",
  ).optional(),
  stato: inp(enumOf<ProjectStatus>(PROJECT_STATUSES, "Scegli uno stato valido."), "Stato.").optional(),
  andamento: inp(enumOf<Health>(HEALTHS, "Scegli un andamento valido."), "Andamento.").optional(),
  anno_da: year("Risorse dall'anno.").optional(),
  anno_a: year("Risorse fino all'anno.").optional(),
};

type RollupFields = z.output<z.ZodObject<typeof rollupFields>>;
/** A reversed range would silently match nothing: refused on `anno_da`. */
const yearsInOrder = (q: { anno_da?: number; anno_a?: number }, ctx: z.RefinementCtx) => {
  if (q.anno_da !== undefined && q.anno_a !== undefined && q.anno_da > q.anno_a)
    ctx.addIssue({
      code: "custom",
      path: ["anno_da"],
      message: "L'anno iniziale è successivo a quello finale.",
    });
};
const toFilters = (q: RollupFields): RollupFilters => ({
  province: q.provincia,
  smartLand: aliasedValue(q, "smart_land"),
  streamId: q.filone,
  theme: q.tema,
  source: q.fonte,
  status: q.stato,
  health: q.andamento,
  yearFrom: q.anno_da,
  yearTo: q.anno_a,
});
/** Drops the filters that are not set, as lib/rollup/filters.ts does (its cache key is the JSON). */
const compact = (f: RollupFilters): RollupFilters =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as RollupFilters;

export const rollupQuerySchema = z
  .object(rollupFields)
  .superRefine(yearsInOrder)
  .transform((q) => compact(toFilters(q)));

export const rollupExportQuerySchema = z
  .object({
    ...rollupFields,
    tabella: inp(
      enumOf(EXPORT_TABLES, "Tabella non valida."),
      "Tabella da scaricare: interventi (predefinita, un intervento per riga) o una ripartizione.",
    ).default("interventi"),
    formato: inp(enumOf(["csv", "xlsx"] as const, "Usa csv o xlsx."), "Formato del file.").default("csv"),
  })
  .superRefine(yearsInOrder)
  .transform(({ tabella, formato, ...q }) => ({
    filters: compact(toFilters(q)),
    table: tabella,
    format: formato,
  }));

// ---------------------------------------------------------------------------------------------------------
// Comune export / import

export const comuneExportQuerySchema = z
  .object({
    formato: inp(enumOf(["csv", "xlsx"] as const, "Usa csv o xlsx."), "Formato del file.").default("csv"),
    modello: flag(
      "true: il modello vuoto per l'importazione (con elenchi e istruzioni nell'XLSX).",
    ).optional(),
    // The project list's filters (same names as its URL): the export holds what the filtered list shows.
    q: search(
      "Solo gli interventi con questo testo nel titolo o nel codice locale, o all'inizio del CUP.",
    ).optional(),
    filone: inp(
      z.guid({ error: "Scegli un filone valido (UUID)." }),
      "Solo gli interventi di questo filone (id).",
    ).optional(),
    stato: inp(
      enumOf<ProjectStatus>(PROJECT_STATUSES, "Scegli uno stato valido."),
      "Solo questo stato.",
    ).optional(),
    andamento: inp(
      enumOf<Health>(HEALTHS, "Scegli un andamento valido."),
      "Solo questo andamento.",
    ).optional(),
    fonte: inp(
      enumOf<FundingSource>(FUNDING_SOURCES, "Scegli una fonte valida."),
      "Solo gli interventi con almeno una risorsa di questa fonte.",
    ).optional(),
    anno: year("Solo gli interventi attivi in quell'anno (secondo le date previste).").optional(),
  })
  .transform(({ formato, modello, q, filone, stato, andamento, fonte, anno }) => ({
    formato,
    modello,
    filters: { q, streamId: filone, status: stato, health: andamento, source: fonte, year: anno },
  }));

export const importQuerySchema = z
  .object({
    ...aliased("anteprima", flagSchema, "true: solo l'anteprima, non salva nulla."),
    token: inp(
      z.string().max(200, "Token non valido."),
      "L'impronta `token` dell'anteprima: se i dati del comune sono cambiati nel frattempo la conferma risponde 409.",
    ).optional(),
    mappatura: inp(
      z.string().max(8000, "Mappatura delle colonne troppo lunga."),
      'Corrispondenza delle colonne del file con quelle del portale, come oggetto JSON: {"Titolo intervento": "Titolo", "Note": null} (null: ignora la colonna). Viene ricordata per le importazioni successive del comune.',
    ).optional(),
  })
  .transform((q) => ({ dryRun: aliasedValue(q, "anteprima"), token: q.token, mapping: q.mappatura }));

// ---------------------------------------------------------------------------------------------------------
// Monitoring rounds (issue #18): the coordinator's board

export const roundExportQuerySchema = z
  .object({
    formato: inp(enumOf(["csv", "xlsx"] as const, "Usa csv o xlsx."), "Formato del file.").default("csv"),
    inclusi: inp(
      enumOf(["validati", "trasmessi"] as const, "Usa validati o trasmessi."),
      "validati (predefinito): solo gli invii validati; trasmessi: anche quelli in attesa di esame.",
    ).default("validati"),
  })
  .transform((q) => ({ format: q.formato, scope: q.inclusi }));

export const roundBoardQuerySchema = z
  .object({
    stato: inp(
      enumOf(SUBMISSION_STATUSES, "Stato non valido."),
      "Solo i comuni in questo stato: NOT_STARTED, IN_PROGRESS, SUBMITTED, RETURNED, VALIDATED.",
    ).optional(),
    ritardo: flag("true: solo i comuni in ritardo (non inviato o restituito dopo la scadenza).").optional(),
    provincia: inp(
      z
        .string()
        .trim()
        .regex(/^([0-9]{3}|[A-Za-z]{2})$/, "Indica il codice ISTAT (3 cifre) o la sigla della provincia.")
        .transform((v) => v.toUpperCase()),
      "Provincia: codice ISTAT a 3 cifre (015) o sigla (MI).",
    ).optional(),
    ...aliased(
      "smart_land",
      smartLandSlug("Indica lo slug di una Smart Land, ad esempio sud-est-milano."),
      "Solo i comuni di questa Smart Land (slug).",
    ),
    ...pageFields(),
  })
  .transform((q): BoardFilters => ({
    status: q.stato,
    late: q.ritardo,
    province: q.provincia,
    smartLand: aliasedValue(q, "smart_land"),
    ...pageOf(q),
  }));
