// The API's response bodies as zod schemas (registered in `responseSchemas`, so they become the OpenAPI
// components), and the request bodies the routes validate with (the schemas of lib/validation and
// lib/users/api-tokens, registered by reference under a component name). The compile-time checks at the end
// tie the serializers of lib/ to these schemas: a field added to a serializer and not here (or the other way
// round) fails `tsc`; the contract tests validate real responses against the generated document.
import * as z from "zod";
import { apiTokenInput, type ApiTokenSummary } from "@/lib/users/api-tokens";
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_SOURCES,
  HEALTHS,
  INDICATOR_THEMES,
  PNRR_MISSIONS,
  PROGRAMME_VALUES,
  PROJECT_STATUSES,
  THEMES,
} from "@/lib/format";
import { documentPublicInput, type serializeDocument } from "@/lib/documents/serialize";
import type { ImportReport } from "@/lib/import/import-projects";
import type { serializeProject, serializeProjectSummary } from "@/lib/projects/serialize";
import type { Rollup } from "@/lib/rollup/get-rollup";
import type { AdherenceMatrix } from "@/lib/adherence/matrix";
import type { RoundBoard } from "@/lib/rounds/board";
import type { RoundListItem, RoundView } from "@/lib/rounds/rounds";
import type { SubmissionPage } from "@/lib/rounds/submission";
import type { AdherenceAct, getComuneAdherence, LocalPlanView, PlanPage } from "@/lib/adherence/adherence";
import {
  ADHERENCE_ACT_KINDS,
  adherenceSchema,
  programmeSchema,
  localPlanSchema,
  planReturnSchema,
  planStepSchema,
  projectCreateSchema,
  ROUND_ITEMS,
  roundCreateSchema,
  roundReturnSchema,
  roundStepSchema,
  projectPhasesSchema,
  projectUpdateSchema,
} from "@/lib/validation/schemas";
import { PHASE_KINDS } from "@/lib/format/phases";
import type { MilestonePage } from "@/lib/phases/milestones";
import type { ProjectPhases } from "@/lib/phases/phases";
import { CHILD_KIND_LIST } from "./child-kinds";
import { described, out, requestSchemas, responseSchemas } from "./json-schema";

const component = <S extends z.ZodType>(id: string, schema: S, description: string) =>
  described(responseSchemas, schema, { id, description });

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const istat = () => z.string().regex(/^[0-9]{6}$/);
const uuid = () => z.uuid();
const isoDate = () => z.iso.date();
const instant = () => z.iso.datetime({ offset: true });
const money = (description: string) =>
  out(
    z.string().regex(/^-?[0-9]+\.[0-9]{2}$/),
    `${description} Importo in euro come testo con due decimali.`,
  );

export const problemSchema = component(
  "Problem",
  z.object({
    type: out(z.string(), "URI relativo del tipo di problema, ad esempio /problems/not-found."),
    title: out(z.string(), "Descrizione breve in italiano."),
    status: out(z.number().int(), "Codice di stato HTTP."),
    code: out(
      z.enum([
        "NOT_FOUND",
        "CONFLICT",
        "INVALID",
        "UNAUTHENTICATED",
        "RATE_LIMITED",
        "UNAVAILABLE",
        "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE",
        "FORBIDDEN_ORIGIN",
        "INTERNAL",
      ]),
      "Codice dell'errore, stabile per i programmi.",
    ),
    detail: out(z.string(), "Spiegazione del caso specifico.").optional(),
    errors: out(
      z.record(z.string(), z.array(z.string())),
      "Messaggi per campo (o parametro); `_form` per gli errori che non riguardano un campo.",
    ).optional(),
    report: z.lazy(() => importReportSchema).optional(),
  }),
  "Errore secondo RFC 9457 (application/problem+json). Un dato fuori dal perimetro dell'utente risponde 404, mai 403 (403 è solo la modifica partita da un altro sito).",
);

export const pageMetaSchema = component(
  "PageMeta",
  z.object({
    page: out(z.number().int().min(1), "Pagina restituita (da 1)."),
    pageSize: out(z.number().int().min(1).max(100), "Elementi per pagina."),
    total: out(z.number().int().min(0), "Elementi che soddisfano i filtri."),
    pages: out(z.number().int().min(1), "Numero di pagine (almeno 1)."),
  }),
  "Paginazione di un elenco.",
);

const list = <S extends z.ZodType>(id: string, item: S, description: string) =>
  component(id, z.object({ data: z.array(item), meta: pageMetaSchema }), description);
const single = <S extends z.ZodType>(id: string, item: S, description: string) =>
  component(id, z.object({ data: item }), description);

// ---------------------------------------------------------------------------------------------------------
// Catalog: comuni, Smart Lands, streams

const provinceSchema = component(
  "Province",
  z.object({
    istat: out(z.string().regex(/^[0-9]{3}$/), "Codice ISTAT della provincia (3 cifre)."),
    acronym: out(z.string().length(2), "Sigla, ad esempio MI."),
    name: z.string(),
  }),
  "Provincia.",
);

const smartLandRefSchema = component(
  "SmartLandRef",
  z.object({
    slug: out(z.string(), "Identificativo stabile nell'URL."),
    name: z.string(),
    phase: z.string(),
  }),
  "Riferimento a una Smart Land.",
);

export const comuneSchema = component(
  "Comune",
  z.object({
    istat: out(istat(), "Codice ISTAT del comune (6 cifre)."),
    name: z.string(),
    province: provinceSchema,
    population: out(z.number().int(), "Popolazione (censimento ISTAT 2011)."),
    member: out(z.boolean(), "Il comune aderisce al programma Smart Land."),
    memberSince: out(isoDate().nullable(), "Data di adesione (aaaa-mm-gg)."),
    smartLands: out(z.array(smartLandRefSchema), "Smart Land di cui il comune fa parte."),
  }),
  "Comune lombardo (dati di riferimento ISTAT).",
);

