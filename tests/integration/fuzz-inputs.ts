// Generators of hostile input for the fuzz tests (tests/integration/fuzz.test.ts, tests/e2e/fuzz.spec.ts).
//
// Every form field is described by its kind; for each kind there is a generator of values the schema
// must ACCEPT (hostile but legal: injection strings, RTL and zero-width characters, emoji, maximum
// lengths) and one of values it must REFUSE (wrong types, oversized strings, NUL bytes and lone
// surrogates, negative and enormous numbers, malformed identifiers). A malformed record is a valid
// record with one to three fields replaced by refused values: the schema must name each of them.
import fc from "fast-check";
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_SOURCES,
  HEALTHS,
  INDICATOR_THEMES,
  PNRR_MISSIONS,
  PROGRAMME_VALUES,
  PROJECT_STATUSES,
  ROLES,
  THEMES,
} from "@/lib/format";

export type Kind =
  | { t: "text"; min: number; max: number; required: boolean }
  | { t: "money"; required: boolean }
  | { t: "decimal4" }
  | { t: "date" }
  | { t: "uuid"; required: boolean; valid: string | null }
  | { t: "enum"; values: readonly string[]; required: boolean }
  | { t: "int"; min: number; max: number; required: boolean }
  | { t: "version" }
  | { t: "cup" }
  | { t: "cig" }
  | { t: "istatList" }
  | { t: "streamCode" }
  | { t: "email" }
  | { t: "values" }
  | { t: "members"; valid: string }
  | { t: "istat"; valid: string | null };

export type Shape = Record<string, Kind>;

const text = (min: number, max: number, required = true): Kind => ({ t: "text", min, max, required });

/** Strings that are legal content and must come back byte for byte (after trimming). */
export const HOSTILE_TEXT = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg/onload=alert(document.domain)>',
  "javascript:alert(1)",
  '\'; DROP TABLE "Project"; --',
  "' OR '1'='1' --",
  "1; SELECT pg_sleep(10)",
  "$$; COPY x TO PROGRAM 'id'; $$",
  "\u202Egnp.exe\u202C (RTL override)",
  "مشروع المدينة الذكية",
  "פרויקט עיר חכמה",
  "zero\u200Bwidth\u200C\u200D\uFEFFjoiners",
  "👩‍👩‍👧‍👦 🇮🇹 🚲 ✓",
  "Z̴̡̛a̷l̶g̸o̵ ̶t̸e̷x̷t̴",
  "${7*7} {{7*7}} #{7*7} %s %n %x",
  "../../../../etc/passwd",
  "\\u0000 as text, \\x00, %00",
  "__proto__ constructor prototype",
  "CUP J71B19000120004; CIG 1234567ABC",
  "città — «virgolette» ‘curve’ € 1.234,56",
  "Riga uno\nRiga due\r\nRiga tre\ttab",
] as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UTF-16 surrogate without its other half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A legal text of `min`..`max` characters (after trimming) mixing the hostile samples with generated unicode. */
function goodText(min: number, max: number) {
  const sample = fc.oneof(
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
  );
  return fc
    .tuple(sample, fc.boolean())
    .map(([s, long]) => {
      // No control characters (issue #16: never stored; tab and newlines only in multi-line fields).
      const clean = s
        .replace(/\u0000/g, "0")
        .replace(/[\u0001-\u001F\u007F-\u009F]/g, " ")
        .replace(new RegExp(LONE_SURROGATE, "g"), "?");
      let value = `Ab ${clean}`.trim();
      if (long) value = (value + " ").repeat(Math.ceil(max / (value.length + 1))).trim();
      while (value.length > max) value = Array.from(value).slice(0, -1).join("").trim();
      return value.length >= min ? value : "Abcdef".slice(0, Math.max(min, 3));
    })
    .filter((v) => v.length >= min && v.length <= max && !LONE_SURROGATE.test(v));
}

/** Values that are not text at all. JSON-safe unless `jsonOnly` is false. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { minKeys: 1, maxKeys: 2 }),
);

/** Characters PostgreSQL cannot store in text: NUL, and UTF-16 surrogates without their pair. */
const unstorable = fc
  .tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\uD800", "\uDFFF", "\uDBFF\u0041"))
  .map(([s, bad]) => `Titolo ${s}${bad} fine`);

