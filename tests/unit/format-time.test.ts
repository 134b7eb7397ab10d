// Time is Rome's (issue 16, item 5): every date and time shown, exported or used as "today" is Europe/Rome,
// across the daylight-saving changes, whatever the server's clock zone. The clock is fixed with fake timers
// at moments where Rome's day (or hour) differs from UTC's.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionTimeline, type ActionRow } from "@/components/projects/action-timeline";
import { ProjectHistory } from "@/components/projects/project-history";
import { RollupFreshness } from "@/components/rollup/region-totals";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatInstantDate,
  formatInstantTime,
  formatTimestamp,
  instantIsoDate,
  isPastDue,
  romeToday,
  romeTodayDate,
  romeYear,
  toIsoDate,
} from "@/lib/format";
import { auditChanges, auditValue, formatDateTime as auditDateTime } from "@/lib/format/audit";
import { formatDateTime as userDateTime, formatDay } from "@/lib/users/labels";
import { cupProblem, isValidCup } from "@/lib/validation/identifiers";

/** 06/12/2026 00:30 in Rome (CET, UTC+1): UTC is still on the 5th. */
const AFTER_MIDNIGHT = new Date("2026-12-05T23:30:00Z");
/** The instant of the issue: 06/12/2026 00:29 in Rome. */
const REFRESHED = new Date("2026-12-05T23:29:00Z");
/** 29/03/2026 03:30 in Rome: the clocks went forward at 01:00 UTC (02:00 → 03:00). */
const SPRING = new Date("2026-03-29T01:30:00Z");
/** 25/10/2026 02:30 in Rome, still CEST (UTC+2): the clocks go back at 01:00 UTC (03:00 → 02:00). */
const AUTUMN = new Date("2026-10-25T00:30:00Z");
/** 25/10/2026 02:30 in Rome again, now CET (UTC+1). */
const AUTUMN_AGAIN = new Date("2026-10-25T01:30:00Z");
/** 15/07/2026 00:30 in Rome (CEST, UTC+2): UTC is still on the 14th. */
const SUMMER_MIDNIGHT = new Date("2026-07-14T22:30:00Z");
/** 01/01/2027 00:30 in Rome: UTC is still in 2026. */
const NEW_YEAR = new Date("2026-12-31T23:30:00Z");

const utcMidnight = (iso: string) => new Date(`${iso}T00:00:00Z`);

afterEach(() => {
  vi.useRealTimers();
});

describe("today is Rome's", () => {
  it("at 00:30 in Rome on 06/12/2026 (UTC still on the 5th)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    expect(romeToday()).toBe("2026-12-06");
    expect(romeTodayDate().toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(romeYear()).toBe(2026);
  });

  it("takes the moment as a parameter", () => {
    expect(romeToday(AFTER_MIDNIGHT)).toBe("2026-12-06");
    expect(romeToday(new Date("2026-12-05T22:59:59Z"))).toBe("2026-12-05");
    expect(romeTodayDate(SUMMER_MIDNIGHT).toISOString()).toBe("2026-07-15T00:00:00.000Z");
    expect(romeToday(new Date("2026-07-14T21:59:59Z"))).toBe("2026-07-14");
  });

  it("across the daylight-saving changes", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(SPRING);
    expect(romeToday()).toBe("2026-03-29");
    vi.setSystemTime(new Date("2026-03-28T23:30:00Z")); // 00:30 CET on the 29th
    expect(romeToday()).toBe("2026-03-29");
    vi.setSystemTime(new Date("2026-03-29T22:30:00Z")); // 00:30 CEST on the 30th
    expect(romeToday()).toBe("2026-03-30");
    vi.setSystemTime(AUTUMN);
    expect(romeToday()).toBe("2026-10-25");
    vi.setSystemTime(new Date("2026-10-24T22:30:00Z")); // 00:30 CEST on the 25th
    expect(romeToday()).toBe("2026-10-25");
    vi.setSystemTime(new Date("2026-10-25T23:30:00Z")); // 00:30 CET on the 26th
    expect(romeToday()).toBe("2026-10-26");
  });

  it("the year turns in Rome first", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NEW_YEAR);
    expect(romeYear()).toBe(2027);
    expect(romeToday()).toBe("2027-01-01");
    // A CUP decided in 2027 is not in the future any more at 00:30 on New Year's day in Rome.
    expect(isValidCup("J71B27000120004")).toBe(true);
    expect(cupProblem("J71B27000120004")).toBeNull();
    expect(cupProblem("J71B28000120004")).toBe("future-year");
  });
});