export const comuneDetailSchema = component(
  "ComuneDetail",
  z.object({
    istat: out(istat(), "Codice ISTAT del comune (6 cifre)."),
    name: z.string(),
    cadastralCode: out(z.string().length(4), "Codice catastale (Belfiore)."),
    province: provinceSchema,
    population: out(z.number().int(), "Popolazione (censimento ISTAT 2011)."),
    member: out(z.boolean(), "Il comune aderisce al programma Smart Land."),
    memberSince: out(isoDate().nullable(), "Data di adesione (aaaa-mm-gg)."),
    smartLands: out(
      z.array(smartLandRefSchema.extend({ lead: out(z.boolean(), "Il comune è capofila.") })),
      "Smart Land di cui il comune fa parte.",
    ),
  }),
  "Comune con i dettagli.",
);

const comuneRefSchema = component(
  "ComuneRef",
  z.object({ istat: istat(), name: z.string() }),
  "Riferimento a un comune.",
);

export const smartLandSchema = component(
  "SmartLand",
  z.object({
    id: uuid(),
    slug: out(z.string(), "Identificativo stabile nell'URL."),
    name: z.string(),
    phase: out(z.string(), "Fase, ad esempio «Fase 1»."),
    description: z.string(),
    lead: out(comuneRefSchema.nullable(), "Comune capofila."),
    memberCount: out(z.number().int().min(0), "Numero di comuni aderenti."),
  }),
  "Smart Land: aggregazione di comuni.",
);

export const smartLandDetailSchema = component(
  "SmartLandDetail",
  smartLandSchema.extend({
    members: out(
      z.array(
        comuneRefSchema.extend({
          province: out(z.string().length(2), "Sigla della provincia."),
          lead: out(z.boolean(), "Il comune è capofila."),
        }),
      ),
      "Comuni aderenti, per nome.",
    ),
  }),
  "Smart Land con i comuni aderenti e il capofila.",
);

export const streamSchema = component(
  "Stream",
  z.object({
    id: uuid(),
    code: out(z.string(), "Codice del filone, ad esempio SL-11."),
    name: z.string(),
    description: z.string(),
    theme: out(z.enum(THEMES as [string, ...string[]]), "Tema sintetico OpenCoesione."),
    pnrrMission: out(z.enum(PNRR_MISSIONS as [string, ...string[]]).nullable(), "Missione PNRR."),
    values: out(z.array(z.enum(PROGRAMME_VALUES as [string, ...string[]])), "Valori del programma."),
    archived: out(z.boolean(), "Archiviato: non si usa per nuovi interventi."),
  }),
  "Filone di intervento della tassonomia regionale.",
);

export const comuneListSchema = list("ComuneList", comuneSchema, "Pagina di comuni.");
export const comuneResponseSchema = single("ComuneResponse", comuneDetailSchema, "Un comune.");
export const smartLandListSchema = component(
  "SmartLandList",
  z.object({ data: z.array(smartLandSchema) }),
  "Tutte le Smart Land, per nome.",
);
export const smartLandResponseSchema = single("SmartLandResponse", smartLandDetailSchema, "Una Smart Land.");
export const streamListSchema = component(
  "StreamList",
  z.object({ data: z.array(streamSchema) }),
  "Filoni di intervento, per codice.",
);

// ---------------------------------------------------------------------------------------------------------
// Projects and their children

const streamRefSchema = z.object({ code: z.string(), name: z.string() });
const projectStatus = () => out(z.enum(PROJECT_STATUSES as [string, ...string[]]), "Stato dell'intervento.");
const health = () => out(z.enum(HEALTHS as [string, ...string[]]), "Andamento.");

export const fundingLineSchema = component(
  "FundingLine",
  z.object({
    id: uuid(),
    source: out(z.enum(FUNDING_SOURCES as [string, ...string[]]), "Fonte di finanziamento."),
    programme: out(z.string(), "Programma o bando."),
    year: z.number().int(),
    amountPlanned: money("Importo previsto."),
    amountCommitted: money("Importo impegnato."),
    amountPaid: money("Importo pagato."),
    version: out(z.number().int().min(1), "Versione da rimandare in PATCH e DELETE."),
  }),
  "Risorsa (riga di finanziamento) di un intervento.",
);

export const actionSchema = component(
  "Action",
  z.object({
    id: uuid(),
    title: z.string(),
    kind: out(z.enum(ACTION_KINDS as [string, ...string[]]), "Tipo di azione."),
    owner: out(z.string(), "Responsabile."),
    dueDate: out(isoDate().nullable(), "Scadenza (aaaa-mm-gg)."),
    doneDate: out(isoDate().nullable(), "Data di completamento (aaaa-mm-gg)."),
    status: out(z.enum(ACTION_STATUSES as [string, ...string[]]), "Stato dell'azione."),
    cig: out(z.string().nullable(), "Codice Identificativo di Gara."),
    version: out(z.number().int().min(1), "Versione da rimandare in PATCH e DELETE."),
  }),
  "Azione (attività) di un intervento.",
);

const decimal = (description: string) =>
  out(
    z
      .string()
      .regex(/^-?[0-9]+(\.[0-9]+)?$/)
      .nullable(),
    `${description} Numero come testo.`,
  );

export const indicatorSchema = component(
  "Indicator",
  z.object({
    id: uuid(),
    name: z.string(),
    theme: out(z.enum(INDICATOR_THEMES as [string, ...string[]]), "Tema dell'indicatore."),
    unit: out(z.string(), "Unità di misura."),
    baseline: decimal("Valore di partenza."),
    target: decimal("Obiettivo."),
    actual: decimal("Valore attuale."),
    period: out(z.string(), "Periodo di riferimento."),
    version: out(z.number().int().min(1), "Versione da rimandare in PATCH e DELETE."),
  }),
  "Indicatore di un intervento.",
);

export const projectSummarySchema = component(
  "ProjectSummary",
  z.object({
    id: uuid(),
    comuneIstat: out(istat(), "Comune titolare."),
    comune: out(z.string(), "Nome del comune titolare."),
    title: z.string(),
    cup: out(z.string().nullable(), "Codice Unico di Progetto."),
    localCode: out(z.string().nullable(), "Codice interno del comune."),
    stream: out(streamRefSchema, "Filone di intervento."),
    totalCost: money("Costo totale."),
    status: projectStatus(),
    health: health(),
    progress: out(z.number().int().min(0).max(100), "Avanzamento in percentuale."),
    plannedStart: out(isoDate().nullable(), "Inizio previsto (aaaa-mm-gg)."),
    plannedEnd: out(isoDate().nullable(), "Fine prevista (aaaa-mm-gg)."),
    version: out(z.number().int().min(1), "Versione (blocco ottimistico)."),
    updatedAt: out(instant(), "Ultima modifica (ISO 8601)."),
  }),
  "Intervento negli elenchi.",
);