const oversized = (max: number) =>
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom("x", "é", "中", "<", "'")).map(([extra, ch]) => {
    // One UTF-16 unit per character, so every way of counting agrees that it is too long.
    const count = extra === 3 ? Math.max(max + 1, 200_000) : max + extra;
    return "A" + ch.repeat(count);
  });

const notADate = fc.oneof(
  fc.constantFrom("31/02/2026", "2026-13-01", "2026-02-30", "00/00/0000", "1/1/1899", "01/01/2101", "ieri"),
  fc.constantFrom("2026-01-01T99:99", "25/11/26", "11/25/2026x", "NaN", "Infinity", "1e10", "domani"),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
);

const notANumber = fc.oneof(
  fc.constantFrom(
    "abc",
    "1,2,3",
    "12..5",
    "--5",
    "5-",
    "1e5x",
    "0x10",
    "€€",
    "NaN",
    "Infinity",
    "1 2 3 4,5,6",
  ),
  fc.constant(Number.POSITIVE_INFINITY).map(() => "∞"),
  fc.boolean(),
  fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { minKeys: 1, maxKeys: 2 }),
);

const hugeNumber = fc.oneof(
  fc.integer({ min: 13, max: 400 }).map((n) => "9".repeat(n)),
  fc.constantFrom(1e15, 1e300, Number.MAX_VALUE, 2 ** 63),
);

const notInSet = (values: readonly string[]) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom(...values.map((v) => v.toLowerCase() + "x")),
    )
    // Nothing that looks like an enum value (ACTION "DONE" would be legal, and fail elsewhere).
    .filter((s) => s.trim() !== "" && !values.includes(s.trim()) && !/^[A-Z0-9_]+$/.test(s.trim()));

const notAUuid = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "" && !UUID_RE.test(s.trim())),
  fc.constantFrom("' OR 1=1 --", "00000000-0000-0000-0000-00000000000g", "../projects", "null"),
  fc.integer(),
);

// A list field splits at spaces, commas and semicolons and drops the empty pieces (so "," is an empty list,
// which is valid): a bad value must hold at least one piece that is not six digits.
const notAnIstat = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => s.split(/[\s,;]+/).some((code) => code !== "" && !/^[0-9]{6}$/.test(code))),
  fc.constantFrom("12345", "1234567", "abcdef", "01519Z", "015192; DROP"),
);

