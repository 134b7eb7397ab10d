// Hostile uploads (issue #14, item 1): each is refused through the real import route with a 413/422
// problem+json and an Italian message, within 5 seconds, without the process's memory growing by more
// than 256 MB, and nothing is written. The files are built at run time (scripts/reliability/hostile-files.mjs).
import { beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/comuni/[istat]/import/route";
import { createApiToken } from "@/lib/users/api-tokens";
import {
  bombSheetXlsx,
  csvLongLine,
  csvManyColumns,
  csvManyRows,
  farColumnXlsx,
  manyEntriesXlsx,
  manyRowsXlsx,
  mediaBombXlsx,
  withDeclaredSize,
} from "@/scripts/reliability/hostile-files.mjs";
import { actorFor, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

let token = "";
let bomb: Promise<Buffer> | null = null;
/** The 400 MB bomb, built once for the two tests that use it (~3 s of deflate). */
const bomb400 = () => (bomb ??= bombSheetXlsx(400));

beforeAll(async () => {
  token = (await createApiToken(await actorFor(OFFICER_SAN_DONATO), { name: "hostile" })).token;
});

type Outcome = {
  status: number;
  type: string | null;
  body: Record<string, unknown>;
  ms: number;
  rssGrowthMb: number;
};

/** POSTs `bytes` to the import route in-process; samples the RSS every 20 ms while it runs. */
async function upload(bytes: Uint8Array, name: string, query = "?dryRun=1"): Promise<Outcome> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const request = new Request(`http://127.0.0.1/api/v1/comuni/${SAN_DONATO}/import${query}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": name.endsWith(".csv") ? "text/csv" : "application/octet-stream",
        "x-file-name": name,
      },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    const response = await importRoute.POST(request, { params: Promise.resolve({ istat: SAN_DONATO }) });
    const text = await response.text();
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: JSON.parse(text) as Record<string, unknown>,
      ms: performance.now() - t0,
      rssGrowthMb: (peak - base) / 1024 / 1024,
    };
  } finally {
    clearInterval(timer);
  }
}

async function projectCount() {
  const [row] = await ownerQuery<{ n: string }>(
    `SELECT count(*)::text AS n FROM "Project" WHERE "comuneIstat" = $1`,
    [SAN_DONATO],
  );
  return row!.n;
}

function expectRefused(outcome: Outcome, status: number, detail: string | RegExp) {
  expect(outcome.status, JSON.stringify(outcome.body).slice(0, 300)).toBe(status);
  expect(outcome.type).toBe("application/problem+json");
  expect(outcome.body.detail ?? outcome.body.title).toMatch(detail);
  expect(outcome.ms, "time to refusal").toBeLessThan(5_000);
  expect(outcome.rssGrowthMb, "RSS growth (MB)").toBeLessThan(256);
}

const XLSX_TOO_LARGE = /^Il file XLSX è troppo grande una volta decompresso/;
const TOO_MANY_ROWS = "Il file ha troppe righe: il limite è di 20.000 righe. Dividilo in più file.";

describe("hostile XLSX files", () => {
  it("a sheet that inflates to 400 MB (1.2 MB on the wire) is refused from its declared size: 413", async () => {
    const before = await projectCount();
    const bytes = await bomb400();
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const outcome = await upload(bytes, "bomba.xlsx", "");
    expectRefused(outcome, 413, XLSX_TOO_LARGE);
    expect(outcome.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await projectCount()).toBe(before);
  }, 60_000);

  it("the same bomb declaring 2 KB is stopped while inflating (the actual bytes are counted)", async () => {
    const lying = withDeclaredSize(await bomb400(), "xl/worksheets/sheet1.xml", 2048);
    expectRefused(
      await upload(lying, "bomba.xlsx"),
      422,
      "Il file XLSX non si può leggere: è danneggiato o non è un file Excel. Salvalo di nuovo come XLSX.",
    );
  }, 60_000);

  it("a 1 GiB picture in xl/media (1 MB on the wire) is never inflated: refused from the declared sizes", async () => {
    const media = await mediaBombXlsx(1024);
    expect(media.length).toBeLessThan(2 * 1024 * 1024);
    expectRefused(await upload(media, "immagine.xlsx"), 413, XLSX_TOO_LARGE);
  }, 60_000);

  it("a zip of 20,000 entries is refused before any entry is read: 413", async () => {
    expectRefused(
      await upload(await manyEntriesXlsx(20_000), "elementi.xlsx"),
      413,
      "Il file XLSX contiene troppi elementi (il limite è di 1000): salvalo di nuovo come XLSX.",
    );
  }, 60_000);

  it("a sheet of a million rows is refused at the row cap while streaming: 422", async () => {
    expectRefused(await upload(await manyRowsXlsx(1_000_000), "righe.xlsx"), 422, TOO_MANY_ROWS);
  }, 60_000);

  it("a value in column XFD is refused (the row is never spread over 16,384 cells): 422", async () => {
    expectRefused(
      await upload(await farColumnXlsx(), "colonne.xlsx"),
      422,
      "Il file ha troppe colonne: il limite è di 256 colonne.",
    );
  });
});

describe("hostile CSV files", () => {
  it("1.7 million empty records: 422 at the row cap", async () => {
    expectRefused(await upload(csvManyRows(), "righe.csv"), 422, TOO_MANY_ROWS);
  }, 30_000);

  it("a million columns: 422", async () => {
    expectRefused(
      await upload(csvManyColumns(), "colonne.csv"),
      422,
      "Il file ha troppe colonne: il limite è di 256 colonne.",
    );
  }, 30_000);

  it("a 4 MB line: 422", async () => {
    expectRefused(
      await upload(csvLongLine(), "riga.csv"),
      422,
      "Una riga del file è troppo lunga: il limite è di 100.000 caratteri.",
    );
  }, 30_000);

  it("a body over 5 MB is refused with 413 before it is read", async () => {
    const outcome = await upload(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41), "grande.csv");
    expectRefused(outcome, 413, "Il file è troppo grande: il limite è di 5 MB. Dividilo in più file.");
  });
});