export const projectSchema = component(
  "Project",
  z.object({
    id: uuid(),
    comuneIstat: out(istat(), "Comune titolare."),
    comune: out(z.string(), "Nome del comune titolare."),
    smartLand: out(
      z.object({ id: uuid(), name: z.string(), phase: z.string() }).nullable(),
      "Smart Land dell'intervento.",
    ),
    stream: out(
      z.object({ id: uuid(), code: z.string(), name: z.string(), theme: z.string() }),
      "Filone di intervento.",
    ),
    title: z.string(),
    summary: out(z.string(), "Descrizione."),
    cup: out(z.string().nullable(), "Codice Unico di Progetto."),
    localCode: out(z.string().nullable(), "Codice interno del comune."),
    totalCost: money("Costo totale."),
    plannedStart: out(isoDate().nullable(), "Inizio previsto (aaaa-mm-gg)."),
    plannedEnd: out(isoDate().nullable(), "Fine prevista (aaaa-mm-gg)."),
    actualStart: out(isoDate().nullable(), "Inizio effettivo (aaaa-mm-gg)."),
    actualEnd: out(isoDate().nullable(), "Fine effettiva (aaaa-mm-gg)."),
    status: projectStatus(),
    health: health(),
    progress: out(z.number().int().min(0).max(100), "Avanzamento in percentuale."),
    version: out(z.number().int().min(1), "Versione da rimandare in PATCH (blocco ottimistico)."),
    partners: out(z.array(comuneRefSchema), "Comuni partner (leggono l'intervento, non lo modificano)."),
    fundingLines: out(z.array(fundingLineSchema), "Risorse."),
    actions: out(z.array(actionSchema), "Azioni."),
    indicators: out(z.array(indicatorSchema), "Indicatori."),
    access: out(
      z.object({
        canWrite: out(z.boolean(), "L'utente può modificare l'intervento."),
        isPartner: out(z.boolean(), "L'utente legge l'intervento come comune partner."),
      }),
      "Cosa può fare l'utente che chiede.",
    ),
  }),
  "Intervento con risorse, azioni e indicatori.",
);

export const projectListSchema = list("ProjectList", projectSummarySchema, "Pagina di interventi.");
export const projectResponseSchema = single("ProjectResponse", projectSchema, "Un intervento.");
export const fundingLineListSchema = component(
  "FundingLineList",
  z.object({ data: z.array(fundingLineSchema) }),
  "Risorse di un intervento (per anno e fonte).",
);
export const fundingLineResponseSchema = single("FundingLineResponse", fundingLineSchema, "Una risorsa.");
export const actionListSchema = component(
  "ActionList",
  z.object({ data: z.array(actionSchema) }),
  "Azioni di un intervento (per scadenza).",
);
export const actionResponseSchema = single("ActionResponse", actionSchema, "Un'azione.");
export const indicatorListSchema = component(
  "IndicatorList",
  z.object({ data: z.array(indicatorSchema) }),
  "Indicatori di un intervento.",
);
export const indicatorResponseSchema = single("IndicatorResponse", indicatorSchema, "Un indicatore.");

// ---------------------------------------------------------------------------------------------------------
// Roll-up

const totals = {
  projects: out(z.number().int(), "Numero di interventi."),
  totalCost: money("Costo totale."),
  secured: money("Risorse previste (tutte le fonti e gli anni)."),
  gap: money("Fabbisogno scoperto: costo totale meno risorse previste."),
  overdue: out(z.number().int(), "Azioni scadute e non completate."),
};
const moneyTotals = {
  planned: money("Previsto."),
  committed: money("Impegnato."),
  paid: money("Pagato."),
};
const groupSchema = component(
  "RollupGroup",
  z.object({ key: z.string(), name: z.string(), ...totals, ...moneyTotals }),
  "Una riga di una ripartizione del quadro regionale.",
);

export const rollupSchema = component(
  "RollupResponse",
  z.object({
    data: z.object({
      filters: out(
        z.object({
          province: z.string().optional(),
          smartLand: z.string().optional(),
          streamId: z.string().optional(),
          theme: z.string().optional(),
          source: z.string().optional(),
          status: z.string().optional(),
          health: z.string().optional(),
          yearFrom: z.number().int().optional(),
          yearTo: z.number().int().optional(),
        }),
        "Filtri applicati.",
      ),
      refreshedAt: out(
        instant(),
        "Istante in cui le cifre, aggiornate in tempo reale, sono state calcolate (ISO 8601).",
      ),
      totals: z.object({ ...totals, ...moneyTotals, comuni: out(z.number().int(), "Comuni coinvolti.") }),
      byStream: z.array(groupSchema),
      byTheme: z.array(groupSchema),
      byProvince: z.array(groupSchema),
      bySmartLand: z.array(groupSchema),
      bySource: z.array(z.object({ key: z.string(), ...moneyTotals })),
      byYear: z.array(z.object({ year: z.number().int(), ...moneyTotals })),
      byComune: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          province: z.string(),
          population: z.number().int(),
          ...totals,
          ...moneyTotals,
        }),
      ),
    }),
  }),
  "Quadro regionale: totali e ripartizioni per filone, tema, provincia, Smart Land, fonte, anno e comune.",
);

// ---------------------------------------------------------------------------------------------------------
// Import report, API tokens