/** A value `kind` must refuse. */
export function badValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case "text": {
      const bad: fc.Arbitrary<unknown>[] = [wrongType, oversized(kind.max), unstorable];
      if (kind.required) bad.push(fc.constantFrom("", "   ", "\t\n", null));
      if (kind.min > 1) bad.push(fc.constant("x".repeat(kind.min - 1)).filter((s) => s.length > 0));
      return fc.oneof(...bad);
    }
    case "money": {
      const bad: fc.Arbitrary<unknown>[] = [
        notANumber,
        hugeNumber,
        fc.integer({ min: -1e9, max: -1 }),
        fc.constantFrom("-0,01", "-1.234,56", "1,234", "0,001", "12,345", "−5"),
      ];
      if (kind.required) bad.push(fc.constantFrom("", " ", null));
      return fc.oneof(...bad);
    }
    case "decimal4":
      return fc.oneof(
        notANumber,
        fc.constantFrom("1,23456", "0,00001", "-7,000001"),
        fc.integer({ min: 15, max: 300 }).map((n) => "8".repeat(n)),
      );
    case "date":
      return notADate;
    case "uuid":
      return kind.required ? fc.oneof(notAUuid, fc.constantFrom("", null)) : notAUuid;
    case "enum":
      return kind.required
        ? fc.oneof(notInSet(kind.values), fc.constantFrom("", null))
        : notInSet(kind.values);
    case "int":
      return fc.oneof(
        fc.integer({ min: kind.max + 1, max: kind.max + 1_000_000 }),
        fc.integer({ min: kind.min - 1_000_000, max: kind.min - 1 }),
        fc.constantFrom(1.5, "1.5", "12abc", "∞", 1e300, -1e300, "1e3", "0x1F"),
        fc.boolean(),
        fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
      );
    case "version":
      return fc.oneof(
        fc.constantFrom(
          0,
          -1,
          1.5,
          "abc",
          "",
          null,
          2 ** 31,
          2 ** 40,
          Number.MAX_SAFE_INTEGER,
          1e300,
          "99999999999",
        ),
        fc.integer({ min: -1_000_000, max: 0 }),
        fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
      );
    case "cup":
      return fc.oneof(
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((s) => s.trim().length > 0 && s.trim().length !== 15),
        fc.constantFrom("j71b19000120004x", "J71B1900012000!", "'; DROP TABLE x;", "<script>x</script>"),
        fc.integer({ min: 1 }),
      );
    case "cig":
      return fc.oneof(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((s) => s.trim().length > 0 && s.trim().length !== 10),
        fc.constantFrom("1234567ZZZ", "<b>123</b>", "' OR 1=1--"),
        fc.integer({ min: 1 }),
      );
    case "istatList":
      return fc.oneof(
        notAnIstat,
        fc.array(notAnIstat, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
        fc.constant([["015192"]]),
      );
    case "streamCode":
      return fc.oneof(
        fc.constantFrom("a", "-AB", "AB CD", "ÀB", "AB_CD", "ABCDEFGHIJKLMNOPQ", "<b>", "A'", ""),
        wrongType,
        unstorable,
      );
    case "email":
      return fc.oneof(
        fc.constantFrom(
          "no-at-sign",
          "a@",
          "@b.it",
          "a b@c.it",
          "<script>@x.it",
          "a@b",
          "",
          "x".repeat(250) + "@a.it",
        ),
        wrongType,
        unstorable,
      );
    case "values":
      return fc.oneof(
        fc.constant([]),
        fc.array(notInSet(PROGRAMME_VALUES), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        fc.constant([{}]),
      );
    case "members":
      return fc.oneof(
        fc.constant([]),
        fc.array(notAnIstat, { minLength: 1, maxLength: 3 }),
        fc.integer(),
        fc.constant([[1]]),
      );
    case "istat":
      return notAnIstat;
  }
}

/** A value `kind` must accept. */
export function goodValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case "text":
      return kind.required
        ? goodText(kind.min, kind.max)
        : fc.oneof(goodText(Math.max(kind.min, 1), kind.max), fc.constantFrom("", null));
    case "money":
      return fc.oneof(
        fc.integer({ min: 0, max: 999_999_999 }).map((c) => (c / 100).toFixed(2)),
        fc.constantFrom("1.234,56", "0", "€ 10", "999999999999,99"),
      );
    case "decimal4":
      return fc.oneof(
        fc.constantFrom(null, "", "-12,5", "0,0001", "12345678901234"),
        fc.integer().map(String),
      );
    case "date":
      return fc.constantFrom(null, "");
    case "uuid":
      return fc.constant(kind.valid);
    case "enum":
      return fc.constantFrom(...kind.values);
    case "int":
      return fc.integer({ min: kind.min, max: kind.max });
    case "version":
      return fc.constant(1);
    case "cup":
    case "cig":
      return fc.constant(null);
    case "istatList":
      return fc.constant([]);
    case "streamCode":
      return fc.integer({ min: 100, max: 9999 }).map((n) => `FZ-${n}`);
    case "email":
      return fc.integer({ min: 0, max: 1e9 }).map((n) => `fuzz.${n}@example.it`);
    case "values":
      return fc.subarray([...PROGRAMME_VALUES], { minLength: 1 });
    case "members":
      return fc.constant([kind.valid]);
    case "istat":
      return fc.constant(kind.valid);
  }
}

/** A record every field of which is legal. */
export function validRecord(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(shape).map(([k, kind]) => [k, goodValue(kind)])));
}

/** A legal record with 1–3 fields replaced by illegal values; `broken` names them. */
export function malformedRecord(shape: Shape) {
  const keys = Object.keys(shape);
  return fc
    .tuple(validRecord(shape), fc.subarray(keys, { minLength: 1, maxLength: Math.min(3, keys.length) }))
    .chain(([record, broken]) =>
      fc.tuple(...broken.map((k) => badValue(shape[k]))).map((values) => ({
        input: { ...record, ...Object.fromEntries(broken.map((k, i) => [k, values[i]])) },
        broken,
      })),
    );
}

