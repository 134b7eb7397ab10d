import type {
  FundingSource,
  Health,
  Prisma,
  ProjectStatus,
  ActionStatus,
} from "../../lib/generated/prisma/client";
import { insertInBatches, type SeedDb } from "./client";
import { lifecycle, PROFILES, SCHOOLS, type TitleTemplate } from "./demo-catalogue";
import { PLACES } from "./demo-places";
import {
  addDays,
  centsToDecimal,
  clampDate,
  createRng,
  dateBetween,
  day,
  daysBetween,
  hashSeed,
  maxDate,
  minDate,
  percentOf,
  seedUuid,
  type Rng,
} from "./deterministic";
import { CUP_PATTERN, ordinaryCig } from "./identifiers";
import { SUD_EST_MILANO, SUD_EST_MILANO_COMUNI } from "./smart-land";
import { STREAMS, type StreamCode } from "./streams";

/** The demo's "today": statuses, overdue actions and progress are consistent with this date. */
export const DEMO_TODAY = day("2026-11-25");
const FIRST_DAY = day("2019-03-01");
const LAST_DAY = day("2028-12-31");

/** Between 5 and 15 projects per comune, fixed by its ISTAT code. */
export function demoProjectCount(istat: string): number {
  return 5 + (hashSeed(`project-count:${istat}`) % 11);
}

type Flagship = { owner: string; stream: StreamCode; partners: string[]; title: string; summary: string };

/**
 * The inter-municipal projects (the only ones with partner comuni). San Donato Milanese has one with
 * Paullo; Melegnano's partners are neither Paullo nor San Donato — the cross-tenant tests rely on both.
 */
export const FLAGSHIPS: Flagship[] = [
  {
    owner: "015192",
    stream: "SL-01",
    partners: ["015169", "015171"],
    title: "Ciclovia della Paullese: tratto San Donato Milanese–Peschiera Borromeo–Paullo",
    summary:
      "Percorso ciclabile continuo lungo la SP 415 Paullese dalla fermata M3 di San Donato fino a Paullo, progettato e finanziato insieme da tre comuni della Smart Land. È l'asse portante della rete ciclabile del Sud Est Milano.",
  },
  {
    owner: "015169",
    stream: "SL-01",
    partners: ["015222"],
    title: "Pista ciclabile Paullo–Tribiano",
    summary:
      "Collegamento ciclopedonale protetto tra i centri di Paullo e Tribiano, con attraversamento in sicurezza della Paullese e raccordo con la ciclovia verso San Donato Milanese.",
  },
  {
    owner: "015140",
    stream: "SL-05",
    partners: ["015244", "015071"],
    title: "Videosorveglianza intercomunale Melegnano–Vizzolo Predabissi–Cerro al Lambro",
    summary:
      "Rete unica di telecamere e varchi di lettura targhe per i tre comuni, con la centrale operativa della polizia locale di Melegnano come punto di raccolta delle immagini.",
  },
  {
    owner: "015195",
    stream: "SL-08",
    partners: ["015082"],
    title: "Forestazione intercomunale nel Parco Agricolo Sud Milano – San Giuliano Milanese e Colturano",
    summary:
      "Nuovi boschi urbani e filari lungo i percorsi agricoli al confine tra San Giuliano Milanese e Colturano, con manutenzione affidata alle aziende agricole del Parco.",
  },
  {
    owner: "015171",
    stream: "SL-03",
    partners: ["015139"],
    title: "Anello in fibra ottica Peschiera Borromeo–Mediglia",
    summary:
      "Dorsale in fibra ottica che collega municipi, scuole e comandi di polizia locale di Peschiera Borromeo e Mediglia, con capacità riservata ai servizi della Smart Land.",
  },
  {
    owner: "015139",
    stream: "SL-09",
    partners: ["015167", "015082"],
    title: "Trasporto sociale intercomunale Mediglia–Pantigliate–Colturano",
    summary:
      "Un unico servizio di trasporto sociale per anziani e persone con disabilità dei tre comuni, con prenotazione centralizzata e mezzi attrezzati condivisi.",
  },
];