const rowIssueSchema = z.object({
  row: out(z.number().int(), "Numero di riga nel file."),
  column: out(z.string(), "Colonna."),
  message: out(z.string(), "Messaggio in italiano."),
  value: out(z.string().nullable(), "Testo della cella (al massimo 80 caratteri); null se vuota."),
});
const rowChangeSchema = z.object({
  row: out(z.number().int(), "Numero di riga nel file."),
  kind: out(
    z.enum(["project", "fundingLine", "action", "indicator", "partner"]),
    "Intervento, risorsa, azione, indicatore o comune partner.",
  ),
  outcome: out(z.enum(["create", "update", "unchanged"]), "Nuovo, modificato o invariato."),
  record: out(z.string(), "Il record: CUP o codice locale dell'intervento e titolo."),
  changes: out(
    z.array(
      z.object({
        field: out(z.string(), "Colonna del file."),
        before: out(z.string(), "Valore salvato, formattato in italiano."),
        after: out(z.string(), "Valore del file, formattato in italiano."),
      }),
    ),
    "Per una modifica: i campi che cambiano.",
  ),
});
const counts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

export const importReportSchema = component(
  "ImportReport",
  z.object({
    fileName: z.string(),
    format: z.enum(["csv", "xlsx"]),
    encoding: z.enum(["UTF-8", "UTF-16", "Windows-1252"]).nullable(),
    separator: z.string().nullable(),
    rows: out(z.number().int(), "Righe di dati lette."),
    projects: counts,
    fundingLines: counts,
    actions: counts,
    indicators: counts,
    partners: out(counts, "Comuni partner: aggiunti o già presenti (mai modificati)."),
    errorRows: out(z.number().int(), "Righe con almeno un errore."),
    errorCount: z.number().int(),
    errors: out(z.array(rowIssueSchema), "Errori (al massimo 1.000)."),
    warnings: z.array(rowIssueSchema),
    changes: out(
      z.array(rowChangeSchema),
      "Esito di ogni riga valida (al massimo 1.000: prima le modifiche, poi i nuovi, poi gli invariati).",
    ),
    changesOmitted: out(z.number().int(), "Righe non elencate in `changes`."),
    ok: out(z.boolean(), "Nessun errore: il file si può importare."),
    token: out(z.string().nullable(), "Impronta delle modifiche: rimandala alla conferma."),
    committed: out(z.boolean(), "Le modifiche sono state salvate."),
    columns: out(
      z.array(
        z.object({
          header: z.string(),
          column: z.string().nullable(),
          source: z.enum(["template", "chosen", "remembered", "synonym", "unknown"]),
        }),
      ),
      "Ogni intestazione del file con la colonna del portale a cui corrisponde (null: ignorata o sconosciuta) e perché: colonna del modello (template), scelta con `mappatura` (chosen), ricordata dalle importazioni precedenti del comune (remembered), sinonimo riconosciuto (synonym), sconosciuta (unknown).",
    ),
    missingColumns: out(
      z.array(z.string()),
      "Colonne del portale assenti dal file: i nuovi record prendono i valori predefiniti, gli aggiornamenti mantengono i valori salvati.",
    ),
    mappingNeeded: out(
      z.boolean(),
      "Alcune colonne sono sconosciute (o manca sia il CUP sia il codice locale): indica la corrispondenza con `mappatura`; le righe non sono state lette.",
    ),
  }),
  "Resoconto di un'importazione (anteprima o conferma).",
);

export const apiTokenSchema = component(
  "ApiToken",
  z.object({
    id: uuid(),
    name: z.string(),
    prefix: out(z.string(), "Prime lettere del token, per riconoscerlo."),
    createdAt: instant(),
    expiresAt: out(
      instant(),
      "Scadenza (scelta alla creazione, al più 365 giorni): da quel momento è rifiutato.",
    ),
    lastUsedAt: out(instant().nullable(), "Ultimo uso (aggiornato al più una volta al minuto)."),
    revokedAt: out(instant().nullable(), "Revoca: da quel momento il token è rifiutato."),
    revokedReason: out(
      z.enum(["USER", "ADMIN", "PASSWORD", "ROLE", "DEACTIVATED", "COMUNE_SUSPENDED", "SESSION"]).nullable(),
      "Perché è stato revocato: dall'utente (USER), da un amministratore (ADMIN), o con la fine delle sessioni dell'utente per cambio password (PASSWORD), di ruolo o comune (ROLE), disattivazione (DEACTIVATED), sospensione del comune (COMUNE_SUSPENDED) o altro (SESSION).",
    ),
  }),
  "Token personale (mai il segreto).",
);
export const apiTokenListSchema = component(
  "ApiTokenList",
  z.object({ items: z.array(apiTokenSchema) }),
  "I tuoi token.",
);
export const apiTokenCreatedSchema = component(
  "ApiTokenCreated",
  apiTokenSchema.extend({
    token: out(
      z.string().regex(/^slt_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/),
      "Il token in chiaro: mostrato solo ora.",
    ),
  }),
  "Token appena creato, con il segreto.",
);

// ---------------------------------------------------------------------------------------------------------
// Documents (issue #18)

export const documentSchema = component(
  "Document",
  z.object({
    id: uuid(),
    ownerKind: out(
      z.enum(["PROJECT", "ACTION", "ADHERENCE", "ROUND_SUBMISSION"]),
      "A cosa è allegato: l'intervento (PROJECT), una sua azione (ACTION), un atto di adesione (ADHERENCE) o la trasmissione di un comune a una rilevazione (ROUND_SUBMISSION).",
    ),
    ownerId: out(uuid(), "L'intervento o l'azione."),
    projectId: out(uuid().nullable(), "L'intervento a cui appartiene."),
    fileName: out(
      z.string(),
      "Nome del file come caricato, ripulito; l'estensione è quella del tipo riconosciuto dal contenuto.",
    ),
    mediaType: out(z.string(), "Tipo riconosciuto dal contenuto del file (mai dal nome)."),
    size: out(z.number().int(), "Dimensione in byte (al massimo 20 MB)."),
    sha256: out(z.string().regex(/^[0-9a-f]{64}$/), "Impronta SHA-256 del contenuto."),
    public: out(z.boolean(), "Pubblico: compare sulla pagina pubblica dell'intervento, se pubblicato."),
    uploadedBy: out(z.string(), "Chi l'ha caricato."),
    createdAt: instant(),
    version: out(z.number().int(), "Versione, per le modifiche (blocco ottimistico)."),
  }),
  "Documento allegato (senza il contenuto: si scarica con GET …/documents/{documentId}).",
);
export const documentListSchema = component(
  "DocumentList",
  z.object({ data: z.array(documentSchema) }),
  "I documenti, dal più recente.",
);
export const documentResponseSchema = component(
  "DocumentResponse",
  z.object({ data: documentSchema }),
  "Un documento.",
);