/** Whole bodies that are not a record at all. */
export const notARecord = fc.oneof(
  fc.constantFrom(null, [], "", "testo", 42, true, [{ title: "x" }]),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.string(),
);

/** Raw request bodies that are not JSON (or barely): truncated, binary, huge. */
export const notJson = fc.oneof(
  fc.constantFrom("{", '{"title":', "nul", "{'a':1}", "\u0000", "[1,2", '{"a":1}}', "NaN", "<xml/>"),
  fc.string({ unit: "binary", maxLength: 50 }).map((s) => `{${s}`),
  fc.uint8Array({ maxLength: 200 }),
);

// ---------------------------------------------------------------------------------------------------------
// The shapes of the schemas under test (lib/validation).

export function projectShape(streamId: string): Shape {
  return {
    streamId: { t: "uuid", required: true, valid: streamId },
    title: text(3, 300),
    summary: text(0, 5000, false),
    cup: { t: "cup" },
    localCode: text(0, 40, false),
    totalCost: { t: "money", required: true },
    plannedStart: { t: "date" },
    plannedEnd: { t: "date" },
    actualStart: { t: "date" },
    actualEnd: { t: "date" },
    status: { t: "enum", values: PROJECT_STATUSES, required: false },
    health: { t: "enum", values: HEALTHS, required: false },
    progress: { t: "int", min: 0, max: 100, required: false },
    smartLandId: { t: "uuid", required: false, valid: null },
    partnerIstat: { t: "istatList" },
  };
}

export const fundingLineShape: Shape = {
  source: { t: "enum", values: FUNDING_SOURCES, required: true },
  programme: text(0, 200, false),
  year: { t: "int", min: 1990, max: 2100, required: true },
  amountPlanned: { t: "money", required: true },
  amountCommitted: { t: "money", required: false },
  amountPaid: { t: "money", required: false },
};

export const actionShape: Shape = {
  title: text(2, 300),
  kind: { t: "enum", values: ACTION_KINDS, required: true },
  owner: text(0, 120, false),
  dueDate: { t: "date" },
  doneDate: { t: "date" },
  status: { t: "enum", values: ACTION_STATUSES.filter((s) => s !== "DONE"), required: false },
  cig: { t: "cig" },
};

export const indicatorShape: Shape = {
  name: text(2, 200),
  theme: { t: "enum", values: INDICATOR_THEMES, required: true },
  unit: text(1, 40),
  baseline: { t: "decimal4" },
  target: { t: "decimal4" },
  actual: { t: "decimal4" },
  period: text(0, 40, false),
};

export const streamShape: Shape = {
  code: { t: "streamCode" },
  name: text(3, 120),
  description: text(0, 2000, false),
  theme: { t: "enum", values: THEMES, required: true },
  pnrrMission: { t: "enum", values: PNRR_MISSIONS, required: false },
  values: { t: "values" },
};

export function smartLandShape(member: string): Shape {
  return {
    name: text(3, 120),
    phase: text(1, 60),
    description: text(0, 2000, false),
    members: { t: "members", valid: member },
    leadIstat: { t: "istat", valid: member },
  };
}

export function userShape(comune: string): Shape {
  return {
    name: text(2, 120),
    email: { t: "email" },
    role: { t: "enum", values: ROLES, required: true },
    comuneIstat: { t: "istat", valid: comune },
  };
}

export function withVersion(shape: Shape): Shape {
  return { ...shape, version: { t: "version" } };
}

/** Everything a write would change: row counts, version sums, audit events other than refusals. */
export const FINGERPRINT_SQL = `SELECT
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "Project") AS project,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "FundingLine") AS funding,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "Action") AS action,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "Indicator") AS indicator,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "Stream") AS stream,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "SmartLand") AS smartland,
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "User") AS "user",
    (SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM "Comune") AS comune,
    (SELECT count(*) FROM "ProjectPartner") AS partners,
    (SELECT count(*) FROM "SmartLandMember") AS members,
    (SELECT count(*) FROM "UserToken") AS user_tokens,
    (SELECT count(*) FROM "AuditEvent" WHERE action <> 'ACCESS_DENIED') AS audit`;
