/** Typed by hand, so that no type check infers a type from the 450 KB list. */
declare const commonPasswords: { about: string[]; passwords: string[] };
export default commonPasswords;