// ---------------------------------------------------------------------------------------------------------
// Request bodies: the very schemas the routes validate with.

// ---------------------------------------------------------------------------------------------------------
// Adherence and local plans (issue #18)

const PLAN_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "RETURNED"] as const;
const planStatus = () =>
  out(
    z.enum(PLAN_STATUSES),
    "Stato del piano: DRAFT (bozza), SUBMITTED (inviato), APPROVED, RETURNED (restituito).",
  );

export const adherenceActSchema = component(
  "AdherenceAct",
  z.object({
    id: uuid(),
    actKind: out(
      z.enum(ADHERENCE_ACT_KINDS),
      "Tipo di atto: protocollo d'intesa, delibera di giunta o di consiglio.",
    ),
    actNumber: out(z.string(), "Numero dell'atto."),
    actDate: out(isoDate(), "Data dell'atto."),
    note: z.string(),
    version: out(z.number().int().min(1), "Versione per il blocco ottimistico."),
  }),
  "Atto di adesione di un comune a una Smart Land.",
);

export const comuneAdherenceSchema = single(
  "ComuneAdherence",
  z.object({
    comune: comuneRefSchema,
    smartLands: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        phase: z.string(),
        act: adherenceActSchema.nullable(),
        streams: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            plan: z
              .object({
                status: planStatus(),
                revision: z.number().int().min(1),
                envelope: money("Dotazione prevista, somma degli anni."),
              })
              .nullable(),
          }),
        ),
      }),
    ),
  }),
  "Le Smart Land del comune con l'atto di adesione e i piani per filone.",
);
export const adherenceActResponseSchema = single(
  "AdherenceActResponse",
  adherenceActSchema,
  "L'atto di adesione.",
);

export const localPlanSchemaOut = component(
  "LocalPlan",
  z.object({
    id: uuid(),
    status: planStatus(),
    revision: out(z.number().int().min(1), "Versione del piano (una nuova a ogni modifica dopo un esito)."),
    version: out(z.number().int().min(1), "Versione per il blocco ottimistico."),
    objectives: z.string(),
    envelope: out(
      z.array(z.object({ year: z.number().int(), amount: money("Dotazione dell'anno.") })),
      "Dotazione prevista per anno.",
    ),
    indicators: z.array(
      z.object({
        name: z.string(),
        unit: z.string(),
        baseline: z.string().nullable(),
        target: z.string().nullable(),
        year: z.number().int(),
      }),
    ),
    contactName: out(z.string(), "Referente dell'ufficio (dato personale: mai pubblico)."),
    contactRole: z.string(),
    contactEmail: z.string(),
    updatedAt: instant(),
  }),
  "Piano locale di un comune per un filone di una Smart Land.",
);
export const localPlanResponseSchema = single("LocalPlanResponse", localPlanSchemaOut, "Il piano locale.");

export const localPlanPageSchema = single(
  "LocalPlanPage",
  z.object({
    comune: comuneRefSchema,
    smartLand: z.object({ slug: z.string(), name: z.string() }),
    stream: z.object({ code: z.string(), name: z.string() }),
    act: adherenceActSchema.nullable(),
    plan: localPlanSchemaOut.nullable(),
    history: out(
      z.array(
        z.object({
          revision: z.number().int(),
          kind: z.enum(["SUBMITTED", "APPROVED", "RETURNED"]),
          comment: z.string(),
          actorName: z.string(),
          createdAt: instant(),
        }),
      ),
      "Invii ed esiti, dal più vecchio.",
    ),
  }),
  "Il piano con l'atto di adesione e la sua storia (null prima del primo salvataggio).",
);

const matrixTotalSchema = z.object({
  adhered: z.number().int(),
  envelope: money("Dotazione prevista."),
  projects: z.number().int(),
  secured: money("Risorse previste sugli interventi."),
  gap: money("Dotazione meno risorse."),
});

export const adherenceMatrixSchema = single(
  "AdherenceMatrix",
  z.object({
    smartLand: z.object({ slug: z.string(), name: z.string() }),
    year: out(z.number().int().nullable(), "L'anno scelto, o null per tutti gli anni."),
    streams: z.array(z.object({ code: z.string(), name: z.string() })),
    comuni: z.array(
      z.object({
        istat: istat(),
        name: z.string(),
        act: z.object({ actKind: z.enum(ADHERENCE_ACT_KINDS), actDate: isoDate() }).nullable(),
        cells: z.array(
          z.object({
            comuneIstat: istat(),
            streamCode: z.string(),
            status: planStatus().nullable(),
            envelope: money("Dotazione prevista."),
            projects: out(z.number().int(), "Interventi attivi del comune su quel filone."),
            secured: money("Risorse previste sugli interventi."),
            gap: money("Dotazione meno risorse."),
          }),
        ),
        total: matrixTotalSchema,
      }),
    ),
    columnTotals: z.array(matrixTotalSchema),
    total: matrixTotalSchema,
    programme: out(
      z.object({
        byStream: z.array(money("Dotazione del piano di programma sul filone.")),
        total: money("Dotazione del piano di programma."),
      }),
      "Il piano di programma del coordinatore, per filone nell'ordine di `streams` (tutte le fasi).",
    ),
  }),
  "Matrice comuni × filoni di una Smart Land.",
);

// ---------------------------------------------------------------------------------------------------------
// The programme plan (issue #18, item 2)

const targetOut = z.object({
  name: z.string(),
  unit: z.string(),
  baseline: z.string().nullable(),
  target: z.string().nullable(),
  year: z.number().int(),
});

