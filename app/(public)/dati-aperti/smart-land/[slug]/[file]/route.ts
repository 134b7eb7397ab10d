import { problemFromError } from "@/lib/http/problem";
import { openDataResponse } from "@/lib/public/open-data";
import { openDataFile, publicUrl } from "@/lib/public/open-data-files";

/** /dati-aperti/smart-land/{slug}/interventi.csv|json: the public projects of one Smart Land. */
export async function GET(request: Request, context: { params: Promise<{ slug: string; file: string }> }) {
  try {
    const { slug, file } = await context.params;
    const format = openDataFile(file);
    return await openDataResponse({ kind: "smart-land", slug }, format, publicUrl(request));
  } catch (e) {
    return problemFromError(e);
  }
}
