import type { SeedDb } from "./client";
import { day, seedUuid } from "./deterministic";

/**
 * The 14 comuni of the Smart Land Sud Est Milano (the zona omogenea Sud Est of the Città metropolitana di
 * Milano; promoters Paullo, San Donato Milanese and Melegnano), with the short code used in local project
 * codes.
 */
export const SUD_EST_MILANO_COMUNI = [
  { istat: "015050", name: "Carpiano", code: "CRP" },
  { istat: "015071", name: "Cerro al Lambro", code: "CAL" },
  { istat: "015082", name: "Colturano", code: "COL" },
  { istat: "015101", name: "Dresano", code: "DRE" },
  { istat: "015139", name: "Mediglia", code: "MDG" },
  { istat: "015140", name: "Melegnano", code: "MEL" },
  { istat: "015167", name: "Pantigliate", code: "PTG" },
  { istat: "015169", name: "Paullo", code: "PAU" },
  { istat: "015171", name: "Peschiera Borromeo", code: "PSB" },
  { istat: "015192", name: "San Donato Milanese", code: "SDM" },
  { istat: "015195", name: "San Giuliano Milanese", code: "SGM" },
  { istat: "015202", name: "San Zenone al Lambro", code: "SZL" },
  { istat: "015222", name: "Tribiano", code: "TRB" },
  { istat: "015244", name: "Vizzolo Predabissi", code: "VZP" },
] as const;

export const ISTAT = {
  sanDonato: "015192",
  paullo: "015169",
  melegnano: "015140",
} as const;

/** The protocol among the promoters was signed on 14 March 2019. */
export const SMART_LAND_SINCE = day("2019-03-14");

export const SUD_EST_MILANO = {
  id: seedUuid("smart-land:sud-est-milano"),
  slug: "sud-est-milano",
  name: "Sud Est Milano",
  phase: "Fase 1",
  leadIstat: ISTAT.sanDonato,
  description:
    "Sperimentazione territoriale Smart Land avviata con la DGR XI/1355 dell'11/03/2019 di Regione Lombardia " +
    "e Anci Lombardia nella zona omogenea Sud Est della Città metropolitana di Milano. Promossa da Paullo, " +
    "San Donato Milanese e Melegnano con il protocollo del 14 marzo 2019, riunisce 14 comuni che condividono " +
    "filoni di intervento, risorse e azioni per un'innovazione diffusa e integrata del territorio, fondata " +
    "sui valori di innovazione, sostenibilità, coesione e contaminazione.",
} as const;

/**
 * The demo Smart Land, its 14 members, and the member flag of those comuni. Inserts what is missing;
 * a comune already marked as member (or a Smart Land edited by a coordinator) is left as it is.
 */
export async function seedSmartLand(prisma: SeedDb) {
  const { id: _id, ...fields } = SUD_EST_MILANO;
  const smartLands = await prisma.smartLand.createMany({
    data: [{ id: SUD_EST_MILANO.id, ...fields }],
    skipDuplicates: true,
  });
  const smartLand = await prisma.smartLand.findUniqueOrThrow({
    where: { slug: SUD_EST_MILANO.slug },
    select: { id: true },
  });
  const istats = SUD_EST_MILANO_COMUNI.map((c) => c.istat);
  const members = await prisma.smartLandMember.createMany({
    data: istats.map((comuneIstat) => ({
      smartLandId: smartLand.id,
      comuneIstat,
      joinedAt: SMART_LAND_SINCE,
    })),
    skipDuplicates: true,
  });
  // Only the rows not yet members: a rerun updates nothing (and leaves updatedAt alone).
  const comuni = await prisma.comune.updateMany({
    where: { istat: { in: istats }, member: false },
    data: { member: true, memberSince: SMART_LAND_SINCE },
  });
  return {
    smartLandId: smartLand.id,
    smartLands: smartLands.count,
    smartLandMembers: members.count,
    comuniMarkedMember: comuni.count,
  };
}