export const programmeOutSchema = single(
  "Programme",
  z.object({
    smartLand: z.object({ slug: z.string(), name: z.string(), phase: z.string() }),
    canEdit: out(z.boolean(), "Se chi chiede può modificare il piano (coordinatori)."),
    version: out(z.number().int().min(0), "Versione per il blocco ottimistico (0: mai salvato)."),
    updatedAt: instant().nullable(),
    phases: z.array(
      z.object({
        ordinal: z.number().int(),
        name: z.string(),
        startYear: z.number().int().nullable(),
        endYear: z.number().int().nullable(),
        streams: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            envelope: z.array(z.object({ year: z.number().int(), amount: money("Dotazione dell'anno.") })),
            total: money("Dotazione del filone nella fase."),
            targets: z.array(targetOut),
          }),
        ),
        total: money("Dotazione della fase."),
      }),
    ),
    total: money("Dotazione del programma."),
    streams: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  "Il piano di programma di una Smart Land.",
);

const figures = z.object({
  plan: money("Piano: dotazione del programma."),
  adheredApproved: money("Adesioni: dotazione dei piani locali approvati."),
  adheredSubmitted: money("Dotazione dei piani locali inviati, in attesa di esame."),
  registered: money("Registrato: risorse previste sugli interventi."),
  secured: money("Finanziato: risorse impegnate sugli interventi."),
});
const yearFigures = figures.extend({ year: z.number().int().nullable() });

export const planVsActualSchema = single(
  "PlanVsActual",
  z.object({
    smartLand: z.object({ slug: z.string(), name: z.string(), phase: z.string() }),
    year: z.number().int().nullable(),
    years: z.array(z.number().int()),
    scope: out(z.enum(["all", "own"]), "own: un referente vede per comune solo il proprio."),
    byStream: z.array(
      z.object({ code: z.string(), name: z.string(), years: z.array(yearFigures), total: figures }),
    ),
    byYear: z.array(yearFigures),
    total: figures,
    comuni: z.array(
      z.object({
        istat: istat(),
        name: z.string(),
        streams: z.array(figures.extend({ code: z.string() })),
        total: figures,
      }),
    ),
    comune: z
      .object({
        istat: istat(),
        name: z.string(),
        streams: z.array(z.object({ code: z.string(), name: z.string(), years: z.array(yearFigures) })),
      })
      .nullable(),
  }),
  "Piano vs adesioni vs registrato vs finanziato di una Smart Land.",
);

// ---------------------------------------------------------------------------------------------------------
// Monitoring rounds (issue #18, item 3)

