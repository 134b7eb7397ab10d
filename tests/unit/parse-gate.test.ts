// The import's concurrency gate (issue #14, item 1): at most one heavy parse per process at a time.
import { describe, expect, it } from "vitest";
import { withHeavyParse } from "@/lib/import/parse-gate";

describe("one heavy parse per process at a time", () => {
  it("a second parse waits for the first; past the wait it is refused with 503 (UNAVAILABLE)", async () => {
    let release!: () => void;
    const first = withHeavyParse(() => new Promise<string>((resolve) => (release = () => resolve("primo"))));
    // Waits for the slot, then runs.
    const queued = withHeavyParse(async () => "secondo", { waitMs: 2_000 });
    // Gives up after 50 ms.
    const refused = withHeavyParse(async () => "terzo", { waitMs: 50 }).then(
      () => null,
      (e: unknown) => e,
    );
    const error = (await refused) as { code?: string; message?: string } | null;
    expect(error?.code).toBe("UNAVAILABLE");
    expect(error?.message).toBe("Il server sta già leggendo un altro file: riprova tra qualche secondo.");
    release();
    expect(await first).toBe("primo");
    expect(await queued).toBe("secondo");
  });
});
