import type { ActionKind, FundingSource, IndicatorTheme } from "../../lib/generated/prisma/client";
import type { Rng } from "./deterministic";
import type { StreamCode } from "./streams";

// What the demo programme is made of, stream by stream: title templates, cost ranges, funding
// programmes, indicators, and the office that follows each kind of action.
//
// Placeholders in titles and summaries: {comune}, {via}, {frazione}, {vicino}, {nodo}, {monumento},
// {scuola}. A template that names a placeholder the comune lacks (no frazioni, no landmark…) is skipped.

export type TitleTemplate = {
  title: string;
  summary: string;
  /** the PNRR measure that fits this title, when the project draws on the PNRR */
  pnrr?: string;
  /** only for the comuni on the river Lambro */
  lambro?: boolean;
};

export type Programme = { name: string; from: number; to: number };

export type IndicatorTemplate = {
  name: string;
  theme: IndicatorTheme;
  unit: string;
  /** baseline and target in hundredths of the unit (integers) */
  values: (rng: Rng) => [baseline: number, target: number];
};

export type StreamProfile = {
  delivery: "WORKS" | "SERVICE";
  /** total cost range in whole euro */
  cost: [number, number];
  office: string;
  titles: TitleTemplate[];
  funding: Partial<Record<FundingSource, Programme[]>>;
  indicators: IndicatorTemplate[];
};

const P = (name: string, from = 2019, to = 2028): Programme => ({ name, from, to });

const COMMON_FUNDING: Partial<Record<FundingSource, Programme[]>> = {
  COMUNE: [
    P("Bilancio comunale – avanzo di amministrazione"),
    P("Bilancio comunale – oneri di urbanizzazione"),
    P("Mutuo Cassa Depositi e Prestiti"),
  ],
  REGION: [
    P("Bando Regione Lombardia – Smart Land 2019", 2019, 2021),
    P("Regione Lombardia – Piano Lombardia (l.r. 9/2020)", 2020, 2023),
  ],
  METRO_CITY: [P("Città metropolitana di Milano – contributi alle zone omogenee")],
};

/** hundredths of a unit */
const h = (units: number) => units * 100;

