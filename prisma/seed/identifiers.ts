// The identifier rules (docs/identifiers.md), in the form the seed needs to produce valid values: the rules
// themselves are lib/validation/identifiers.ts, the ones the portal checks input with.
import { makeOrdinaryCig } from "../../lib/validation/identifiers";

export { CUP_PATTERN } from "../../lib/validation/identifiers";

/** An ordinary CIG from its 7-digit serial, e.g. 8874674 → "8874674CA7". */
export function ordinaryCig(serial: number): string {
  if (!Number.isInteger(serial) || serial < 1_000_000 || serial > 9_999_999) {
    throw new Error(`a CIG serial has 7 digits: ${serial}`);
  }
  return makeOrdinaryCig(serial);
}
