import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { insertInBatches, type SeedDb } from "./client";

export const COMUNI_CSV_PATH = fileURLToPath(new URL("../data/lombardia-comuni-2023.csv", import.meta.url));

export type ComuneRow = {
  istat: string;
  name: string;
  provinceIstat: string;
  provinceAcronym: string;
  provinceName: string;
  cadastralCode: string;
  population: number;
};

const HEADER = [
  "istat_code",
  "name",
  "province_istat_code",
  "province_acronym",
  "province_name",
  "cadastral_code",
  "population_census_2011",
];

/**
 * The ISTAT list of Lombardy's comuni. The file is plain comma-separated text without quoting (names
 * carry apostrophes and accents but no commas), CRLF line ends; codes stay text with their leading zeros.
 */
export function readComuniCsv(path = COMUNI_CSV_PATH): ComuneRow[] {
  const lines = readFileSync(path, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  if (lines.shift() !== HEADER.join(",")) throw new Error(`${path}: unexpected header`);
  return lines.map((line, i) => {
    const cells = line.split(",");
    const [istat, name, provinceIstat, provinceAcronym, provinceName, cadastralCode, population] = cells;
    if (
      cells.length !== HEADER.length ||
      !/^\d{6}$/.test(istat!) ||
      !/^\d{3}$/.test(provinceIstat!) ||
      !istat!.startsWith(provinceIstat!) ||
      !/^[A-Z]{2}$/.test(provinceAcronym!) ||
      !/^[A-Z]\d{3}$/.test(cadastralCode!) ||
      !/^\d+$/.test(population!) ||
      !name
    ) {
      throw new Error(`${path}:${i + 2}: malformed row "${line}"`);
    }
    return {
      istat: istat!,
      name: name.trim(),
      provinceIstat: provinceIstat!,
      provinceAcronym: provinceAcronym!,
      provinceName: provinceName!.trim(),
      cadastralCode: cadastralCode!,
      population: Number(population),
    };
  });
}

/** Milan is a metropolitan city since 2015; the UI names it so (glossary). */
const PROVINCE_NAMES: Record<string, string> = { "015": "Città metropolitana di Milano" };

export const LOMBARDY_PROVINCE_COUNT = 12;
export const LOMBARDY_COMUNE_COUNT = 1503;

/** The 12 provinces and 1,503 comuni. Inserts what is missing and never modifies an existing row. */
export async function seedReference(prisma: SeedDb, rows = readComuniCsv()) {
  const provinces = new Map<string, { istat: string; acronym: string; name: string }>();
  for (const row of rows) {
    if (!provinces.has(row.provinceIstat)) {
      provinces.set(row.provinceIstat, {
        istat: row.provinceIstat,
        acronym: row.provinceAcronym,
        name: PROVINCE_NAMES[row.provinceIstat] ?? row.provinceName,
      });
    }
  }
  const provinceRows = [...provinces.values()].sort((a, b) => a.istat.localeCompare(b.istat));
  const provincesInserted = await prisma.province
    .createMany({ data: provinceRows, skipDuplicates: true })
    .then((r) => r.count);

  const comuniInserted = await insertInBatches(
    rows.map((row) => ({
      istat: row.istat,
      name: row.name,
      provinceIstat: row.provinceIstat,
      cadastralCode: row.cadastralCode,
      population: row.population,
    })),
    (batch) => prisma.comune.createMany({ data: batch, skipDuplicates: true }),
  );
  return { provinces: provincesInserted, comuni: comuniInserted };
}