describe("overdue: a due date before Rome's today", () => {
  it("at 00:30 in Rome on 06/12/2026, due on the 5th is late, due on the 6th is not", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    expect(isPastDue(utcMidnight("2026-12-05"))).toBe(true);
    expect(isPastDue(utcMidnight("2026-12-06"))).toBe(false);
    expect(isPastDue(utcMidnight("2026-12-07"))).toBe(false);
    expect(isPastDue(null)).toBe(false);
  });

  it("with the clock passed in, across the daylight-saving changes", () => {
    expect(isPastDue(utcMidnight("2026-03-28"), new Date("2026-03-28T23:30:00Z"))).toBe(true);
    expect(isPastDue(utcMidnight("2026-03-29"), SPRING)).toBe(false);
    expect(isPastDue(utcMidnight("2026-10-24"), AUTUMN)).toBe(true);
    expect(isPastDue(utcMidnight("2026-10-25"), AUTUMN_AGAIN)).toBe(false);
    expect(isPastDue(utcMidnight("2026-07-14"), SUMMER_MIDNIGHT)).toBe(true);
  });

  it("the project's action timeline marks them so", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    const action = (id: string, due: string): ActionRow => ({
      id,
      title: `Azione ${id}`,
      kind: "PLANNING",
      status: "TODO",
      owner: "",
      cig: null,
      dueDate: utcMidnight(due),
      doneDate: null,
    });
    const html = renderToStaticMarkup(
      createElement(ActionTimeline, { actions: [action("a", "2026-12-05"), action("b", "2026-12-06")] }),
    );
    const items = html.split("<li").slice(1);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain("05/12/2026");
    expect(items[0]).toContain("In ritardo");
    expect(items[1]).toContain("06/12/2026");
    expect(items[1]).not.toContain("In ritardo");
  });
});

describe("instants are shown in Rome's time", () => {
  it("just after midnight", () => {
    expect(formatInstantDate(REFRESHED)).toBe("06/12/2026");
    expect(formatInstantTime(REFRESHED)).toBe("00:29");
    expect(formatDateTime(REFRESHED)).toBe("06/12/2026 00:29");
    expect(formatTimestamp(REFRESHED)).toBe("06/12/2026, 00:29");
    expect(instantIsoDate(REFRESHED)).toBe("2026-12-06");
    expect(auditDateTime(REFRESHED)).toBe("06/12/2026 00:29");
    expect(userDateTime(REFRESHED)).toBe("06/12/2026 alle 00:29");
    expect(formatDay(REFRESHED)).toBe("06/12/2026");
  });

  it("across the daylight-saving changes", () => {
    expect(formatDateTime(SPRING)).toBe("29/03/2026 03:30");
    expect(formatDateTime(new Date("2026-03-29T00:30:00Z"))).toBe("29/03/2026 01:30");
    expect(formatDateTime(AUTUMN)).toBe("25/10/2026 02:30");
    expect(formatDateTime(AUTUMN_AGAIN)).toBe("25/10/2026 02:30");
    expect(formatDateTime(new Date("2026-10-25T02:30:00Z"))).toBe("25/10/2026 03:30");
    expect(formatDateTime(SUMMER_MIDNIGHT)).toBe("15/07/2026 00:30");
    expect(formatInstantDate(SUMMER_MIDNIGHT)).toBe("15/07/2026");
    expect(instantIsoDate(SUMMER_MIDNIGHT)).toBe("2026-07-15");
    expect(formatInstantTime(new Date("2026-06-30T22:00:00Z"))).toBe("00:00");
  });

  it("the roll-up's freshness line", () => {
    const html = renderToStaticMarkup(createElement(RollupFreshness, { refreshedAt: REFRESHED }));
    expect(html).toContain("Dati aggiornati in tempo reale");
    expect(html).toContain("calcolate il 06/12/2026 alle 00:29");
  });

  it("a project's history", () => {
    const html = renderToStaticMarkup(
      createElement(ProjectHistory, {
        events: [
          {
            id: 1n,
            entity: "Project",
            action: "UPDATE",
            actorName: "Ufficio tecnico",
            actorRole: "COMUNE_EDITOR",
            before: { title: "A" },
            after: { title: "B" },
            createdAt: REFRESHED,
          },
        ],
      }),
    );
    expect(html).toContain("06/12/2026 00:29");
  });

  it("a missing or invalid moment is a dash", () => {
    for (const f of [formatInstantDate, formatInstantTime, formatDateTime, formatTimestamp]) {
      expect(f(null)).toBe("—");
      expect(f(undefined)).toBe("—");
      expect(f(new Date(Number.NaN))).toBe("—");
    }
    expect(() => instantIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("calendar dates (DATE columns, UTC midnight) never shift", () => {
  it("whatever the clock", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AFTER_MIDNIGHT);
    const due = utcMidnight("2026-12-05");
    expect(formatCalendarDate(due)).toBe("05/12/2026");
    expect(formatDate(due)).toBe("05/12/2026");
    expect(toIsoDate(due)).toBe("2026-12-05");
    expect(formatCalendarDate(utcMidnight("2026-03-29"))).toBe("29/03/2026");
    expect(formatCalendarDate(utcMidnight("2026-10-25"))).toBe("25/10/2026");
    expect(formatCalendarDate(null)).toBe("—");
  });
});

describe("the audit log's recorded values", () => {
  it("a moment (deletedAt) in Rome's time, a calendar date as stored", () => {
    expect(auditValue("2026-12-05T23:25:33.851Z", "deletedAt")).toBe("06/12/2026 00:25");
    expect(auditValue("2026-12-05T23:25:33Z")).toBe("06/12/2026 00:25");
    expect(auditValue("2026-12-05", "dueDate")).toBe("05/12/2026");
    expect(auditValue("2026-13-45T00:00:00Z")).toBe("2026-13-45T00:00:00Z");
    expect(auditChanges({ deletedAt: null }, { deletedAt: "2026-12-05T23:25:33.851Z" })).toEqual([
      { field: "deletedAt", label: expect.any(String), before: "—", after: "06/12/2026 00:25" },
    ]);
  });
});
