// Demo documents (issue #18): small generated PDFs on a few San Donato projects, one of them public on a
// published project, so the project page and the public page show the feature from the first start.
// Idempotent: fixed ids, inserted only when missing.
import { createHash } from "node:crypto";
import type { SeedDb } from "./client";
import { seedUuid } from "./deterministic";
import { demoUserId } from "./users";

/** A one-page PDF with `text` on it (valid: any viewer opens it). */
export function minimalPdf(text = "Smart Land"): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const SAN_DONATO = "015192";
const OFFICER = "referente.sandonato@smartland.example";

const DEMO_DOCUMENTS = [
  {
    file: "Delibera di Giunta n. 45-2025 - approvazione progetto.pdf",
    text: "Delibera di Giunta 45/2025",
    public: true,
  },
  { file: "Relazione tecnica illustrativa.pdf", text: "Relazione tecnica illustrativa", public: false },
  { file: "Determina a contrarre.pdf", text: "Determina a contrarre", public: false },
  { file: "Verbale di consegna lavori.pdf", text: "Verbale di consegna lavori", public: false },
];

export async function seedDocuments(prisma: SeedDb): Promise<{ documents: number }> {
  // The first three live, published San Donato projects (by title: stable across runs).
  const projects = await prisma.project.findMany({
    where: { comuneIstat: SAN_DONATO, deletedAt: null, publication: { isNot: null } },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: 3,
    select: { id: true },
  });
  const officer = await prisma.user.findUnique({
    where: { id: demoUserId(OFFICER) },
    select: { id: true, name: true },
  });
  let created = 0;
  for (const [i, d] of DEMO_DOCUMENTS.entries()) {
    const project = projects[i === 3 ? 0 : i];
    if (!project) continue;
    const id = seedUuid(`document:${d.file}`);
    if (await prisma.document.findUnique({ where: { id }, select: { id: true } })) continue;
    const bytes = minimalPdf(d.text);
    await prisma.document.create({
      data: {
        id,
        comuneIstat: SAN_DONATO,
        ownerKind: "PROJECT",
        ownerId: project.id,
        projectId: project.id,
        fileName: d.file,
        mediaType: "application/pdf",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        public: d.public,
        uploadedById: officer?.id ?? null,
        uploadedBy: officer?.name ?? "",
        createdAt: new Date(Date.UTC(2026, 0, 12 + i, 9)),
      },
    });
    await prisma.documentChunk.create({
      data: { documentId: id, seq: 0, comuneIstat: SAN_DONATO, data: new Uint8Array(bytes) },
    });
    created++;
  }
  return { documents: created };
}
