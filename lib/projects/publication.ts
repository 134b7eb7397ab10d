// The publication state of a project (draft, then publish: lib/projects/publish-project.ts), as its page
// shows it. Pure: the project header's types use it.
import type { DecimalLike } from "@/lib/format";
import { compareDecimals, sumMoney } from "@/lib/money";

/** A project's publication as its page shows it: never published, published as is, or changed since. */
export type Publication =
  { state: "draft" } | { state: "published" | "changed"; publishedAt: Date; publishedVersion: number };

type Funding = {
  source: string;
  amountPlanned: DecimalLike;
  amountCommitted: DecimalLike;
  amountPaid: DecimalLike;
};
type Copy = {
  publishedAt: Date;
  publishedVersion: number;
  planned: DecimalLike;
  committed: DecimalLike;
  paid: DecimalLike;
  sources: string[];
};

/**
 * Published as is, or changed since: the project's own fields are covered by its version; its funding lines
 * have versions of their own, so their totals and sources are compared with the copy's.
 */
export function publicationOf(
  project: { version: number; fundingLines: Funding[] },
  copy: Copy | null,
): Publication {
  if (!copy) return { state: "draft" };
  const lines = project.fundingLines;
  const same = (published: DecimalLike, amounts: DecimalLike[]) =>
    compareDecimals(published.toString(), sumMoney(amounts)) === 0;
  const sources = [...new Set(lines.map((l) => l.source))].sort();
  const unchanged =
    copy.publishedVersion === project.version &&
    same(
      copy.planned,
      lines.map((l) => l.amountPlanned),
    ) &&
    same(
      copy.committed,
      lines.map((l) => l.amountCommitted),
    ) &&
    same(
      copy.paid,
      lines.map((l) => l.amountPaid),
    ) &&
    sources.join() === [...copy.sources].sort().join();
  return {
    state: unchanged ? "published" : "changed",
    publishedAt: copy.publishedAt,
    publishedVersion: copy.publishedVersion,
  };
}