const submissionStatus = () =>
  out(
    z.enum(["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "RETURNED", "VALIDATED"]),
    "Stato dell'invio del comune: NOT_STARTED (non avviato), IN_PROGRESS (in corso), SUBMITTED (inviato), RETURNED (restituito), VALIDATED (validato).",
  );
const roundCountsSchema = z.object({
  total: z.number().int(),
  late: out(z.number().int(), "Comuni in ritardo: non inviato o restituito dopo la scadenza."),
  NOT_STARTED: z.number().int(),
  IN_PROGRESS: z.number().int(),
  SUBMITTED: z.number().int(),
  RETURNED: z.number().int(),
  VALIDATED: z.number().int(),
});

export const roundSchemaOut = component(
  "MonitoringRound",
  z.object({
    id: uuid(),
    title: z.string(),
    smartLand: out(
      z.object({ slug: z.string(), name: z.string() }).nullable(),
      "La Smart Land della rilevazione, o null: tutti i comuni aderenti alle Smart Land.",
    ),
    periodStart: out(isoDate(), "Inizio del periodo di riferimento."),
    periodEnd: out(isoDate(), "Fine del periodo di riferimento."),
    dueDate: out(isoDate(), "Scadenza (giorno di calendario, ora di Roma)."),
    items: out(
      z.array(z.enum(ROUND_ITEMS)),
      "Cosa va aggiornato: status, progress, dates, funding, actions, indicators.",
    ),
    state: out(
      z.enum(["DRAFT", "OPEN", "CLOSED"]),
      "DRAFT (in preparazione), OPEN (aperta), CLOSED (chiusa).",
    ),
    version: out(z.number().int().min(1), "Versione per il blocco ottimistico."),
    openedAt: instant().nullable(),
    closedAt: instant().nullable(),
  }),
  "Rilevazione di monitoraggio (ciclo di monitoraggio).",
);

const roundListItemSchema = roundSchemaOut.extend({
  counts: out(
    roundCountsSchema.nullable(),
    "Comuni per stato (coordinatori e amministratori; null per i referenti).",
  ),
  own: out(
    z
      .object({
        status: submissionStatus(),
        submittedAt: instant().nullable(),
        daysLate: z.number().int().min(0),
      })
      .nullable(),
    "L'invio del proprio comune (referenti; null per gli altri).",
  ),
});

export const roundListSchema = single("RoundList", z.array(roundListItemSchema), "Le rilevazioni.");
export const roundItemResponseSchema = single(
  "RoundDetail",
  roundListItemSchema,
  "Una rilevazione con i conteggi.",
);
export const roundOpenedSchema = single(
  "RoundOpened",
  roundSchemaOut.extend({ comuni: out(z.number().int().min(1), "Comuni coinvolti (un invio ciascuno).") }),
  "La rilevazione aperta.",
);
export const roundResponseSchema = single("RoundResponse", roundSchemaOut, "La rilevazione.");

export const roundBoardSchema = component(
  "RoundBoard",
  z.object({
    data: z.object({
      round: roundSchemaOut,
      counts: roundCountsSchema,
      comuni: z.array(
        z.object({
          istat: istat(),
          name: z.string(),
          province: out(z.string(), "Sigla della provincia."),
          status: submissionStatus(),
          revision: out(z.number().int().min(0), "Invii fatti (0: nessuno)."),
          submittedAt: instant().nullable(),
          validatedAt: instant().nullable(),
          daysLate: out(z.number().int().min(0), "Giorni di ritardo (0 se in tempo o già inviato)."),
        }),
      ),
    }),
    meta: pageMetaSchema,
  }),
  "Il quadro della rilevazione: per comune stato, date e ritardo; conteggi per stato.",
);

export const roundSubmissionSchemaOut = component(
  "RoundSubmission",
  z.object({
    id: uuid(),
    status: submissionStatus(),
    revision: out(z.number().int().min(0), "Numero dell'invio corrente (0: mai inviato)."),
    version: out(z.number().int().min(1), "Versione per il blocco ottimistico."),
    note: out(z.string(), "Nota generale del coordinatore all'ultima restituzione."),
    startedAt: instant().nullable(),
    submittedAt: instant().nullable(),
    returnedAt: instant().nullable(),
    validatedAt: instant().nullable(),
    daysLate: out(z.number().int().min(0), "Giorni di ritardo (0 se in tempo o già inviato)."),
  }),
  "L'invio di un comune per una rilevazione.",
);
export const roundSubmissionResponseSchema = single(
  "RoundSubmissionResponse",
  roundSubmissionSchemaOut,
  "L'invio.",
);

const checkSchema = z.object({
  item: z.enum(ROUND_ITEMS),
  severity: out(z.enum(["error", "warning"]), "error: blocca l'invio; warning: da verificare."),
  message: z.string(),
  href: out(z.string(), "Pagina del portale dove correggere il dato."),
});

export const roundSubmissionPageSchema = single(
  "RoundSubmissionPage",
  z.object({
    round: roundSchemaOut,
    comune: comuneRefSchema,
    submission: roundSubmissionSchemaOut,
    projects: out(
      z.array(
        z.object({
          id: uuid(),
          title: z.string(),
          cup: z.string().nullable(),
          status: z.enum(PROJECT_STATUSES),
          progress: z.number().int(),
          checks: z.array(checkSchema),
          note: out(z.string().nullable(), "Nota del coordinatore sull'intervento (invio restituito)."),
        }),
      ),
      "Lista di controllo: gli interventi della rilevazione con le verifiche di completezza sui dati attuali.",
    ),
    errors: z.number().int(),
    warnings: z.number().int(),
    snapshot: out(
      z.array(
        z.object({
          projectId: uuid(),
          cup: z.string().nullable(),
          localCode: z.string().nullable(),
          title: z.string(),
          streamCode: z.string(),
          status: z.enum(PROJECT_STATUSES),
          health: z.enum(HEALTHS),
          progress: z.number().int(),
          plannedStart: isoDate().nullable(),
          plannedEnd: isoDate().nullable(),
          actualStart: isoDate().nullable(),
          actualEnd: isoDate().nullable(),
          totalCost: money("Costo totale."),
          planned: money("Risorse previste."),
          committed: money("Impegnato."),
          paid: money("Pagato."),
          payload: z.object({
            funding: z.array(
              z.object({
                source: z.string(),
                programme: z.string(),
                year: z.number().int(),
                planned: z.string(),
                committed: z.string(),
                paid: z.string(),
              }),
            ),
            actions: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                kind: z.string(),
                status: z.string(),
                dueDate: z.string().nullable(),
                doneDate: z.string().nullable(),
              }),
            ),
            indicators: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                theme: z.string(),
                unit: z.string(),
                baseline: z.string().nullable(),
                target: z.string().nullable(),
                actual: z.string().nullable(),
                period: z.string(),
              }),
            ),
            phases: z
              .array(
                z.object({
                  kind: z.enum(PHASE_KINDS),
                  plannedStart: isoDate().nullable(),
                  plannedEnd: isoDate().nullable(),
                  actualStart: isoDate().nullable(),
                  actualEnd: isoDate().nullable(),
                }),
              )
              .optional()
              .describe(
                "Le fasi del cronoprogramma (assenti negli invii precedenti alla loro introduzione).",
              ),
          }),
        }),
      ),
      "I dati congelati all'invio corrente, per intervento (vuoto prima del primo invio).",
    ),
    notes: z.array(
      z.object({
        revision: z.number().int(),
        projectId: uuid(),
        note: z.string(),
        actorName: z.string(),
        createdAt: instant(),
      }),
    ),
    history: out(
      z.array(
        z.object({
          revision: z.number().int(),
          kind: z.enum(["STARTED", "SUBMITTED", "RETURNED", "VALIDATED"]),
          comment: z.string(),
          actorName: z.string(),
          createdAt: instant(),
        }),
      ),
      "Avvio, invii ed esiti, dal più vecchio.",
    ),
  }),
  "L'invio di un comune con la lista di controllo, i dati congelati e la storia.",
);

// ---------------------------------------------------------------------------------------------------------
// Phases and milestones (issue #18)

const phaseKind = () =>
  out(
    z.enum(PHASE_KINDS),
    "Fase procedurale (OpenCoesione): FEASIBILITY (STUDIO_FATT), PRELIMINARY_DESIGN (PROG_PREL), FINAL_DESIGN (PROG_DEF), EXECUTIVE_DESIGN (PROG_ESEC), AWARD (AGG_BANDO), CONTRACT (STIP_ATTRIB), EXECUTION (ESECUZIONE), TESTING (COLLAUDO).",
  );
const phaseState = () =>
  out(
    z.enum(["UNPLANNED", "TO_START", "LATE_START", "RUNNING", "LATE", "DONE", "DONE_LATE"]),
    "Stato calcolato alla data di oggi (Roma).",
  );

export const projectPhasesSchemaOut = single(
  "ProjectPhases",
  z.object({
    project: z.object({
      id: uuid(),
      title: z.string(),
      comuneIstat: istat(),
      plannedStart: isoDate().nullable(),
      plannedEnd: isoDate().nullable(),
      actualStart: isoDate().nullable(),
      actualEnd: isoDate().nullable(),
    }),
    canWrite: out(z.boolean(), "Se chi chiede può modificare le fasi."),
    today: out(isoDate(), "Oggi a Roma: la data degli stati."),
    phases: out(
      z.array(
        z.object({
          id: uuid().nullable(),
          kind: phaseKind(),
          label: z.string(),
          ocCode: out(z.string(), "Suffisso delle colonne OpenCoesione: DATA_INIZIO_PREV_<ocCode>…"),
          plannedStart: isoDate().nullable(),
          plannedEnd: isoDate().nullable(),
          actualStart: isoDate().nullable(),
          actualEnd: isoDate().nullable(),
          note: z.string(),
          version: out(
            z.number().int().min(0),
            "Versione per il blocco ottimistico (0: fase non registrata).",
          ),
          state: phaseState(),
        }),
      ),
      "Le otto fasi in ordine procedurale, registrate o no.",
    ),
    warnings: out(z.array(z.string()), "Fasi che si sovrappongono (ammesso, segnalato)."),
    consistency: out(z.array(z.string()), "Dove le date dell'intervento e quelle delle fasi non concordano."),
  }),
  "Il cronoprogramma di un intervento.",
);

