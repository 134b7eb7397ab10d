// The deterministic import file of the import benchmark, also used by the fault test (a large import
// interrupted by killing the server). Everything derives from the row index.

const STREAMS = ["SL-01", "SL-02", "SL-03", "SL-04", "SL-05", "SL-06", "SL-07", "SL-08", "SL-09", "SL-10"];
const STATUSES = ["Non avviato", "In corso di progettazione", "In affidamento", "In esecuzione"];
const SOURCES = ["PNRR", "Regione Lombardia", "UE – FESR", "Comune (fondi propri)"];
const euro = (cents) =>
  `${Math.floor(cents / 100).toLocaleString("it-IT")},${String(cents % 100).padStart(2, "0")}`;
const pad = (n, w) => String(n).padStart(w, "0");

/**
 * The rows of the file: per project one INTERVENTO, two RISORSA and two AZIONE rows (deterministic:
 * everything derives from the index); `edit` changes every record. `makeOrdinaryCig` comes from
 * lib/validation/identifiers.ts (loaded with tsx by the caller).
 */
export function importRows({ projects, edit = false, makeOrdinaryCig, prefix = "BENCH" }) {
  const out = [];
  for (let i = 0; i < projects; i++) {
    const code = `${prefix}-${pad(i, 5)}`;
    const key = { "Codice locale": code };
    out.push({
      "Tipo riga": "INTERVENTO",
      ...key,
      Titolo: `Intervento di prova n. ${i + 1}${edit ? " (aggiornato)" : ""} – Città`,
      Descrizione: `Descrizione dell'intervento ${i + 1}.`,
      "Codice filone": STREAMS[i % STREAMS.length],
      "Stato procedurale": STATUSES[i % STATUSES.length],
      Andamento: "In linea",
      "Avanzamento (%)": String((i * 7) % 100),
      "Costo totale": euro(100_000_00 + i * 1234),
      "Inizio previsto": `${pad((i % 28) + 1, 2)}/${pad((i % 12) + 1, 2)}/2026`,
      "Fine prevista": `${pad((i % 28) + 1, 2)}/${pad((i % 12) + 1, 2)}/2028`,
    });
    for (let f = 0; f < 2; f++) {
      out.push({
        "Tipo riga": "RISORSA",
        ...key,
        Fonte: SOURCES[(i + f) % SOURCES.length],
        Programma: `Programma ${f + 1}`,
        Anno: String(2026 + f),
        Previsto: euro(50_000_00 + i),
        Impegnato: euro(edit ? 30_000_00 : 20_000_00),
        Pagato: euro(edit ? 10_000_00 : 0),
      });
    }
    for (let a = 0; a < 2; a++) {
      out.push({
        "Tipo riga": "AZIONE",
        ...key,
        "Titolo azione": a === 0 ? "Progettazione esecutiva" : "Gara d'appalto",
        "Tipo azione": a === 0 ? "Progettazione" : "Affidamento (gara)",
        Responsabile: "Ufficio tecnico",
        Scadenza: `${pad((i % 28) + 1, 2)}/${pad(a * 6 + 1, 2)}/2027`,
        "Stato azione": edit ? "In corso" : "Da fare",
        CIG: a === 1 ? makeOrdinaryCig(1_000_000 + i) : "",
      });
    }
  }
  return out;
}

/** A ";"-separated UTF-8 CSV with BOM, as the export and the template write it. */
export function csvFile(headers, list, name = "bench.csv") {
  const q = (v) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [headers.join(";"), ...list.map((r) => headers.map((h) => q(r[h] ?? "")).join(";"))];
  return { name, bytes: new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`) };
}
