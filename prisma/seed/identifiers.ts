// The identifier rules (docs/identifiers.md), in the form the seed needs to produce valid values.

export const CUP_PATTERN = /^[A-Z][0-9A-Z]{2}[A-Z][0-9]{2}[0-9A-Z]{9}$/;

/** Check characters of an ordinary CIG: hex((n * 211) % 4091), three upper-case digits. */
export function cigCheck(serial: number): string {
  return ((serial * 211) % 4091).toString(16).toUpperCase().padStart(3, "0");
}

/** An ordinary CIG from its 7-digit serial, e.g. 8874674 → "8874674CA7". */
export function ordinaryCig(serial: number): string {
  if (!Number.isInteger(serial) || serial < 1_000_000 || serial > 9_999_999) {
    throw new Error(`a CIG serial has 7 digits: ${serial}`);
  }
  return `${serial}${cigCheck(serial)}`;
}

export function isValidOrdinaryCig(cig: string): boolean {
  const match = /^([0-9]{7})([0-9A-F]{3})$/.exec(cig);
  return match !== null && cigCheck(Number(match[1])) === match[2];
}