export const milestonePageSchema = single(
  "MilestonePage",
  z.object({
    today: isoDate(),
    view: z.enum(["late", "due"]),
    days: z.number().int(),
    smartLand: z.object({ slug: z.string(), name: z.string() }).nullable(),
    total: out(z.number().int(), "Quante sono, contate fino a 10.000."),
    more: out(z.boolean(), "true: sono più di 10.000 (total si ferma lì)."),
    page: z.number().int(),
    pageSize: z.number().int(),
    rows: z.array(
      z.object({
        phaseId: uuid(),
        kind: phaseKind(),
        label: z.string(),
        plannedEnd: isoDate(),
        actualStart: isoDate().nullable(),
        days: out(z.number().int(), "Giorni di ritardo (in_ritardo) o alla scadenza (in_scadenza)."),
        projectId: uuid(),
        projectTitle: z.string(),
        comuneIstat: istat(),
        comuneName: z.string(),
        streamName: z.string(),
      }),
    ),
  }),
  "Scadenze delle fasi: in ritardo o in scadenza, per data.",
);

const request = (schema: z.ZodType, id: string, description: string) =>
  described(requestSchemas, schema, { id, description });

request(projectCreateSchema, "ProjectInput", "Nuovo intervento.");
request(
  projectUpdateSchema,
  "ProjectUpdate",
  "Modifica completa di un intervento: tutti i campi più la `version` letta (409 se nel frattempo qualcuno ha salvato).",
);
for (const { entity, labels, createSchema, updateSchema } of CHILD_KIND_LIST) {
  const note = "createNote" in labels ? ` ${labels.createNote}` : "";
  request(createSchema, `${entity}Input`, `${labels.new}.${note}`);
  request(updateSchema, `${entity}Update`, `Modifica completa di ${labels.one}, con la \`version\` letta.`);
}
request(
  programmeSchema,
  "ProgrammeInput",
  "L'intero piano di programma: fasi (nome, anni), per fase i filoni con dotazione per anno e obiettivi; `version` 0 per il primo salvataggio, la versione letta per modificarlo.",
);
request(
  adherenceSchema,
  "AdherenceInput",
  "Atto di adesione: tipo, numero, data (gg/mm/aaaa), note; `version` 0 per registrarlo, la versione letta per modificarlo.",
);
request(
  localPlanSchema,
  "LocalPlanInput",
  "Piano locale: obiettivi, dotazione per anno (importi anche in italiano), indicatori, referente; `version` 0 per crearlo, la versione letta per modificarlo.",
);
request(planStepSchema, "PlanStep", "La `version` letta del piano.");
request(
  projectPhasesSchema,
  "ProjectPhasesInput",
  "Le fasi da registrare o modificare (le altre restano): per ciascuna le date previste ed effettive (gg/mm/aaaa o aaaa-mm-gg), le note e la `version` letta (0 per registrarla). Una fase senza date né note viene tolta. Fine ≥ inizio; date effettive non nel futuro.",
);
request(planReturnSchema, "PlanReturn", "La `version` letta e il commento per il comune (obbligatorio).");
request(
  roundCreateSchema,
  "RoundInput",
  "Nuova rilevazione: titolo, Smart Land (slug; vuoto: tutti i comuni aderenti), periodo, scadenza, elementi da aggiornare.",
);
request(roundStepSchema, "RoundStep", "La `version` letta (dell'invio o della rilevazione).");
request(
  roundReturnSchema,
  "RoundReturn",
  "La `version` letta dell'invio, la nota per il comune (obbligatoria) e le note per intervento.",
);
request(
  documentPublicInput,
  "DocumentPublicInput",
  "Rende pubblico (true) o riservato (false) un documento, con la `version` letta.",
);
request(
  apiTokenInput,
  "ApiTokenInput",
  "Nuovo token personale: un nome e la durata in giorni (da 1 a 365, predefinita 90).",
);

// ---------------------------------------------------------------------------------------------------------
// Compile-time: what lib/ serializes is what the schemas describe (both directions).

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
type Loose<T> = T extends (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { [K in keyof T]: Loose<T[K]> }
    : T extends string
      ? string
      : T;
const same = <A, B>(ok: Same<Loose<A>, Loose<B>>) => ok;

same<ReturnType<typeof serializeProject>, z.output<typeof projectSchema>>(true);
same<ReturnType<typeof serializeProjectSummary>, z.output<typeof projectSummarySchema>>(true);
same<Json<ApiTokenSummary>, z.output<typeof apiTokenSchema>>(true);
same<ImportReport, z.output<typeof importReportSchema>>(true);
same<Json<AdherenceAct>, z.output<typeof adherenceActSchema>>(true);
same<Json<LocalPlanView>, z.output<typeof localPlanSchemaOut>>(true);
same<Json<PlanPage>, z.output<typeof localPlanPageSchema>["data"]>(true);
same<Json<Awaited<ReturnType<typeof getComuneAdherence>>>, z.output<typeof comuneAdherenceSchema>["data"]>(
  true,
);
same<Json<AdherenceMatrix>, z.output<typeof adherenceMatrixSchema>["data"]>(true);
same<Json<Omit<Rollup, "filters">>, Omit<z.output<typeof rollupSchema>["data"], "filters">>(true);
same<ReturnType<typeof serializeDocument>, z.output<typeof documentSchema>>(true);
same<RoundView, z.output<typeof roundSchemaOut>>(true);
same<RoundListItem, z.output<typeof roundListSchema>["data"][number]>(true);
same<
  Omit<RoundBoard, "data" | "meta"> & { comuni: RoundBoard["data"] },
  z.output<typeof roundBoardSchema>["data"]
>(true);
same<SubmissionPage, z.output<typeof roundSubmissionPageSchema>["data"]>(true);
same<ProjectPhases, z.output<typeof projectPhasesSchemaOut>["data"]>(true);
same<MilestonePage, z.output<typeof milestonePageSchema>["data"]>(true);