export const PROFILES: Record<StreamCode, StreamProfile> = {
  "SL-01": {
    delivery: "WORKS",
    cost: [90_000, 2_400_000],
    office: "Ufficio tecnico – Mobilità e viabilità",
    titles: [
      {
        title: "Pista ciclabile {comune}–{vicino}",
        summary:
          "Collegamento ciclopedonale in sede protetta tra {comune} e {vicino}, con attraversamenti illuminati e segnaletica dedicata. Completa la rete ciclabile della Smart Land verso i servizi sovracomunali.",
        pnrr: "PNRR M2C2 Inv. 4.1 – Rafforzamento della mobilità ciclistica",
      },
      {
        title: "Zona 30 e percorsi sicuri casa-scuola – {via}",
        summary:
          "Moderazione del traffico, marciapiedi allargati e attraversamenti rialzati davanti ai plessi scolastici di {via}. Obiettivo: più bambini a scuola a piedi e in bicicletta.",
      },
      {
        title: "Velostazione e nodo di interscambio – {nodo}",
        summary:
          "Parcheggio coperto e videosorvegliato per le biciclette, ricarica per e-bike e informazioni in tempo reale presso la {nodo}, per favorire l'intermodalità verso Milano.",
      },
      {
        title: "Colonnine di ricarica per veicoli elettrici nei parcheggi pubblici",
        summary:
          "Installazione di punti di ricarica a uso pubblico nei principali parcheggi di {comune}, in concessione a un operatore selezionato con procedura aperta.",
      },
      {
        title: "Trasporto pubblico a chiamata per le frazioni",
        summary:
          "Servizio di trasporto a chiamata che collega {frazione} e le altre frazioni con il centro di {comune} e con le fermate delle linee extraurbane.",
      },
      {
        title: "Bike sharing intercomunale a flusso libero",
        summary:
          "Servizio di bike sharing con biciclette a pedalata assistita condiviso con i comuni vicini della Smart Land, con tariffa unica e app comune.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [P("PNRR M2C2 Inv. 4.1 – Rafforzamento della mobilità ciclistica", 2022, 2026)],
      EU_FESR: [P("POR FESR 2014-2020 Asse IV – Mobilità sostenibile", 2019, 2023)],
      STATE: [P("Fondo per le ciclovie urbane (DM MIMS 2021)", 2021, 2024)],
    },
    indicators: [
      {
        name: "Rete ciclabile comunale",
        theme: "PLANET",
        unit: "km",
        values: (r) => {
          const b = r.int(200, 1800);
          return [b, b + r.int(150, 900)];
        },
      },
      {
        name: "Passaggi giornalieri rilevati dai contabici",
        theme: "PEOPLE",
        unit: "passaggi/giorno",
        values: (r) => {
          const b = r.int(80, 600);
          return [h(b), h(b + r.int(60, 500))];
        },
      },
      {
        name: "Emissioni di CO₂ evitate",
        theme: "PLANET",
        unit: "t CO₂/anno",
        values: (r) => [0, r.int(1500, 25000)],
      },
    ],
  },
  "SL-02": {
    delivery: "WORKS",
    cost: [120_000, 1_900_000],
    office: "Ufficio tecnico – Manutenzioni",
    titles: [
      {
        title: "Riqualificazione illuminazione pubblica a LED – {via}",
        summary:
          "Sostituzione dei corpi illuminanti al sodio con apparecchi LED a ottica stradale lungo {via}, con riduzione dell'inquinamento luminoso e dei consumi.",
      },
      {
        title: "Telegestione dei punti luce e sensori ambientali",
        summary:
          "Sistema di telegestione punto-punto dell'illuminazione pubblica di {comune}, con sensori di qualità dell'aria e di traffico installati sui pali.",
      },
      {
        title: "Illuminazione intelligente degli attraversamenti pedonali",
        summary:
          "Attraversamenti pedonali con illuminazione dedicata e rilevatori di presenza nei punti più critici della rete stradale comunale.",
      },
      {
        title: "Relamping a LED e pali smart – {frazione}",
        summary:
          "Rifacimento dell'impianto di illuminazione di {frazione} con pali predisposti per Wi-Fi, videocamere e ricarica di veicoli elettrici.",
      },
      {
        title: "Riscatto e ammodernamento degli impianti di illuminazione pubblica",
        summary:
          "Acquisizione degli impianti ancora di proprietà del gestore e loro adeguamento normativo, premessa per la gestione in forma associata con i comuni vicini.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      EU_FESR: [P("POR FESR 2014-2020 Asse IV – Illuminazione pubblica (Bando Lumen)", 2019, 2022)],
      STATE: [P("Contributi per l'efficientamento energetico (L. 160/2019, c. 29)", 2020, 2024)],
      PPP: [P("Project financing – concessione del servizio di illuminazione pubblica")],
    },
    indicators: [
      {
        name: "Consumo di energia dell'illuminazione pubblica",
        theme: "PLANET",
        unit: "MWh/anno",
        values: (r) => {
          const b = r.int(300, 2400);
          return [h(b), h(Math.floor((b * r.int(40, 60)) / 100))];
        },
      },
      {
        name: "Punti luce a LED sul totale",
        theme: "PLANET",
        unit: "%",
        values: (r) => [h(r.int(5, 40)), h(r.int(85, 100))],
      },
      {
        name: "Punti luce telegestiti",
        theme: "PROSPERITY",
        unit: "n.",
        values: (r) => [0, h(r.int(200, 3500))],
      },
    ],
  },
  "SL-03": {
    delivery: "WORKS",
    cost: [60_000, 1_200_000],
    office: "Servizi informativi (CED)",
    titles: [
      {
        title: "Rete in fibra ottica per le sedi comunali e le scuole",
        summary:
          "Collegamento in fibra ottica del municipio, della biblioteca e dei plessi scolastici di {comune}, con un anello ridondato gestito dal Comune.",
      },
      {
        title: "Wi-Fi pubblico gratuito nelle piazze e nelle biblioteche",
        summary:
          "Rete Wi-Fi pubblica federata con accesso unico in tutti i comuni della Smart Land, nelle piazze e nei luoghi di aggregazione di {comune}.",
      },
      {
        title: "Banda ultralarga per le aree produttive",
        summary:
          "Infrastruttura in fibra per le imprese delle aree artigianali e industriali di {comune}, realizzata in accordo con l'operatore di rete.",
        pnrr: "PNRR M1C2 Inv. 3 – Piano Italia 1 Giga",
      },
      {
        title: "Rete di sensori IoT per la qualità dell'aria e il traffico",
        summary:
          "Centraline a basso costo per PM10, NO₂ e rumore e sensori di traffico, con dati aperti pubblicati sul portale della Smart Land.",
      },
      {
        title: "Collegamento in fibra – {via}",
        summary:
          "Posa di infrastrutture passive in fibra ottica lungo {via} in occasione dei lavori stradali, secondo il principio dello scavo unico.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [P("PNRR M1C2 Inv. 3 – Piano Italia 1 Giga", 2022, 2026)],
      EU_FESR: [P("POR FESR 2014-2020 Asse II – Agenda digitale", 2019, 2023)],
      PRIVATE: [P("Contributo dell'operatore di rete")],
    },
    indicators: [
      {
        name: "Sedi comunali connesse in fibra",
        theme: "GOVERNANCE",
        unit: "n.",
        values: (r) => {
          const b = r.int(0, 3);
          return [h(b), h(b + r.int(3, 12))];
        },
      },
      {
        name: "Unità immobiliari raggiunte da fibra FTTH",
        theme: "PEOPLE",
        unit: "%",
        values: (r) => [h(r.int(20, 55)), h(r.int(80, 98))],
      },
      {
        name: "Hotspot Wi-Fi pubblici attivi",
        theme: "PEOPLE",
        unit: "n.",
        values: (r) => [h(r.int(0, 6)), h(r.int(10, 40))],
      },
    ],
  },
  "SL-04": {
    delivery: "WORKS",
    cost: [150_000, 3_200_000],
    office: "Ufficio tecnico – LL.PP.",
    titles: [
      {
        title: "Efficientamento energetico della {scuola} di {via}",
        summary:
          "Isolamento dell'involucro, sostituzione dei serramenti e nuova pompa di calore per la {scuola} di {via}, con classe energetica finale almeno A2.",
        pnrr: "PNRR M2C4 Inv. 2.2 – Resilienza ed efficienza energetica dei comuni",
      },
      {
        title: "Impianto fotovoltaico sulla copertura del municipio",
        summary:
          "Impianto fotovoltaico con accumulo sul municipio di {comune}, dimensionato sui consumi degli uffici e predisposto per la comunità energetica.",
      },
      {
        title: "Comunità energetica rinnovabile di {comune}",
        summary:
          "Costituzione di una comunità energetica con il Comune come promotore: impianti sugli edifici pubblici e adesione aperta a famiglie e imprese.",
        pnrr: "PNRR M2C2 Inv. 1.2 – Comunità energetiche rinnovabili",
      },
      {
        title: "Riqualificazione energetica della palestra comunale – {via}",
        summary:
          "Nuova copertura isolata, illuminazione LED e impianto di ventilazione con recupero di calore per la palestra di {via}, usata da scuole e associazioni sportive.",
      },
      {
        title: "Nuova centrale termica a pompa di calore della {scuola} di {via}",
        summary:
          "Sostituzione della caldaia a gas con una pompa di calore e telecontrollo dei consumi della {scuola} di {via}.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [P("PNRR M2C4 Inv. 2.2 – Resilienza ed efficienza energetica dei comuni", 2021, 2026)],
      EU_FESR: [
        P(
          "PR FESR 2021-2027 Lombardia – Azione 2.1.1 Efficienza energetica degli edifici pubblici",
          2023,
          2028,
        ),
      ],
      STATE: [P("Conto Termico 2.0 (GSE)")],
      PPP: [P("Contratto di rendimento energetico (EPC) con ESCo")],
    },
    indicators: [
      {
        name: "Consumo di energia primaria dell'edificio",
        theme: "PLANET",
        unit: "kWh/m² anno",
        values: (r) => {
          const b = r.int(140, 320);
          return [h(b), h(Math.floor((b * r.int(35, 60)) / 100))];
        },
      },
      {
        name: "Energia prodotta da fonti rinnovabili",
        theme: "PLANET",
        unit: "MWh/anno",
        values: (r) => [0, r.int(2000, 45000)],
      },
      {
        name: "Risparmio sulla spesa energetica",
        theme: "PROSPERITY",
        unit: "€/anno",
        values: (r) => [0, h(r.int(8, 90) * 1000)],
      },
    ],
  },
  "SL-05": {
    delivery: "WORKS",
    cost: [50_000, 650_000],
    office: "Polizia locale",
    titles: [
      {
        title: "Ampliamento della videosorveglianza urbana – {via}",
        summary:
          "Nuove telecamere ad alta risoluzione lungo {via} e nelle aree sensibili, collegate alla centrale operativa della polizia locale.",
      },
      {
        title: "Varchi di lettura targhe agli ingressi del territorio comunale",
        summary:
          "Telecamere di lettura targhe sugli accessi principali di {comune}, integrate con la rete dei comuni vicini e con le banche dati delle forze dell'ordine.",
      },
      {
        title: "Centrale operativa della polizia locale interconnessa",
        summary:
          "Nuova centrale operativa che riceve le immagini di tutte le telecamere comunali e condivide gli allarmi con i comandi della Smart Land.",
      },
      {
        title: "Videosorveglianza dei parchi e delle aree gioco",
        summary:
          "Telecamere e illuminazione dedicata nei parchi pubblici di {comune}, per ridurre atti vandalici e aumentare la sicurezza percepita.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      REGION: [P("Regione Lombardia – Bando sicurezza urbana e videosorveglianza", 2019, 2026)],
      STATE: [P("Fondo per la videosorveglianza dei comuni (DL 14/2017)", 2019, 2024)],
      SPONSORSHIP: [P("Sponsorizzazione di imprese locali")],
    },
    indicators: [
      {
        name: "Telecamere di videosorveglianza attive",
        theme: "PEOPLE",
        unit: "n.",
        values: (r) => {
          const b = r.int(8, 60);
          return [h(b), h(b + r.int(10, 60))];
        },
      },
      {
        name: "Varchi di lettura targhe",
        theme: "PEOPLE",
        unit: "n.",
        values: (r) => [h(r.int(0, 3)), h(r.int(4, 14))],
      },
      {
        name: "Furti e danneggiamenti denunciati",
        theme: "PEOPLE",
        unit: "n./anno",
        values: (r) => {
          const b = r.int(60, 400);
          return [h(b), h(Math.floor((b * r.int(65, 85)) / 100))];
        },
      },
    ],
  },
  "SL-06": {
    delivery: "WORKS",
    cost: [180_000, 4_500_000],
    office: "Ufficio tecnico – Urbanistica",
    titles: [
      {
        title: "Riqualificazione della piazza del municipio",
        summary:
          "Nuova pavimentazione, alberature e arredi per la piazza del municipio di {comune}, progettata con un percorso partecipato con cittadini e commercianti.",
        pnrr: "PNRR M5C2 Inv. 2.1 – Rigenerazione urbana",
      },
      {
        title: "Nuovo spazio pubblico pedonale e arredo urbano – {via}",
        summary:
          "Restituzione ai pedoni di un tratto di {via}, con sedute, verde e spazi per il mercato e gli eventi.",
      },
      {
        title: "Recupero della cascina comunale come spazio civico",
        summary:
          "Restauro di una cascina di proprietà comunale nel Parco Agricolo Sud Milano per farne un centro civico con sale per associazioni e coworking.",
        pnrr: "PNRR M5C2 Inv. 2.1 – Rigenerazione urbana",
      },
      {
        title: "Parco giochi inclusivo – {via}",
        summary:
          "Area giochi accessibile a bambini con disabilità, con pavimentazione antitrauma e percorsi sensoriali, nel parco di {via}.",
      },
      {
        title: "Orti urbani e spazi di comunità – {frazione}",
        summary:
          "Orti urbani affidati ad associazioni e famiglie e un piccolo spazio di comunità a {frazione}, gestiti con un patto di collaborazione.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [
        P("PNRR M5C2 Inv. 2.1 – Rigenerazione urbana", 2021, 2026),
        P("PNRR M5C2 Inv. 2.2 – Piani urbani integrati", 2022, 2026),
      ],
      EU_FESR: [P("PR FESR 2021-2027 Lombardia – Strategie di sviluppo urbano sostenibile", 2023, 2028)],
      PRIVATE: [P("Fondazione Cariplo – contributo a progetti emblematici")],
      SPONSORSHIP: [P("Sponsorizzazione tecnica di arredi e verde")],
    },
    indicators: [
      {
        name: "Superficie di spazi pubblici riqualificati",
        theme: "PEOPLE",
        unit: "m²",
        values: (r) => [0, h(r.int(800, 12000))],
      },
      {
        name: "Superficie resa permeabile e a verde",
        theme: "PLANET",
        unit: "m²",
        values: (r) => [0, h(r.int(200, 5000))],
      },
      {
        name: "Associazioni coinvolte nella co-progettazione",
        theme: "GOVERNANCE",
        unit: "n.",
        values: (r) => [0, h(r.int(4, 25))],
      },
    ],
  },
  "SL-07": {
    delivery: "SERVICE",
    cost: [25_000, 420_000],
    office: "Servizi informativi (CED)",
    titles: [
      {
        title: "Sportello digitale del cittadino",
        summary:
          "Servizi dell'anagrafe, dei tributi e dell'edilizia accessibili online con SPID e CIE, con assistenza allo sportello fisico per chi ne ha bisogno.",
        pnrr: "PNRR M1C1 Inv. 1.4.1 – Esperienza del cittadino nei servizi pubblici",
      },
      {
        title: "Migrazione dei servizi comunali al cloud qualificato",
        summary:
          "Trasferimento degli applicativi gestionali di {comune} su infrastrutture cloud qualificate, con dismissione della sala server comunale.",
        pnrr: "PNRR M1C1 Inv. 1.2 – Abilitazione al cloud per le PA locali",
      },
      {
        title: "Pagamenti pagoPA e servizi su app IO",
        summary:
          "Integrazione di tutti i pagamenti comunali con pagoPA e pubblicazione di avvisi, scadenze e certificati sull'app IO.",
        pnrr: "PNRR M1C1 Inv. 1.4.3 – Adozione di pagoPA e app IO",
      },
      {
        title: "Nuovo sito istituzionale secondo il modello Designers Italia",
        summary:
          "Sito del Comune di {comune} rifatto sul modello nazionale per i siti comunali, accessibile e centrato sui servizi più richiesti.",
        pnrr: "PNRR M1C1 Inv. 1.4.1 – Esperienza del cittadino nei servizi pubblici",
      },
      {
        title: "Prenotazione online degli appuntamenti in anagrafe",
        summary:
          "Agenda online condivisa per carta d'identità elettronica e certificati, con promemoria via SMS e app IO.",
      },
      {
        title: "Notifiche digitali degli atti con la piattaforma SEND",
        summary:
          "Invio digitale di multe, avvisi di accertamento e atti amministrativi tramite la piattaforma notifiche digitali, con risparmio sulle spese postali.",
        pnrr: "PNRR M1C1 Inv. 1.4.5 – Piattaforma notifiche digitali",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [
        P("PNRR M1C1 Inv. 1.4.1 – Esperienza del cittadino nei servizi pubblici", 2022, 2026),
        P("PNRR M1C1 Inv. 1.2 – Abilitazione al cloud per le PA locali", 2022, 2026),
      ],
      EU_FESR: [P("POR FESR 2014-2020 Asse II – Agenda digitale", 2019, 2023)],
    },
    indicators: [
      {
        name: "Servizi comunali fruibili online",
        theme: "GOVERNANCE",
        unit: "n.",
        values: (r) => {
          const b = r.int(2, 12);
          return [h(b), h(b + r.int(8, 30))];
        },
      },
      {
        name: "Accessi ai servizi online con SPID o CIE",
        theme: "GOVERNANCE",
        unit: "accessi/anno",
        values: (r) => {
          const b = r.int(500, 9000);
          return [h(b), h(b * r.int(2, 4))];
        },
      },
      {
        name: "Comuni della Smart Land che riusano la soluzione",
        theme: "PROPAGATION",
        unit: "n.",
        values: (r) => [0, h(r.int(2, 13))],
      },
    ],
  },
  "SL-08": {
    delivery: "WORKS",
    cost: [40_000, 1_500_000],
    office: "Ufficio ambiente ed ecologia",
    titles: [
      {
        title: "Casa dell'acqua – {via}",
        summary:
          "Nuovo erogatore di acqua di rete refrigerata e gasata in {via}, per ridurre il consumo di bottiglie di plastica.",
      },
      {
        title: "Tariffa puntuale e contenitori intelligenti per la raccolta differenziata",
        summary:
          "Passaggio alla tariffa puntuale con contenitori dotati di transponder e cestini intelligenti nelle aree a maggior produzione di rifiuti di {comune}.",
      },
      {
        title: "Forestazione urbana e nuovi filari alberati",
        summary:
          "Messa a dimora di alberi e arbusti autoctoni lungo le strade e nelle aree verdi di {comune}, in coordinamento con il programma metropolitano di forestazione.",
      },
      {
        title: "Ammodernamento del centro di raccolta rifiuti",
        summary:
          "Adeguamento del centro di raccolta comunale con accesso tramite tessera sanitaria, pesatura dei conferimenti e area per il riuso.",
        pnrr: "PNRR M2C1 Inv. 1.1 – Impianti di gestione dei rifiuti",
      },
      {
        title: "Vasca volano e separazione delle reti per le acque meteoriche",
        summary:
          "Opere idrauliche che riducono gli allagamenti nelle vie più basse di {comune} durante i temporali intensi.",
      },
      {
        title: "Riqualificazione ecologica delle sponde del Lambro",
        lambro: true,
        summary:
          "Rinaturalizzazione delle sponde del Lambro nel territorio di {comune}, con percorsi di fruizione e interventi contro l'erosione.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [
        P("PNRR M2C1 Inv. 1.1 – Impianti di gestione dei rifiuti", 2022, 2026),
        P("PNRR M2C4 Inv. 4.2 – Riduzione delle perdite nelle reti idriche", 2022, 2026),
      ],
      EU_FESR: [P("PR FESR 2021-2027 Lombardia – Azione 2.7.1 Infrastrutture verdi", 2023, 2028)],
      METRO_CITY: [
        P("Città metropolitana di Milano – ForestaMi"),
        P("Città metropolitana di Milano – contributi alle zone omogenee"),
      ],
      PRIVATE: [P("Contributo del gestore del servizio idrico integrato")],
    },
    indicators: [
      {
        name: "Raccolta differenziata",
        theme: "PLANET",
        unit: "%",
        values: (r) => [h(r.int(62, 74)), h(r.int(78, 86))],
      },
      {
        name: "Acqua erogata dalle case dell'acqua",
        theme: "PLANET",
        unit: "m³/anno",
        values: (r) => [0, h(r.int(150, 900))],
      },
      {
        name: "Alberi messi a dimora",
        theme: "PLANET",
        unit: "n.",
        values: (r) => [0, h(r.int(80, 2500))],
      },
    ],
  },
  "SL-09": {
    delivery: "SERVICE",
    cost: [30_000, 600_000],
    office: "Servizi sociali",
    titles: [
      {
        title: "Custode sociale e portierato di quartiere",
        summary:
          "Operatori di prossimità nei quartieri di edilizia pubblica di {comune}, a supporto di anziani soli e famiglie fragili, in collaborazione con il terzo settore.",
      },
      {
        title: "Centro diurno per anziani: ampliamento e nuovi servizi",
        summary:
          "Ampliamento degli spazi e degli orari del centro diurno di {comune}, con attività di stimolazione cognitiva e sostegno ai familiari.",
      },
      {
        title: "Trasporto sociale per persone fragili",
        summary:
          "Servizio di accompagnamento a visite mediche e terapie per anziani e persone con disabilità, con mezzi attrezzati e volontari formati.",
        pnrr: "PNRR M5C2 Inv. 1.1 – Sostegno alle persone vulnerabili",
      },
      {
        title: "Teleassistenza domiciliare per anziani soli",
        summary:
          "Dispositivi di teleassistenza e una centrale di ascolto per gli anziani che vivono soli a {comune}, integrati con i servizi sanitari territoriali.",
        pnrr: "PNRR M5C2 Inv. 1.1 – Sostegno alle persone vulnerabili",
      },
      {
        title: "Emporio solidale e rete contro lo spreco alimentare",
        summary:
          "Un emporio solidale gestito con le associazioni del territorio, rifornito con le eccedenze della grande distribuzione e dei mercati.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [P("PNRR M5C2 Inv. 1.1 – Sostegno alle persone vulnerabili", 2022, 2026)],
      EU_FSE: [
        P("POR FSE 2014-2020 Asse II – Inclusione sociale", 2019, 2023),
        P("PR FSE+ 2021-2027 Lombardia – Inclusione sociale", 2023, 2028),
      ],
      STATE: [P("Fondo nazionale per le politiche sociali (Piano di zona)")],
      PRIVATE: [P("Fondazione Cariplo – Welfare in azione")],
    },
    indicators: [
      {
        name: "Persone prese in carico",
        theme: "PEOPLE",
        unit: "n.",
        values: (r) => {
          const b = r.int(0, 60);
          return [h(b), h(b + r.int(30, 200))];
        },
      },
      {
        name: "Volontari coinvolti",
        theme: "GOVERNANCE",
        unit: "n.",
        values: (r) => [h(r.int(0, 10)), h(r.int(15, 60))],
      },
      {
        name: "Ore di servizio erogate",
        theme: "PEOPLE",
        unit: "ore/anno",
        values: (r) => [0, h(r.int(600, 6000))],
      },
    ],
  },
  "SL-10": {
    delivery: "SERVICE",
    cost: [20_000, 900_000],
    office: "Ufficio cultura e biblioteca",
    titles: [
      {
        title: "Biblioteca civica come hub culturale e digitale",
        summary:
          "Nuovi spazi per lo studio e il coworking, laboratori digitali e prestito interbibliotecario potenziato nella biblioteca di {comune}.",
      },
      {
        title: "Valorizzazione del {monumento}",
        summary:
          "Restauro conservativo, nuovo allestimento e percorso di visita accessibile per il {monumento}, con un calendario di aperture condiviso con la Smart Land.",
        pnrr: "PNRR M1C3 Inv. 2.2 – Tutela e valorizzazione dell'architettura e del paesaggio rurale",
      },
      {
        title: "Cammino del Lambro: segnaletica e promozione turistica",
        lambro: true,
        summary:
          "Segnaletica, aree di sosta e materiali di promozione per il tratto del cammino lungo il Lambro che attraversa {comune}.",
      },
      {
        title: "Stagione culturale diffusa nelle cascine del Parco Agricolo Sud Milano",
        summary:
          "Concerti, teatro e visite guidate nelle cascine del territorio di {comune}, organizzati con le aziende agricole e le associazioni culturali.",
      },
      {
        title: "Digitalizzazione dell'archivio storico comunale",
        summary:
          "Riordino, digitalizzazione e pubblicazione online dei documenti dell'archivio storico di {comune}, consultabili anche dalle scuole.",
      },
      {
        title: "Itinerari ciclo-turistici del Sud Est Milano",
        summary:
          "Itinerari in bicicletta tra abbazie, castelli e cascine del Sud Est Milano, con un'app comune e punti informativi nei comuni aderenti.",
      },
    ],
    funding: {
      ...COMMON_FUNDING,
      PNRR: [
        P(
          "PNRR M1C3 Inv. 2.2 – Tutela e valorizzazione dell'architettura e del paesaggio rurale",
          2022,
          2026,
        ),
      ],
      FSC: [P("FSC 2021-2027 – Accordo per la coesione Regione Lombardia", 2024, 2028)],
      PRIVATE: [P("Fondazione Cariplo – contributo a progetti culturali")],
      SPONSORSHIP: [P("Art bonus e sponsorizzazioni")],
    },
    indicators: [
      {
        name: "Visitatori annui",
        theme: "PROSPERITY",
        unit: "n./anno",
        values: (r) => {
          const b = r.int(500, 12000);
          return [h(b), h(b + r.int(800, 15000))];
        },
      },
      {
        name: "Eventi culturali organizzati",
        theme: "PEOPLE",
        unit: "n./anno",
        values: (r) => {
          const b = r.int(4, 30);
          return [h(b), h(b + r.int(6, 40))];
        },
      },
      {
        name: "Comuni partner dell'iniziativa",
        theme: "PROPAGATION",
        unit: "n.",
        values: (r) => [h(1), h(r.int(3, 14))],
      },
    ],
  },
};

export const SCHOOLS = ["scuola primaria", "scuola secondaria di primo grado", "scuola dell'infanzia"];

export type Step = { kind: ActionKind; title: string; owner: string; phase: number };

/**
 * The life cycle of a project as actions, in order. `phase` matches the procedural status in which the
 * action is carried out: 0 DESIGN_STARTING, 1 DESIGN, 2 PROCUREMENT, 3 EXECUTION, 4 after completion.
 */
export function lifecycle(profile: StreamProfile, pnrr: boolean): Step[] {
  const monitoring: Step = {
    kind: "MONITORING",
    title: pnrr
      ? "Rendicontazione su ReGiS e monitoraggio dei target"
      : "Monitoraggio degli indicatori e rendicontazione",
    owner: "Ufficio programmazione e controllo di gestione",
    phase: 4,
  };
  if (profile.delivery === "WORKS") {
    return [
      {
        kind: "PLANNING",
        title: "Inserimento nel programma triennale delle opere pubbliche",
        owner: "Ufficio tecnico – LL.PP.",
        phase: 0,
      },
      { kind: "DESIGN", title: "Progetto di fattibilità tecnico-economica", owner: profile.office, phase: 1 },
      { kind: "DESIGN", title: "Progetto esecutivo e verifica", owner: profile.office, phase: 1 },
      {
        kind: "PROCUREMENT",
        title: "Procedura di gara per l'affidamento dei lavori",
        owner: "Centrale unica di committenza",
        phase: 2,
      },
      {
        kind: "PROCUREMENT",
        title: "Aggiudicazione e stipula del contratto",
        owner: "Ufficio gare e contratti",
        phase: 2,
      },
      {
        kind: "WORKS",
        title: "Consegna ed esecuzione dei lavori",
        owner: "Direzione lavori – Ufficio tecnico",
        phase: 3,
      },
      {
        kind: "COMMUNICATION",
        title: "Presentazione pubblica alla cittadinanza",
        owner: "Ufficio comunicazione e URP",
        phase: 3,
      },
      {
        kind: "WORKS",
        title: "Collaudo e certificato di regolare esecuzione",
        owner: "Direzione lavori – Ufficio tecnico",
        phase: 3,
      },
      monitoring,
    ];
  }
  return [
    {
      kind: "PLANNING",
      title: "Delibera di Giunta di approvazione dell'intervento",
      owner: "Segreteria generale",
      phase: 0,
    },
    { kind: "DESIGN", title: "Analisi dei fabbisogni e capitolato tecnico", owner: profile.office, phase: 1 },
    {
      kind: "PROCUREMENT",
      title: "Affidamento del servizio sul MePA",
      owner: "Ufficio gare e contratti",
      phase: 2,
    },
    {
      kind: "PROCUREMENT",
      title: "Stipula del contratto e nomina del direttore dell'esecuzione",
      owner: "Ufficio gare e contratti",
      phase: 2,
    },
    { kind: "SERVICE", title: "Attivazione del servizio", owner: profile.office, phase: 3 },
    {
      kind: "COMMUNICATION",
      title: "Campagna informativa sui canali del Comune",
      owner: "Ufficio comunicazione e URP",
      phase: 3,
    },
    {
      kind: "SERVICE",
      title: "Formazione degli operatori e avvio a regime",
      owner: profile.office,
      phase: 3,
    },
    monitoring,
  ];
}