const STATUS_WEIGHTS: [ProjectStatus, number][] = [
  ["NOT_STARTED", 12],
  ["DESIGN_STARTING", 10],
  ["DESIGN", 16],
  ["PROCUREMENT", 12],
  ["EXECUTION", 26],
  ["COMPLETED", 20],
  ["CANCELLED", 4],
];

/** The status's position in the procedure, matched against the actions' phases (see `lifecycle`). */
const PHASE: Record<ProjectStatus, number> = {
  NOT_STARTED: -1,
  DESIGN_STARTING: 0,
  DESIGN: 1,
  PROCUREMENT: 2,
  EXECUTION: 3,
  COMPLETED: 99,
  CANCELLED: -1,
};

const PROGRESS: Record<ProjectStatus, [number, number]> = {
  NOT_STARTED: [0, 0],
  DESIGN_STARTING: [2, 12],
  DESIGN: [10, 30],
  PROCUREMENT: [25, 45],
  EXECUTION: [45, 95],
  COMPLETED: [100, 100],
  CANCELLED: [0, 25],
};

/** Percent of the planned amount committed, and percent of the committed amount paid. */
const SPENDING: Record<ProjectStatus, { committed: [number, number]; paid: [number, number] }> = {
  NOT_STARTED: { committed: [0, 0], paid: [0, 0] },
  DESIGN_STARTING: { committed: [0, 15], paid: [0, 10] },
  DESIGN: { committed: [5, 35], paid: [0, 30] },
  PROCUREMENT: { committed: [25, 70], paid: [5, 30] },
  EXECUTION: { committed: [70, 100], paid: [20, 80] },
  COMPLETED: { committed: [95, 100], paid: [90, 100] },
  CANCELLED: { committed: [0, 30], paid: [0, 40] },
};

type Dates = { plannedStart: Date; plannedEnd: Date; actualStart: Date | null; actualEnd: Date | null };

function planDates(rng: Rng, status: ProjectStatus): Dates {
  const span = (from: string, to: string) => dateBetween(rng, day(from), day(to));
  const plannedBefore = (actual: Date) => clampDate(addDays(actual, -rng.int(0, 120)), FIRST_DAY, actual);
  const until = (start: Date, min: number, max: number) =>
    minDate(addDays(start, rng.int(min, max)), LAST_DAY);
  switch (status) {
    case "NOT_STARTED": {
      const plannedStart = span("2025-10-01", "2028-03-31");
      return { plannedStart, plannedEnd: until(plannedStart, 300, 1000), actualStart: null, actualEnd: null };
    }
    case "COMPLETED": {
      const actualStart = span("2019-04-01", "2025-03-31");
      const duration = rng.int(150, 900);
      const actualEnd = minDate(addDays(actualStart, duration), addDays(DEMO_TODAY, -15));
      const plannedStart = plannedBefore(actualStart);
      const plannedEnd = addDays(plannedStart, Math.max(90, duration + rng.int(-120, 60)));
      return { plannedStart, plannedEnd, actualStart, actualEnd };
    }
    case "CANCELLED": {
      const actualStart = span("2019-09-01", "2024-06-30");
      const plannedStart = plannedBefore(actualStart);
      return { plannedStart, plannedEnd: until(plannedStart, 365, 1000), actualStart, actualEnd: null };
    }
    default: {
      const [from, to, min, max] = {
        DESIGN_STARTING: ["2024-09-01", "2026-10-31", 500, 1400],
        DESIGN: ["2023-01-01", "2026-09-30", 500, 1400],
        PROCUREMENT: ["2022-06-01", "2026-07-31", 450, 1300],
        EXECUTION: ["2021-03-01", "2026-05-31", 400, 1200],
      }[status] as [string, string, number, number];
      const actualStart = span(from, to);
      const plannedStart = plannedBefore(actualStart);
      return { plannedStart, plannedEnd: until(plannedStart, min, max), actualStart, actualEnd: null };
    }
  }
}

