import type { PnrrMission, ProgrammeValue, Theme } from "../../lib/generated/prisma/client";
import type { SeedDb } from "./client";
import { seedUuid } from "./deterministic";

export type StreamSeed = {
  code: string;
  name: string;
  description: string;
  theme: Theme;
  pnrrMission: PnrrMission | null;
  values: ProgrammeValue[];
};

/** The starter taxonomy of "filoni di intervento"; coordinators own it afterwards. */
export const STREAMS = [
  {
    code: "SL-01",
    name: "Mobilità sostenibile e intermodale",
    description:
      "Piste ciclabili, nodi di interscambio, mobilità elettrica e trasporto a chiamata che collegano i comuni tra loro e con le linee di forza verso Milano.",
    theme: "TRANSPORT_MOBILITY",
    pnrrMission: "M2",
    values: ["SUSTAINABILITY", "COHESION"],
  },
  {
    code: "SL-02",
    name: "Illuminazione pubblica intelligente",
    description:
      "Sostituzione dei corpi illuminanti con tecnologia LED e telegestione dei punti luce, usati anche come infrastruttura per sensori e servizi smart.",
    theme: "ENERGY",
    pnrrMission: "M2",
    values: ["INNOVATION", "SUSTAINABILITY"],
  },
  {
    code: "SL-03",
    name: "Reti digitali e banda ultralarga",
    description:
      "Fibra ottica verso sedi comunali, scuole e aree produttive, Wi-Fi pubblico e reti di sensori: l'infrastruttura abilitante dei servizi Smart Land.",
    theme: "DIGITAL_NETWORKS",
    pnrrMission: "M1",
    values: ["INNOVATION", "COHESION"],
  },
  {
    code: "SL-04",
    name: "Efficienza energetica degli edifici pubblici",
    description:
      "Riqualificazione energetica di scuole, palestre e municipi: involucro, impianti, fotovoltaico e comunità energetiche rinnovabili.",
    theme: "ENERGY",
    pnrrMission: "M2",
    values: ["SUSTAINABILITY"],
  },
  {
    code: "SL-05",
    name: "Sicurezza urbana e videosorveglianza",
    description:
      "Videosorveglianza e lettura targhe integrate tra i comuni e con le forze dell'ordine, per un presidio coordinato del territorio.",
    theme: "URBAN_RURAL_RENEWAL",
    pnrrMission: null,
    values: ["INNOVATION", "COHESION"],
  },
  {
    code: "SL-06",
    name: "Rigenerazione urbana e spazi pubblici",
    description:
      "Recupero di piazze, parchi ed edifici dismessi come luoghi di incontro, con progetti condivisi con cittadini e associazioni.",
    theme: "URBAN_RURAL_RENEWAL",
    pnrrMission: "M5",
    values: ["COHESION", "CONTAMINATION"],
  },
  {
    code: "SL-07",
    name: "Servizi digitali al cittadino",
    description:
      "Servizi comunali online con SPID e CIE, pagamenti pagoPA, app IO e piattaforme condivise tra i comuni della Smart Land.",
    theme: "PA_CAPACITY",
    pnrrMission: "M1",
    values: ["INNOVATION", "CONTAMINATION"],
  },
  {
    code: "SL-08",
    name: "Ambiente, acqua e gestione dei rifiuti",
    description:
      "Raccolta differenziata puntuale, gestione sostenibile dell'acqua, forestazione urbana e tutela dei corsi d'acqua del Parco Agricolo Sud Milano.",
    theme: "ENVIRONMENT",
    pnrrMission: "M2",
    values: ["SUSTAINABILITY"],
  },
  {
    code: "SL-09",
    name: "Inclusione sociale e welfare di comunità",
    description:
      "Servizi di prossimità per anziani, famiglie e persone fragili, organizzati insieme al terzo settore e in forma associata tra i comuni.",
    theme: "SOCIAL_INCLUSION_HEALTH",
    pnrrMission: "M5",
    values: ["COHESION"],
  },
  {
    code: "SL-10",
    name: "Cultura e turismo",
    description:
      "Valorizzazione del patrimonio storico e dei cammini del Sud Est Milano, biblioteche come hub culturali e promozione turistica comune.",
    theme: "CULTURE_TOURISM",
    pnrrMission: "M1",
    values: ["CONTAMINATION", "COHESION"],
  },
] as const satisfies readonly StreamSeed[];

export type StreamCode = (typeof STREAMS)[number]["code"];

export function streamId(code: string): string {
  return seedUuid(`stream:${code}`);
}

/** Inserts the missing streams; returns the ids by code as they are in the database (an existing stream keeps its own id). */
export async function seedStreams(prisma: SeedDb) {
  const inserted = await prisma.stream.createMany({
    data: STREAMS.map((s) => ({ ...s, id: streamId(s.code), values: [...s.values] })),
    skipDuplicates: true,
  });
  const rows = await prisma.stream.findMany({
    where: { code: { in: STREAMS.map((s) => s.code) } },
    select: { id: true, code: true },
  });
  return { streams: inserted.count, idsByCode: new Map(rows.map((r) => [r.code, r.id])) };
}
