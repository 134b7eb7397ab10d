import { problemFromError } from "@/lib/http/problem";
import { openDataResponse } from "@/lib/public/open-data";
import { openDataFile, publicUrl } from "@/lib/public/open-data-files";

/** /dati-aperti/interventi.csv and /dati-aperti/interventi.json: every public project of the region. */
export async function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  try {
    const format = openDataFile((await context.params).file);
    return await openDataResponse({ kind: "region" }, format, publicUrl(request));
  } catch (e) {
    return problemFromError(e);
  }
}