function healthOf(rng: Rng, status: ProjectStatus, dates: Dates): Health {
  if (status === "COMPLETED") return "ON_TRACK";
  if (status === "CANCELLED") return "OFF_TRACK";
  const late =
    dates.plannedEnd < DEMO_TODAY ||
    (status === "NOT_STARTED" && dates.plannedStart < addDays(DEMO_TODAY, -30));
  return late
    ? rng.weighted<Health>([
        ["OFF_TRACK", 55],
        ["AT_RISK", 45],
      ])
    : rng.weighted<Health>([
        ["ON_TRACK", 72],
        ["AT_RISK", 20],
        ["OFF_TRACK", 8],
      ]);
}

const year = (d: Date) => d.getUTCFullYear();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

type Fill = Record<string, string | undefined>;

function fill(text: string, values: Fill): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {${key}} in "${text}"`);
    return value;
  });
}

function fits(template: TitleTemplate, values: Fill, onLambro: boolean): boolean {
  if (template.lambro && !onLambro) return false;
  return [...`${template.title} ${template.summary}`.matchAll(/\{(\w+)\}/g)].every(
    (m) => values[m[1]!] !== undefined,
  );
}

export type DemoProgramme = {
  projects: Prisma.ProjectCreateManyInput[];
  partners: Prisma.ProjectPartnerCreateManyInput[];
  fundingLines: Prisma.FundingLineCreateManyInput[];
  actions: Prisma.ActionCreateManyInput[];
  indicators: Prisma.IndicatorCreateManyInput[];
};

/**
 * The demo programme of the Smart Land as plain rows: a pure function of its arguments (seeded PRNG,
 * name-based ids), so every run produces exactly the same data.
 */
export function buildDemoProgramme(input: {
  smartLandId: string;
  streamIds: ReadonlyMap<string, string>;
}): DemoProgramme {
  const out: DemoProgramme = { projects: [], partners: [], fundingLines: [], actions: [], indicators: [] };
  const cigRng = createRng("demo:cig");
  const cigs = new Set<string>();
  const newCig = () => {
    let serial = cigRng.int(7_000_000, 9_999_999);
    while (cigs.has(ordinaryCig(serial))) serial = serial === 9_999_999 ? 7_000_000 : serial + 1;
    const cig = ordinaryCig(serial);
    cigs.add(cig);
    return cig;
  };
  const streamIdOf = (code: StreamCode) => {
    const id = input.streamIds.get(code);
    if (!id) throw new Error(`stream ${code} is missing: run seedStreams first`);
    return id;
  };

  for (const comune of SUD_EST_MILANO_COMUNI) {
    const rng = createRng(`demo:${comune.istat}`);
    const place = PLACES[comune.istat];
    if (!place) throw new Error(`no local data for comune ${comune.istat}`);
    const cupPrefix = `${rng.pick([..."BCDEFGHIJ"])}${pad(rng.int(10, 99), 2)}`;
    const titles = new Set<string>();
    const count = demoProjectCount(comune.istat);

    for (let index = 0; index < count; index++) {
      const flagship = index === 0 ? FLAGSHIPS.find((f) => f.owner === comune.istat) : undefined;
      const values: Fill = {
        comune: comune.name,
        via: rng.pick(place.streets),
        frazione: place.hamlets.length > 0 ? rng.pick(place.hamlets) : undefined,
        vicino: rng.pick(place.neighbours),
        nodo: place.node,
        monumento: place.landmark,
        scuola: rng.pick(SCHOOLS),
      };

      let streamCode: StreamCode;
      let template: TitleTemplate;
      if (flagship) {
        streamCode = flagship.stream;
        template = { title: flagship.title, summary: flagship.summary };
      } else {
        for (let attempt = 0; ; attempt++) {
          if (attempt > 200) throw new Error(`cannot find a new title for ${comune.name}`);
          streamCode = rng.pick(STREAMS).code;
          const candidate = rng.pick(PROFILES[streamCode].titles);
          if (fits(candidate, values, place.lambro === true) && !titles.has(fill(candidate.title, values))) {
            template = candidate;
            break;
          }
        }
      }
      const profile = PROFILES[streamCode];
      const title = fill(template.title, values);
      titles.add(title);

      const status = rng.weighted(STATUS_WEIGHTS);
      const dates = planDates(rng, status);
      const health = healthOf(rng, status, dates);
      const progress = rng.int(...PROGRESS[status]);
      const totalCents = rng.int(...profile.cost) * 100 + (rng.chance(0.5) ? 0 : rng.int(1, 99));
      const streamIndex = STREAMS.findIndex((s) => s.code === streamCode);
      const withoutCup =
        (status === "NOT_STARTED" && rng.chance(0.6)) || (status === "DESIGN_STARTING" && rng.chance(0.2));
      const cupYear = Math.min(25, Math.max(19, year(dates.plannedStart) % 100));
      const cup = withoutCup
        ? null
        : `${cupPrefix}${"BCDEFGHIJK"[streamIndex]}${cupYear}${pad(rng.int(0, 9999), 4)}${comune.istat.slice(3)}${pad(index, 2)}`;
      if (cup !== null && !CUP_PATTERN.test(cup)) throw new Error(`malformed CUP ${cup}`);

      const projectId = seedUuid(`demo:project:${comune.istat}:${index}`);
      const owner = { projectId, comuneIstat: comune.istat };
      out.projects.push({
        id: projectId,
        comuneIstat: comune.istat,
        smartLandId: input.smartLandId,
        streamId: streamIdOf(streamCode),
        title,
        summary: fill(template.summary, values),
        cup,
        localCode: `${comune.code}-${year(dates.plannedStart)}-${pad(index + 1, 3)}`,
        totalCost: centsToDecimal(totalCents),
        ...dates,
        status,
        health,
        progress,
      });
      for (const partnerIstat of flagship?.partners ?? []) {
        out.partners.push({ ...owner, partnerIstat });
      }

      // Funding: 2–4 sources active in the project's years; sometimes less than the total cost (gap).
      const firstYear = Math.max(2019, year(dates.plannedStart) - 1);
      const lastYear = Math.min(2028, Math.max(firstYear, year(dates.plannedEnd)));
      const active = (p: { from: number; to: number }) => p.from <= lastYear && p.to >= firstYear;
      const sources = (Object.keys(profile.funding) as FundingSource[]).filter((s) =>
        profile.funding[s]!.some(active),
      );
      const lineCount = rng.int(2, Math.min(4, sources.length));
      const pnrrFits = template.pnrr !== undefined && lastYear >= 2022 && firstYear <= 2026;
      const chosen =
        pnrrFits && rng.chance(0.7)
          ? [
              "PNRR" as const,
              ...rng.sample(
                sources.filter((s) => s !== "PNRR"),
                lineCount - 1,
              ),
            ]
          : rng.sample(sources, lineCount);
      const funded = rng.chance(0.3) ? percentOf(totalCents, rng.int(55, 95)) : totalCents;
      const weights = chosen.map(() => rng.int(1, 10));
      const weightSum = weights.reduce((a, b) => a + b, 0);
      let allocated = 0;
      chosen.forEach((source, j) => {
        const planned =
          j === chosen.length - 1 ? funded - allocated : Math.floor((funded * weights[j]!) / weightSum);
        allocated += planned;
        const programme =
          source === "PNRR" && pnrrFits
            ? { name: template.pnrr!, from: 2022, to: 2026 }
            : rng.pick(profile.funding[source]!.filter(active));
        const lineYear = Math.min(
          Math.min(programme.to, 2028),
          Math.max(Math.max(programme.from, 2019), rng.int(firstYear, lastYear)),
        );
        const spending = SPENDING[status];
        const committed =
          rng.chance(0.04) && status !== "NOT_STARTED"
            ? percentOf(planned, rng.int(101, 108)) // an over-commitment, for the consistency checks
            : percentOf(planned, rng.int(...spending.committed));
        out.fundingLines.push({
          id: seedUuid(`${projectId}:funding:${j}`),
          ...owner,
          source,
          programme: programme.name,
          year: lineYear,
          amountPlanned: centsToDecimal(planned),
          amountCommitted: centsToDecimal(committed),
          amountPaid: centsToDecimal(percentOf(committed, rng.int(...spending.paid))),
        });
      });

      // Actions: 3–8 steps of the life cycle, always with the procurement, statuses following the project's.
      const steps = lifecycle(profile, chosen.includes("PNRR"));
      const procurement = steps.findIndex((s) => s.kind === "PROCUREMENT");
      const others = steps.map((_, i) => i).filter((i) => i !== procurement);
      const picked = [procurement, ...rng.sample(others, rng.int(3, Math.min(8, steps.length)) - 1)].sort(
        (a, b) => a - b,
      );
      const work = picked.filter((i) => steps[i]!.kind !== "MONITORING").length;
      const projectSpan = Math.max(60, daysBetween(dates.plannedStart, dates.plannedEnd));
      const phase = status === "CANCELLED" ? rng.int(0, 2) : PHASE[status];
      const cig = (() => {
        let value: string | undefined;
        return () => (value ??= newCig());
      })();
      let seenCurrent = false;
      let cancelledStep = false;
      let previousDue = FIRST_DAY;
      picked.forEach((stepIndex, k) => {
        const step = steps[stepIndex]!;
        let actionStatus: ActionStatus;
        let started: boolean;
        if (status === "CANCELLED") {
          actionStatus = step.phase < phase ? "DONE" : "BLOCKED";
          started = step.phase <= phase;
        } else if (step.phase < phase) {
          actionStatus = "DONE";
          started = true;
        } else if (step.phase === phase && !seenCurrent) {
          seenCurrent = true;
          actionStatus = health === "OFF_TRACK" && rng.chance(0.5) ? "BLOCKED" : "IN_PROGRESS";
          started = true;
        } else {
          actionStatus = "TODO";
          started = false;
        }

        let dueDate: Date | null =
          step.kind === "MONITORING"
            ? addDays(dates.plannedEnd, 90)
            : addDays(dates.plannedStart, Math.floor((projectSpan * (k + 1)) / (work + 1)));
        let doneDate: Date | null = null;
        if (actionStatus === "DONE") {
          const lower = dates.actualStart ?? dates.plannedStart;
          const upper =
            status === "COMPLETED" && step.kind !== "MONITORING" && dates.actualEnd
              ? dates.actualEnd
              : addDays(DEMO_TODAY, -1);
          doneDate = clampDate(addDays(dueDate, rng.int(-25, 40)), lower, upper);
        } else if (status === "CANCELLED") {
          // Work stopped at the revocation: only the step that was under way keeps a due date.
          if (cancelledStep) dueDate = null;
          cancelledStep = true;
        } else {
          // Open actions get rescheduled, except where the project is in trouble: the step under way of
          // a project at risk, and every step of a critical one, stay overdue.
          const current = actionStatus !== "TODO";
          const rescheduled = health === "ON_TRACK" || (health === "AT_RISK" && !current);
          if (rescheduled && dueDate < addDays(DEMO_TODAY, 7)) {
            dueDate = addDays(DEMO_TODAY, rng.int(14, 200));
          }
          dueDate = maxDate(dueDate, previousDue);
          previousDue = dueDate;
        }
        out.actions.push({
          id: seedUuid(`${projectId}:action:${k}`),
          ...owner,
          title: step.title,
          kind: step.kind,
          owner: step.owner,
          dueDate: dueDate && minDate(dueDate, LAST_DAY),
          doneDate,
          status: actionStatus,
          cig: step.kind === "PROCUREMENT" && started ? cig() : null,
        });
      });

      // Indicators: 1–3 of the stream's, the actual value moving from baseline to target with the work.
      rng.sample(profile.indicators, rng.int(1, 3)).forEach((indicator, k) => {
        const [baseline, target] = indicator.values(rng);
        const reached =
          status === "NOT_STARTED"
            ? null
            : status === "COMPLETED"
              ? rng.int(85, 110)
              : status === "EXECUTION"
                ? Math.floor((progress * rng.int(40, 90)) / 100)
                : 0;
        const actual = reached === null ? null : baseline + Math.trunc(((target - baseline) * reached) / 100);
        const hundredths = (v: number) => {
          const text = centsToDecimal(v);
          return text.endsWith(".00") ? text.slice(0, -3) : text;
        };
        out.indicators.push({
          id: seedUuid(`${projectId}:indicator:${k}`),
          ...owner,
          name: indicator.name,
          theme: indicator.theme,
          unit: indicator.unit,
          baseline: hundredths(baseline),
          target: hundredths(target),
          actual: actual === null ? null : hundredths(actual),
          period:
            actual === null
              ? String(year(dates.plannedEnd))
              : String(Math.min(2025, year(dates.actualEnd ?? DEMO_TODAY))),
        });
      });
    }
  }
  return out;
}

/**
 * The demo programme of the Smart Land Sud Est Milano: projects of its 14 comuni with partners,
 * funding lines, actions and indicators. Inserts what is missing (fixed ids, skipDuplicates) and never
 * modifies a row that exists: a rerun inserts nothing, and edits made in the app survive it.
 */
export async function seedDemoProgramme(prisma: SeedDb) {
  const smartLand = await prisma.smartLand.findUnique({
    where: { slug: SUD_EST_MILANO.slug },
    select: { id: true },
  });
  if (!smartLand) throw new Error(`smart land "${SUD_EST_MILANO.slug}" is missing: run seedSmartLand first`);
  const streams = await prisma.stream.findMany({
    where: { code: { in: STREAMS.map((s) => s.code) } },
    select: { id: true, code: true },
  });
  const demo = buildDemoProgramme({
    smartLandId: smartLand.id,
    streamIds: new Map(streams.map((s) => [s.code, s.id])),
  });

  const projects = await insertInBatches(demo.projects, (data) =>
    prisma.project.createMany({ data, skipDuplicates: true }),
  );
  // A demo project skipped because a row of the app holds its CUP or local code gets no children.
  const present = await prisma.project.findMany({
    where: { id: { in: demo.projects.map((p) => p.id!) } },
    select: { id: true, comuneIstat: true },
  });
  const owned = new Set(present.map((p) => `${p.id}/${p.comuneIstat}`));
  const ours = <T extends { projectId: string; comuneIstat: string }>(rows: T[]) =>
    rows.filter((r) => owned.has(`${r.projectId}/${r.comuneIstat}`));

  const partners = await insertInBatches(ours(demo.partners), (data) =>
    prisma.projectPartner.createMany({ data, skipDuplicates: true }),
  );
  const fundingLines = await insertInBatches(ours(demo.fundingLines), (data) =>
    prisma.fundingLine.createMany({ data, skipDuplicates: true }),
  );
  const actions = await insertInBatches(ours(demo.actions), (data) =>
    prisma.action.createMany({ data, skipDuplicates: true }),
  );
  const indicators = await insertInBatches(ours(demo.indicators), (data) =>
    prisma.indicator.createMany({ data, skipDuplicates: true }),
  );
  return { projects, projectPartners: partners, fundingLines, actions, indicators };
}
