// How the portal shows documents (issue #18): sizes in Italian, type labels, the upload field's accept list.
// Pure and client-safe: the form and the lists use it; lib/documents/detect.ts decides what is accepted.

/** "1,2 MB", "340 KB", "512 byte" (decimal comma, 1 MB = 1,048,576 bytes like the 20 MB limit). */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} byte`;
  const one = (v: number) => new Intl.NumberFormat("it-IT", { maximumFractionDigits: 1 }).format(v);
  if (size < 1024 * 1024) return `${one(size / 1024)} KB`;
  return `${one(size / 1024 / 1024)} MB`;
}

export const DOCUMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "image/png": "Immagine PNG",
  "image/jpeg": "Immagine JPEG",
  "image/gif": "Immagine GIF",
  "image/webp": "Immagine WebP",
  "image/tiff": "Immagine TIFF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Documento Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Foglio Excel",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "Presentazione PowerPoint",
  "application/vnd.oasis.opendocument.text": "Documento OpenDocument",
  "application/vnd.oasis.opendocument.spreadsheet": "Foglio OpenDocument",
  "application/vnd.oasis.opendocument.presentation": "Presentazione OpenDocument",
  "application/vnd.oasis.opendocument.graphics": "Disegno OpenDocument",
  "application/msword": "Documento Word (formato precedente)",
  "application/vnd.ms-excel": "Foglio Excel (formato precedente)",
  "application/vnd.ms-powerpoint": "Presentazione PowerPoint (formato precedente)",
  "application/pkcs7-mime": "Documento firmato (.p7m)",
};

export const documentTypeLabel = (mediaType: string) =>
  Object.hasOwn(DOCUMENT_TYPE_LABELS, mediaType) ? DOCUMENT_TYPE_LABELS[mediaType]! : mediaType;

/** The upload field's `accept` (a hint to the file picker only: the server checks the content). */
export const DOCUMENT_ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.docx,.xlsx,.pptx,.odt,.ods,.odp,.odg,.doc,.xls,.ppt,.p7m";

export const DOCUMENT_HINT =
  "PDF, immagini (PNG, JPEG, GIF, WebP, TIFF), documenti Office o OpenDocument, file firmati .p7m; al massimo 20 MB. Il tipo è riconosciuto dal contenuto del file.";
