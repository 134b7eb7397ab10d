import { describe, expect, it } from "vitest";
import { contentDisposition, DOCUMENT_KINDS, documentFileName, detectFromHead } from "@/lib/documents/detect";
import { formatBytes } from "@/lib/format/documents";

describe("documents: names, sizes, heads", () => {
  it("sizes in Italian", () => {
    expect(formatBytes(512)).toBe("512 byte");
    expect(formatBytes(1536)).toBe("1,5 KB");
    expect(formatBytes(1.2 * 1024 * 1024)).toBe("1,2 MB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
  });

  it("the extension agrees with the content", () => {
    expect(documentFileName("Foto.JPEG", DOCUMENT_KINDS.jpeg)).toBe("Foto.JPEG");
    expect(documentFileName("foto.pdf", DOCUMENT_KINDS.png)).toBe("foto.png");
    expect(documentFileName("programma.exe", DOCUMENT_KINDS.pdf)).toBe("programma.pdf");
    expect(documentFileName("verbale", DOCUMENT_KINDS.pdf)).toBe("verbale.pdf");
    expect(documentFileName("delibera.pdf", DOCUMENT_KINDS.p7m)).toBe("delibera.pdf.p7m");
    expect(documentFileName("C:\\Users\\x\\atto.pdf", DOCUMENT_KINDS.pdf)).toBe("atto.pdf");
    expect(documentFileName("...", DOCUMENT_KINDS.pdf)).toBe("documento.pdf");
    expect(documentFileName(`${"a".repeat(300)}.pdf`, DOCUMENT_KINDS.pdf)).toHaveLength(200);
  });

  it("Content-Disposition: ASCII fallback and RFC 5987 filename*", () => {
    expect(contentDisposition('Città "nuova".pdf')).toBe(
      `attachment; filename="Citta _nuova_.pdf"; filename*=UTF-8''Citt%C3%A0%20%22nuova%22.pdf`,
    );
  });

  it("heads: magic numbers, never the name", () => {
    expect(detectFromHead(Buffer.from("%PDF-1.7"))).toBe(DOCUMENT_KINDS.pdf);
    expect(detectFromHead(Buffer.from("MZ\x90\x00"))).toBeNull();
    expect(detectFromHead(Buffer.from("<svg"))).toBeNull();
    expect(detectFromHead(Buffer.from("PK\x03\x04rest-of-a-zip-header-here-and-more"))).toBe("zip");
  });
});
