// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes use: request bodies from
// lib/validation (registered in lib/api/schemas.ts), query strings from lib/api/queries.ts, responses from
// lib/api/schemas.ts. The list of operations below is the one hand-written part; a test walks app/api/v1
// and fails when a route (or one of its methods) is missing here.
import type * as z from "zod";
import { MESSAGES } from "@/lib/errors";
import { DOCUMENT_TYPE_LABELS } from "@/lib/format/documents";
import { CHILD_KIND_LIST } from "./child-kinds";
import {
  componentsOf,
  COMPONENT_PREFIX,
  requestSchemas,
  responseSchemas,
  schemaOf,
  type JsonSchema,
} from "./json-schema";
import {
  adherenceMatrixQuerySchema,
  planVsActualQuerySchema,
  comuneExportQuerySchema,
  comuniQuerySchema,
  deleteProjectQuerySchema,
  documentDeleteQuerySchema,
  documentsQuerySchema,
  importQuerySchema,
  milestonesQuerySchema,
  pathParams,
  projectsQuerySchema,
  rollupExportQuerySchema,
  rollupQuerySchema,
  roundBoardQuerySchema,
  roundExportQuerySchema,
  streamsQuerySchema,
} from "./queries";
import "./schemas"; // registers the components

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

type Ok = {
  status: 200 | 201 | 204;
  description: string;
  /** A response component id (JSON), "download" (CSV/XLSX file) or nothing (204). */
  body?: string | "download" | "openapi" | "document-file";
};

export type OperationSpec = {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Token management: the browser session only, never a token. */
  sessionOnly?: boolean;
  /** No authentication at all (the document itself). */
  anonymous?: boolean;
  params?: (keyof typeof pathParams)[];
  query?: z.ZodType;
  /** A request component id, "upload" (the import file) or "document" (a document's bytes). */
  body?: string;
  ok: Ok;
  /** Problem responses besides 401 (always, unless anonymous). */
  errors?: (404 | 409 | 422)[];
  /** Extra headers the request reads (documented as header parameters). */
  headers?: { name: string; description: string }[];
};

export const TAGS = [
  {
    name: "Catalogo",
    description: "Comuni, Smart Land e filoni di intervento: dati di riferimento per tutti.",
  },
  {
    name: "Interventi",
    description:
      "Interventi dei comuni. Si leggono quelli del proprio comune e quelli di cui è partner (referenti), o tutti (coordinatori e amministratori); scrivono solo i referenti del comune titolare.",
  },
  ...CHILD_KIND_LIST.map((k) => ({ name: k.labels.tag, description: k.labels.tagDescription })),
  {
    name: "Adesione e piani locali",
    description:
      "Atto di adesione di un comune a una Smart Land e piani locali per filone (obiettivi, dotazione per anno, indicatori, referente). Scrivono i referenti del comune; i coordinatori approvano o restituiscono i piani inviati; gli amministratori leggono.",
  },
  {
    name: "Fasi e scadenze",
    description:
      "Cronoprogramma degli interventi per fasi procedurali (le otto di OpenCoesione: date previste ed effettive) e scadenze delle fasi per i coordinatori. Scrivono solo i referenti del comune titolare.",
  },
  {
    name: "Rilevazioni di monitoraggio",
    description:
      "Il coordinatore apre una rilevazione (periodo, scadenza, comuni coinvolti, elementi da aggiornare); i referenti di ciascun comune aggiornano gli interventi e inviano: i dati sono congelati all'invio; il coordinatore valida o restituisce con note per intervento. Gli amministratori leggono.",
  },
  {
    name: "Documenti",
    description:
      "File allegati a un intervento o a una sua azione (PDF, immagini, documenti Office e OpenDocument, file firmati .p7m; al massimo 20 MB; il tipo è riconosciuto dal contenuto). Li leggono i referenti del comune titolare, i coordinatori e gli amministratori; li caricano, eliminano e rendono pubblici solo i referenti del comune titolare.",
  },
  {
    name: "Piano di programma",
    description:
      "Il piano di programma di una Smart Land: fasi, dotazione per filone e anno, obiettivi; e il confronto piano / adesioni / registrato / finanziato. Lo scrivono solo i coordinatori; lo leggono coordinatori, amministratori e i referenti dei comuni membri (la propria Smart Land: per le altre 404).",
  },
  { name: "Quadro regionale", description: "Figure aggregate per coordinatori e amministratori." },
  { name: "Importazione ed esportazione", description: "Fogli CSV/XLSX degli interventi di un comune." },
  {
    name: "Token personali",
    description: "Gestione dei propri token: solo con la sessione del browser, mai con un token.",
  },
  { name: "Documento", description: "Questo documento OpenAPI." },
];

const ADHERENCE_WRITE =
  "Scrivono solo i referenti del comune; per un altro comune la risorsa non esiste (404), coordinatori e amministratori non modificano (404).";

const WRITE_NOTE =
  "Scrive solo un referente del comune titolare; per chiunque altro l'intervento non esiste (404).";

export const OPERATIONS: OperationSpec[] = [
  // Catalog
  {
    method: "get",
    path: "/comuni",
    tag: "Catalogo",
    summary: "Elenco dei comuni",
    description:
      "Comuni lombardi con provincia, adesione al programma e Smart Land. Filtri, paginazione e ordinamento stabile (a parità, per codice ISTAT).",
    query: comuniQuerySchema,
    ok: { status: 200, description: "Una pagina di comuni.", body: "ComuneList" },
    errors: [422],
  },
  {
    method: "get",
    path: "/comuni/{istat}",
    tag: "Catalogo",
    summary: "Un comune",
    params: ["istat"],
    ok: { status: 200, description: "Il comune.", body: "ComuneResponse" },
    errors: [404],
  },
  {
    method: "get",
    path: "/smart-lands",
    tag: "Catalogo",
    summary: "Elenco delle Smart Land",
    ok: { status: 200, description: "Tutte le Smart Land, per nome.", body: "SmartLandList" },
  },
  {
    method: "get",
    path: "/smart-lands/{slug}",
    tag: "Catalogo",
    summary: "Una Smart Land",
    description: "Con i comuni aderenti e il capofila.",
    params: ["slug"],
    ok: { status: 200, description: "La Smart Land.", body: "SmartLandResponse" },
    errors: [404],
  },
  {
    method: "get",
    path: "/streams",
    tag: "Catalogo",
    summary: "Elenco dei filoni di intervento",
    query: streamsQuerySchema,
    ok: { status: 200, description: "I filoni, per codice.", body: "StreamList" },
    errors: [422],
  },
  // Projects
  {
    method: "get",
    path: "/projects",
    tag: "Interventi",
    summary: "Elenco degli interventi",
    description:
      "Gli interventi che l'utente può leggere, con filtri, paginazione e ordinamento stabile (a parità, per id).",
    query: projectsQuerySchema,
    ok: { status: 200, description: "Una pagina di interventi.", body: "ProjectList" },
    errors: [422],
  },
  {
    method: "post",
    path: "/projects",
    tag: "Interventi",
    summary: "Crea un intervento",
    description:
      "L'intervento appartiene al comune del referente. Gli importi e le date si possono scrivere anche in italiano («1.234,56», «25/11/2026»).",
    body: "ProjectInput",
    ok: { status: 201, description: "Intervento creato.", body: "ProjectResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/projects/{id}",
    tag: "Interventi",
    summary: "Un intervento",
    description: "Con risorse, azioni e indicatori.",
    params: ["id"],
    ok: { status: 200, description: "L'intervento.", body: "ProjectResponse" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/projects/{id}",
    tag: "Interventi",
    summary: "Modifica un intervento",
    description: `Modifica completa: tutti i campi più la \`version\` letta. ${WRITE_NOTE}`,
    params: ["id"],
    body: "ProjectUpdate",
    ok: { status: 200, description: "Intervento modificato.", body: "ProjectResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "delete",
    path: "/projects/{id}",
    tag: "Interventi",
    summary: "Elimina un intervento",
    description: `L'intervento resta ripristinabile (POST …/restore). ${WRITE_NOTE}`,
    params: ["id"],
    query: deleteProjectQuerySchema,
    ok: { status: 204, description: "Intervento eliminato." },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/projects/{id}/restore",
    tag: "Interventi",
    summary: "Ripristina un intervento eliminato",
    description: `409 se nel frattempo il CUP è stato usato da un altro intervento. ${WRITE_NOTE}`,
    params: ["id"],
    ok: { status: 200, description: "Intervento ripristinato.", body: "ProjectResponse" },
    errors: [404, 409],
  },
  ...CHILD_KIND_LIST.flatMap(({ api, entity, labels }): OperationSpec[] => [
    {
      method: "get",
      path: `/projects/{id}/${api}`,
      tag: labels.tag,
      summary: `Elenco: ${labels.many} di un intervento`,
      params: ["id"],
      ok: {
        status: 200,
        description: `Tutte ${labels.many.replace(/^(le|gli) /, "")}.`,
        body: `${entity}List`,
      },
      errors: [404],
    },
    {
      method: "post",
      path: `/projects/{id}/${api}`,
      tag: labels.tag,
      summary: `Aggiunge ${labels.one}`,
      description: WRITE_NOTE,
      params: ["id"],
      body: `${entity}Input`,
      ok: { status: 201, description: "Creato.", body: `${entity}Response` },
      errors: [404, 422],
    },
    {
      method: "get",
      path: `/projects/{id}/${api}/{childId}`,
      tag: labels.tag,
      summary: `Legge ${labels.one}`,
      params: ["id", "childId"],
      ok: { status: 200, description: "Il record.", body: `${entity}Response` },
      errors: [404],
    },
    {
      method: "patch",
      path: `/projects/{id}/${api}/{childId}`,
      tag: labels.tag,
      summary: `Modifica ${labels.one}`,
      description: `Modifica completa con la \`version\` letta (409 se nel frattempo è cambiato). ${WRITE_NOTE}`,
      params: ["id", "childId"],
      body: `${entity}Update`,
      ok: { status: 200, description: "Modificato.", body: `${entity}Response` },
      errors: [404, 409, 422],
    },
    {
      method: "delete",
      path: `/projects/{id}/${api}/{childId}`,
      tag: labels.tag,
      summary: `Elimina ${labels.one}`,
      description: WRITE_NOTE,
      params: ["id", "childId"],
      ok: { status: 204, description: "Eliminato." },
      errors: [404],
    },
  ]),
  // Adherence and local plans
  {
    method: "get",
    path: "/comuni/{istat}/adherence",
    tag: "Adesione e piani locali",
    summary: "Adesione di un comune",
    description: "Le Smart Land del comune con l'atto di adesione e lo stato dei piani per filone.",
    params: ["istat"],
    ok: { status: 200, description: "L'adesione del comune.", body: "ComuneAdherence" },
    errors: [404],
  },
  {
    method: "put",
    path: "/comuni/{istat}/adherence/{slug}",
    tag: "Adesione e piani locali",
    summary: "Registra o modifica l'atto di adesione",
    description: `\`version\` 0 per registrarlo, la versione letta per modificarlo (409 se superata). ${ADHERENCE_WRITE}`,
    params: ["istat", "slug"],
    body: "AdherenceInput",
    ok: { status: 200, description: "L'atto salvato.", body: "AdherenceActResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/comuni/{istat}/adherence/{slug}/plans/{stream}",
    tag: "Adesione e piani locali",
    summary: "Un piano locale con la sua storia",
    params: ["istat", "slug", "stream"],
    ok: { status: 200, description: "Il piano (null prima del primo salvataggio).", body: "LocalPlanPage" },
    errors: [404],
  },
  {
    method: "put",
    path: "/comuni/{istat}/adherence/{slug}/plans/{stream}",
    tag: "Adesione e piani locali",
    summary: "Salva il piano locale",
    description: `Un piano restituito o approvato, se modificato, torna in bozza come nuova versione; un piano inviato non si modifica (409). ${ADHERENCE_WRITE}`,
    params: ["istat", "slug", "stream"],
    body: "LocalPlanInput",
    ok: { status: 200, description: "Il piano salvato.", body: "LocalPlanResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/comuni/{istat}/adherence/{slug}/plans/{stream}/submit",
    tag: "Adesione e piani locali",
    summary: "Invia il piano al coordinatore",
    description: `Solo una bozza completa (obiettivi, dotazione, email dell'ufficio: altrimenti 422). ${ADHERENCE_WRITE}`,
    params: ["istat", "slug", "stream"],
    body: "PlanStep",
    ok: { status: 200, description: "Il piano inviato.", body: "LocalPlanResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/comuni/{istat}/adherence/{slug}/plans/{stream}/approve",
    tag: "Adesione e piani locali",
    summary: "Approva un piano inviato",
    description: "Solo i coordinatori (per gli altri: 404).",
    params: ["istat", "slug", "stream"],
    body: "PlanStep",
    ok: { status: 200, description: "Il piano approvato.", body: "LocalPlanResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/comuni/{istat}/adherence/{slug}/plans/{stream}/return",
    tag: "Adesione e piani locali",
    summary: "Restituisce un piano inviato con un commento",
    description: "Solo i coordinatori (per gli altri: 404). Il commento è obbligatorio.",
    params: ["istat", "slug", "stream"],
    body: "PlanReturn",
    ok: { status: 200, description: "Il piano restituito.", body: "LocalPlanResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/smart-lands/{slug}/adherence",
    tag: "Adesione e piani locali",
    summary: "Matrice comuni × filoni di una Smart Land",
    description:
      "Per ogni comune e filone: stato del piano, dotazione prevista, interventi registrati, risorse previste, scarto. Solo coordinatori e amministratori.",
    params: ["slug"],
    query: adherenceMatrixQuerySchema,
    ok: { status: 200, description: "La matrice.", body: "AdherenceMatrix" },
    errors: [404, 422],
  },
  // Phases and milestones
  {
    method: "get",
    path: "/projects/{id}/phases",
    tag: "Fasi e scadenze",
    summary: "Cronoprogramma di un intervento",
    description:
      "Le otto fasi procedurali (OpenCoesione) con date previste ed effettive, lo stato di ciascuna, le sovrapposizioni e la coerenza con le date dell'intervento. Un comune partner legge, non modifica.",
    params: ["id"],
    ok: { status: 200, description: "Il cronoprogramma.", body: "ProjectPhases" },
    errors: [404],
  },
  {
    method: "put",
    path: "/projects/{id}/phases",
    tag: "Fasi e scadenze",
    summary: "Registra o modifica le fasi di un intervento",
    description: `Le fasi elencate, ciascuna con la \`version\` letta (0 per registrarla; 409 se superata: nulla viene salvato). ${WRITE_NOTE}`,
    params: ["id"],
    body: "ProjectPhasesInput",
    ok: { status: 200, description: "Il cronoprogramma salvato.", body: "ProjectPhases" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/smart-lands/{slug}/milestones",
    tag: "Fasi e scadenze",
    summary: "Scadenze delle fasi in una Smart Land",
    description:
      "Fasi in ritardo (fine prevista passata senza fine effettiva) o in scadenza entro 30, 60 o 90 giorni (oggi: Roma), per data. Solo coordinatori e amministratori.",
    params: ["slug"],
    query: milestonesQuerySchema,
    ok: { status: 200, description: "Una pagina di scadenze.", body: "MilestonePage" },
    errors: [404, 422],
  },
  // Adherence act documents
  {
    method: "get",
    path: "/comuni/{istat}/adherence/{slug}/documents",
    tag: "Documenti",
    summary: "Documenti dell'atto di adesione",
    description:
      "I file dell'atto (ad esempio la delibera in PDF), dal più recente. 404 se l'atto non è registrato.",
    params: ["istat", "slug"],
    ok: { status: 200, description: "I documenti.", body: "DocumentList" },
    errors: [404],
  },
  {
    method: "post",
    path: "/comuni/{istat}/adherence/{slug}/documents",
    tag: "Documenti",
    summary: "Carica un documento dell'atto di adesione",
    description: `Il corpo è il file stesso (al massimo 20 MB), il nome nell'intestazione \`x-file-name\`; il tipo è riconosciuto dal contenuto (altrimenti 415). ${ADHERENCE_WRITE}`,
    params: ["istat", "slug"],
    headers: [
      { name: "x-file-name", description: "Nome del file, codificato come URI (encodeURIComponent)." },
    ],
    body: "document",
    ok: { status: 201, description: "Documento caricato.", body: "DocumentResponse" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/comuni/{istat}/adherence/{slug}/documents/{documentId}",
    tag: "Documenti",
    summary: "Scarica un documento dell'atto di adesione",
    description:
      "Il contenuto, come allegato. Il comune, i coordinatori e gli amministratori; per gli altri 404.",
    params: ["istat", "slug", "documentId"],
    ok: { status: 200, description: "Il file.", body: "document-file" },
    errors: [404],
  },
  {
    method: "delete",
    path: "/comuni/{istat}/adherence/{slug}/documents/{documentId}",
    tag: "Documenti",
    summary: "Elimina un documento dell'atto di adesione",
    description: `Con \`versione\`, 409 se nel frattempo è cambiato. ${ADHERENCE_WRITE}`,
    params: ["istat", "slug", "documentId"],
    query: documentDeleteQuerySchema,
    ok: { status: 204, description: "Documento eliminato." },
    errors: [404, 409, 422],
  },
  // Programme plan
  {
    method: "get",
    path: "/smart-lands/{slug}/programme",
    tag: "Piano di programma",
    summary: "Piano di programma di una Smart Land",
    description:
      "Fasi, e per fase e filone la dotazione per anno e gli obiettivi. `version` 0 se non ancora salvato.",
    params: ["slug"],
    ok: { status: 200, description: "Il piano.", body: "Programme" },
    errors: [404],
  },
  {
    method: "put",
    path: "/smart-lands/{slug}/programme",
    tag: "Piano di programma",
    summary: "Salva il piano di programma",
    description:
      "Sostituisce l'intero piano. `version` 0 per il primo salvataggio, la versione letta per modificarlo (409 se superata). Solo i coordinatori (per gli altri 404).",
    params: ["slug"],
    body: "ProgrammeInput",
    ok: { status: 200, description: "Il piano salvato.", body: "Programme" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/smart-lands/{slug}/programme/plan-vs-actual",
    tag: "Piano di programma",
    summary: "Piano vs adesioni vs registrato vs finanziato",
    description:
      "Per filone, anno e comune: piano (dotazione del programma), adesioni (dotazione dei piani locali approvati e, a parte, inviati), registrato (risorse previste sugli interventi dei comuni membri), finanziato (risorse impegnate). Un referente vede i totali e, per comune, solo il proprio.",
    params: ["slug"],
    query: planVsActualQuerySchema,
    ok: { status: 200, description: "Il confronto.", body: "PlanVsActual" },
    errors: [404, 422],
  },
  // Monitoring rounds
  {
    method: "get",
    path: "/rounds",
    tag: "Rilevazioni di monitoraggio",
    summary: "Elenco delle rilevazioni",
    description:
      "Coordinatori e amministratori: tutte, con i comuni per stato. Referenti: quelle del proprio comune, con lo stato dell'invio e i giorni di ritardo.",
    ok: { status: 200, description: "Le rilevazioni, dalla scadenza più recente.", body: "RoundList" },
  },
  {
    method: "post",
    path: "/rounds",
    tag: "Rilevazioni di monitoraggio",
    summary: "Apre una rilevazione",
    description:
      "Solo i coordinatori (per gli altri: 404). Crea un invio «non avviato» per ogni comune coinvolto: i membri della Smart Land indicata, o tutti i comuni aderenti alle Smart Land.",
    body: "RoundInput",
    ok: { status: 201, description: "La rilevazione aperta.", body: "RoundOpened" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/rounds/{id}",
    tag: "Rilevazioni di monitoraggio",
    summary: "Una rilevazione con i conteggi per stato",
    description: "Coordinatori e amministratori (per i referenti: 404).",
    params: ["id"],
    ok: { status: 200, description: "La rilevazione.", body: "RoundDetail" },
    errors: [404],
  },
  {
    method: "post",
    path: "/rounds/{id}/close",
    tag: "Rilevazioni di monitoraggio",
    summary: "Chiude una rilevazione aperta",
    description:
      "Solo i coordinatori. Dopo la chiusura non si inviano né si restituiscono dati; si può ancora validare.",
    params: ["id"],
    body: "RoundStep",
    ok: { status: 200, description: "La rilevazione chiusa.", body: "RoundResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/rounds/{id}/board",
    tag: "Rilevazioni di monitoraggio",
    summary: "Quadro della rilevazione per comune",
    description:
      "Per ogni comune: stato dell'invio, data di invio e di validazione, giorni di ritardo (calendario di Roma). Filtri per stato, ritardo, provincia, Smart Land; paginato. Coordinatori e amministratori.",
    params: ["id"],
    query: roundBoardQuerySchema,
    ok: { status: 200, description: "Il quadro.", body: "RoundBoard" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/rounds/{id}/export",
    tag: "Rilevazioni di monitoraggio",
    summary: "Scarica la rilevazione nel tracciato OpenCoesione",
    description:
      "Un intervento per riga dai dati congelati degli invii validati (o anche di quelli trasmessi, `inclusi=trasmessi`), con le colonne di OpenCoesione: `COD_LOCALE_PROGETTO`, `CUP`, `OC_TITOLO_PROGETTO`, `FINANZ_*` per fonte, `IMPEGNI`, `TOT_PAGAMENTI`, date del progetto e delle fasi (`DATA_INIZIO_PREV_<FASE>`…, AAAAMMGG). CSV («;», decimali con la virgola) o XLSX. Coordinatori e amministratori (per gli altri: 404).",
    params: ["id"],
    query: roundExportQuerySchema,
    ok: { status: 200, description: "Il file.", body: "download" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/rounds/{id}/comuni/{istat}",
    tag: "Rilevazioni di monitoraggio",
    summary: "L'invio di un comune",
    description:
      "Lista di controllo per intervento (verifiche di completezza sui dati attuali, note del coordinatore), dati congelati all'ultimo invio, storia. Un altro comune: 404.",
    params: ["id", "istat"],
    ok: { status: 200, description: "L'invio.", body: "RoundSubmissionPage" },
    errors: [404],
  },
  {
    method: "post",
    path: "/rounds/{id}/comuni/{istat}/submit",
    tag: "Rilevazioni di monitoraggio",
    summary: "Invia i dati del comune",
    description:
      "Solo i referenti del comune. Le verifiche bloccanti (errori) rifiutano l'invio con l'elenco (422); gli avvisi no. I dati di ogni intervento sono congelati; 409 se l'invio è cambiato dopo la lettura.",
    params: ["id", "istat"],
    body: "RoundStep",
    ok: { status: 200, description: "L'invio fatto.", body: "RoundSubmissionResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/rounds/{id}/comuni/{istat}/validate",
    tag: "Rilevazioni di monitoraggio",
    summary: "Valida un invio",
    description: "Solo i coordinatori (per gli altri: 404); 409 se l'invio è cambiato dopo la lettura.",
    params: ["id", "istat"],
    body: "RoundStep",
    ok: { status: 200, description: "L'invio validato.", body: "RoundSubmissionResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "post",
    path: "/rounds/{id}/comuni/{istat}/return",
    tag: "Rilevazioni di monitoraggio",
    summary: "Restituisce un invio con note",
    description:
      "Solo i coordinatori (per gli altri: 404). Nota generale obbligatoria; note facoltative per intervento, che il comune vede accanto a ciascuno.",
    params: ["id", "istat"],
    body: "RoundReturn",
    ok: { status: 200, description: "L'invio restituito.", body: "RoundSubmissionResponse" },
    errors: [404, 409, 422],
  },
  // Round submission documents
  {
    method: "get",
    path: "/rounds/{id}/comuni/{istat}/documents",
    tag: "Documenti",
    summary: "Documenti dell'invio di un comune a una rilevazione",
    description:
      "I file allegati all'invio (determine, SAL, certificati di pagamento), dal più recente. Il comune, i coordinatori e gli amministratori; un altro comune: 404.",
    params: ["id", "istat"],
    ok: { status: 200, description: "I documenti.", body: "DocumentList" },
    errors: [404],
  },
  {
    method: "post",
    path: "/rounds/{id}/comuni/{istat}/documents",
    tag: "Documenti",
    summary: "Allega un documento all'invio di un comune",
    description: `Il corpo è il file stesso (al massimo 20 MB), il nome nell'intestazione \`x-file-name\`; il tipo è riconosciuto dal contenuto (altrimenti 415). Solo finché l'invio è modificabile (rilevazione aperta; non iniziato, in corso o restituito): altrimenti 409. ${ADHERENCE_WRITE}`,
    params: ["id", "istat"],
    headers: [
      { name: "x-file-name", description: "Nome del file, codificato come URI (encodeURIComponent)." },
    ],
    body: "document",
    ok: { status: 201, description: "Documento caricato.", body: "DocumentResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "get",
    path: "/rounds/{id}/comuni/{istat}/documents/{documentId}",
    tag: "Documenti",
    summary: "Scarica un documento dell'invio di un comune",
    description:
      "Il contenuto, come allegato. Il comune, i coordinatori e gli amministratori; per gli altri 404.",
    params: ["id", "istat", "documentId"],
    ok: { status: 200, description: "Il file.", body: "document-file" },
    errors: [404],
  },
  {
    method: "delete",
    path: "/rounds/{id}/comuni/{istat}/documents/{documentId}",
    tag: "Documenti",
    summary: "Elimina un documento dell'invio di un comune",
    description: `Solo finché l'invio è modificabile (altrimenti 409); con \`versione\`, 409 se nel frattempo è cambiato. ${ADHERENCE_WRITE}`,
    params: ["id", "istat", "documentId"],
    query: documentDeleteQuerySchema,
    ok: { status: 204, description: "Documento eliminato." },
    errors: [404, 409, 422],
  },
  // Documents
  {
    method: "get",
    path: "/projects/{id}/documents",
    tag: "Documenti",
    summary: "Documenti di un intervento o di una sua azione",
    description: "Con `azione`, i documenti di quell'azione dell'intervento. Dal più recente.",
    params: ["id"],
    query: documentsQuerySchema,
    ok: { status: 200, description: "I documenti.", body: "DocumentList" },
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/projects/{id}/documents",
    tag: "Documenti",
    summary: "Carica un documento",
    description: `Il corpo è il file stesso (al massimo 20 MB), il nome nell'intestazione \`x-file-name\` (codificato come URI). Il tipo è riconosciuto dal contenuto, non dal nome né dal Content-Type: PDF, PNG, JPEG, GIF, WebP, TIFF, docx/xlsx/pptx, odt/ods/odp/odg, doc/xls/ppt (con quell'estensione), .p7m (CAdES); altrimenti 415. Se l'estensione non corrisponde al contenuto viene sostituita. Con \`azione\`, il documento è allegato a quell'azione. ${WRITE_NOTE}`,
    params: ["id"],
    query: documentsQuerySchema,
    headers: [
      { name: "x-file-name", description: "Nome del file, codificato come URI (encodeURIComponent)." },
    ],
    body: "document",
    ok: { status: 201, description: "Documento caricato.", body: "DocumentResponse" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/projects/{id}/documents/{documentId}",
    tag: "Documenti",
    summary: "Scarica un documento",
    description:
      "Il contenuto, come allegato (Content-Disposition con `filename*` RFC 5987), con il tipo riconosciuto al caricamento.",
    params: ["id", "documentId"],
    ok: { status: 200, description: "Il file.", body: "document-file" },
    errors: [404],
  },
  {
    method: "patch",
    path: "/projects/{id}/documents/{documentId}",
    tag: "Documenti",
    summary: "Rende pubblico o riservato un documento",
    description: `Un documento pubblico compare sulla pagina pubblica dell'intervento quando questo è pubblicato. ${WRITE_NOTE}`,
    params: ["id", "documentId"],
    body: "DocumentPublicInput",
    ok: { status: 200, description: "Documento aggiornato.", body: "DocumentResponse" },
    errors: [404, 409, 422],
  },
  {
    method: "delete",
    path: "/projects/{id}/documents/{documentId}",
    tag: "Documenti",
    summary: "Elimina un documento",
    description: `Con \`versione\`, 409 se nel frattempo è cambiato. ${WRITE_NOTE}`,
    params: ["id", "documentId"],
    query: documentDeleteQuerySchema,
    ok: { status: 204, description: "Documento eliminato." },
    errors: [404, 409, 422],
  },
  // Roll-up
  {
    method: "get",
    path: "/rollup",
    tag: "Quadro regionale",
    summary: "Quadro regionale",
    description: "Solo coordinatori e amministratori (per gli altri: 404). Le cifre seguono i filtri.",
    query: rollupQuerySchema,
    ok: { status: 200, description: "Totali e ripartizioni.", body: "RollupResponse" },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/rollup/export",
    tag: "Quadro regionale",
    summary: "Scarica il quadro regionale",
    description: "CSV (separatore «;», per Excel in italiano) o XLSX. Solo coordinatori e amministratori.",
    query: rollupExportQuerySchema,
    ok: { status: 200, description: "Il file.", body: "download" },
    errors: [404, 422],
  },
  // Import / export
  {
    method: "get",
    path: "/comuni/{istat}/export",
    tag: "Importazione ed esportazione",
    summary: "Scarica gli interventi di un comune",
    description:
      "Un intervento per riga seguito dalle sue risorse e azioni; le stesse colonne del modello di importazione.",
    params: ["istat"],
    query: comuneExportQuerySchema,
    ok: { status: 200, description: "Il file.", body: "download" },
    errors: [404, 422],
  },
  {
    method: "post",
    path: "/comuni/{istat}/import",
    tag: "Importazione ed esportazione",
    summary: "Importa interventi da un foglio",
    description:
      "Il corpo è il file CSV/XLSX (nome nell'intestazione `x-file-name`) o un modulo multipart con il campo `file`. Tutto o niente: un file con errori risponde 422 con il resoconto in `report`. Le intestazioni diverse da quelle del modello sono riconosciute dai sinonimi più comuni o dalla corrispondenza ricordata per il comune; il parametro `mappatura` la indica esplicitamente (e viene ricordata). Solo i referenti del comune.",
    params: ["istat"],
    query: importQuerySchema,
    body: "upload",
    ok: {
      status: 200,
      description: "Il resoconto (anteprima o importazione eseguita).",
      body: "ImportReport",
    },
    errors: [404, 409, 422],
  },
  // Tokens
  {
    method: "get",
    path: "/tokens",
    tag: "Token personali",
    summary: "I tuoi token",
    sessionOnly: true,
    ok: { status: 200, description: "I token (mai i segreti).", body: "ApiTokenList" },
  },
  {
    method: "post",
    path: "/tokens",
    tag: "Token personali",
    summary: "Crea un token",
    description:
      "La risposta è l'unico momento in cui il token compare in chiaro. Scade dopo `expiresInDays` giorni (da 1 a 365, predefinito 90) e smette di funzionare per sempre quando finiscono le sessioni del suo utente: cambio della password, password reimpostata dall'amministratore, cambio di ruolo o di comune, disattivazione (anche se poi riattivato), sospensione del comune (anche se poi riammesso).",
    sessionOnly: true,
    body: "ApiTokenInput",
    ok: { status: 201, description: "Token creato.", body: "ApiTokenCreated" },
    errors: [422],
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    tag: "Token personali",
    summary: "Revoca un token",
    description: "Il token è rifiutato dalla richiesta successiva.",
    sessionOnly: true,
    params: ["id"],
    ok: { status: 200, description: "Token revocato.", body: "ApiToken" },
    errors: [404],
  },
  // The document
  {
    method: "get",
    path: "/openapi.json",
    tag: "Documento",
    summary: "Questo documento",
    description:
      "OpenAPI 3.1, generato dagli stessi schemi con cui l'API convalida i dati. Non richiede accesso.",
    anonymous: true,
    ok: { status: 200, description: "Il documento OpenAPI.", body: "openapi" },
  },
];

const PROBLEM_RESPONSES = {
  401: [
    "Unauthenticated",
    `Accesso mancante o non valido (token revocato o sconosciuto): «${MESSAGES.UNAUTHENTICATED}»`,
  ],
  404: ["NotFound", "Non esiste, o è fuori dal perimetro dell'utente (mai 403)."],
  409: ["Conflict", "Modificato nel frattempo (`version` superata) o codice già usato."],
  422: ["Invalid", "Dati o parametri non validi: i messaggi per campo sono in `errors`."],
  403: [
    "ForbiddenOrigin",
    `Modifica con la sessione del browser partita da un altro sito (Origin o Sec-Fetch-Site diversi da questo portale): «${MESSAGES.FORBIDDEN_ORIGIN}» Con un token non si applica.`,
  ],
  413: [
    "PayloadTooLarge",
    "Corpo troppo grande: al massimo 1 MB di JSON, 5 MB per il file da importare (anche una volta decompresso, per gli XLSX), 20 MB per un documento. Rifiutato prima di leggerlo tutto.",
  ],
  415: [
    "UnsupportedMediaType",
    "Con la sessione del browser il corpo deve avere il tipo documentato dall'operazione (application/json, o i tipi del file da importare o del documento). Con un token non si applica. Per un documento anche: il contenuto non è di un tipo accettato.",
  ],
} as const;

const ref = (id: string) => ({ $ref: `${COMPONENT_PREFIX}${id}` });

function parametersOf(op: OperationSpec): JsonSchema[] {
  const parameters: JsonSchema[] = (op.params ?? []).map((name) => {
    const { description, ...schema } = schemaOf(pathParams[name], "input");
    return { name, in: "path", required: true, description, schema };
  });
  if (op.query) {
    const json = schemaOf(op.query, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, deprecated, ...schema } = property;
      parameters.push({
        name,
        in: "query",
        required: json.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        ...(deprecated ? { deprecated: true } : {}),
        schema,
      });
    }
  }
  return parameters;
}

function requestBodyOf(body: string): JsonSchema {
  if (body === "document") {
    const file = { schema: { type: "string", contentMediaType: "application/octet-stream" } };
    return {
      required: true,
      description: "Il file (al massimo 20 MB), come corpo della richiesta.",
      content: { "application/octet-stream": file, "application/pdf": file },
    };
  }
  if (body === "upload") {
    return {
      required: true,
      description:
        "Il file CSV o XLSX (al massimo 5 MB; un XLSX al massimo 100 MB una volta decompresso, 20.000 righe, 256 colonne).",
      content: {
        "text/csv": { schema: { type: "string" } },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: { type: "string", contentMediaType: "application/octet-stream" },
        },
        "application/octet-stream": {
          schema: { type: "string", contentMediaType: "application/octet-stream" },
        },
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", contentMediaType: "application/octet-stream" } },
            required: ["file"],
          },
        },
      },
    };
  }
  return { required: true, content: { "application/json": { schema: ref(body) } } };
}

function okResponseOf(ok: Ok): JsonSchema {
  if (!ok.body) return { description: ok.description };
  if (ok.body === "download") {
    return {
      description: ok.description,
      headers: {
        "content-disposition": { description: "Nome del file.", schema: { type: "string" } },
      },
      content: {
        "text/csv": { schema: { type: "string" } },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: { type: "string", contentMediaType: "application/octet-stream" },
        },
      },
    };
  }
  if (ok.body === "document-file") {
    return {
      description: ok.description,
      headers: {
        "content-disposition": {
          description: "attachment con il nome del file.",
          schema: { type: "string" },
        },
        "x-content-type-options": { description: "nosniff", schema: { type: "string" } },
      },
      // The type detected from the content at upload (lib/documents/detect.ts).
      content: Object.fromEntries(
        Object.keys(DOCUMENT_TYPE_LABELS).map((type) => [
          type,
          { schema: { type: "string", contentMediaType: type } },
        ]),
      ),
    };
  }
  if (ok.body === "openapi") {
    return {
      description: ok.description,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["openapi", "info", "paths"],
            properties: { openapi: { const: "3.1.0" } },
          },
        },
      },
    };
  }
  return { description: ok.description, content: { "application/json": { schema: ref(ok.body) } } };
}

function operationObject(op: OperationSpec): JsonSchema {
  // apiRoute's guards (lib/http/request-guards.ts): every write can meet the origin check, every body the
  // size limit and (with the session) the content-type check.
  const write = op.method !== "get" && !op.anonymous;
  const statuses = [
    ...(op.anonymous ? [] : [401]),
    ...(op.errors ?? []),
    ...(write ? [403] : []),
    ...(op.body ? [413, 415] : []),
  ].sort() as (keyof typeof PROBLEM_RESPONSES)[];
  const responses: Record<string, JsonSchema> = { [String(op.ok.status)]: okResponseOf(op.ok) };
  for (const status of statuses)
    responses[String(status)] = { $ref: `#/components/responses/${PROBLEM_RESPONSES[status][0]}` };
  const parameters = [
    ...parametersOf(op),
    ...(op.headers ?? []).map((h) => ({
      name: h.name,
      in: "header",
      required: false,
      description: h.description,
      schema: { type: "string" },
    })),
  ];
  return {
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: requestBodyOf(op.body) } : {}),
    responses,
    ...(op.anonymous ? { security: [] } : op.sessionOnly ? { security: [{ sessionCookie: [] }] } : {}),
  };
}

/** "get /projects/{id}/funding-lines/{childId}" → "getProjectsIdFundingLinesChildId". */
export function operationId(op: Pick<OperationSpec, "method" | "path">): string {
  const words = op.path
    .replace(/\.json$/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return op.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, JsonSchema>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
};

function build(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const problem = { "application/problem+json": { schema: ref("Problem") } };
  const responses = Object.fromEntries(
    Object.values(PROBLEM_RESPONSES).map(([name, description]) => [name, { description, content: problem }]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "API Smart Land Lombardia",
      version: "1.0.0",
      description:
        "API JSON del portale Smart Land Lombardia. Si accede con la sessione del browser o con un token personale (`Authorization: Bearer slt_…`, da creare nel proprio profilo), che agisce con il ruolo e il comune del suo utente. Gli errori seguono RFC 9457 (application/problem+json); ciò che l'utente non può vedere risponde 404. Con la sessione del browser le modifiche devono partire da questo portale (altrimenti 403) e avere il tipo di contenuto documentato (altrimenti 415); i corpi hanno un limite di dimensione (413). Le modifiche usano il blocco ottimistico: si rimanda la `version` letta e, se nel frattempo qualcuno ha salvato, la risposta è 409.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/api/v1", description: "Questo portale" }],
    tags: TAGS.map((t) => ({ ...t })),
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: { ...componentsOf(requestSchemas, "input"), ...componentsOf(responseSchemas, "output") },
      responses,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "slt_…",
          description:
            "Token personale `slt_…`, creato e revocato nel profilo. Agisce con il ruolo e il comune del suo utente; un token revocato è rifiutato subito (401).",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "La sessione del browser dopo l'accesso (in HTTPS il cookie si chiama `__Secure-next-auth.session-token`).",
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document (built once per process: it depends on code only). */
export function openApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}
