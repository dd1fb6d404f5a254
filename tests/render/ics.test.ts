import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, type IcsEvent } from "../../src/render/ics.js";
import { parseIcs } from "../support/ics.js";

const STAMP = new Date("2026-01-20T06:00:00Z");

const event = (over: Partial<IcsEvent>): IcsEvent => ({
  uid: "hearing-x@casebot",
  sequence: 1,
  date: "2026-03-10",
  time: null,
  summary: "A hearing",
  status: "CONFIRMED",
  ...over,
});

describe("iCalendar output (RFC 5545)", () => {
  it("uses CRLF, folds at 75 octets without splitting a character, and escapes TEXT", () => {
    const long = "Қазақстан: бейбіт наразылығы үшін «Атажұрт» белсенділеріне тағылған айыптар алынсын; ".repeat(4);
    const text = buildCalendar([event({ summary: "Trial; day 2, room \\ 3\nsecond line", description: long, location: "Талдықорған, 1" })], {
      timeZone: "Asia/Almaty",
      stamp: STAMP,
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    for (const l of lines) expect(Buffer.byteLength(l, "utf8"), l).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(3);
    expect(text).toContain("SUMMARY:Trial\\; day 2\\, room \\\\ 3\\nsecond line");

    const { events } = parseIcs(text);
    expect(events[0]!.summary).toBe("Trial; day 2, room \\ 3\nsecond line");
    expect(events[0]!.description).toBe(long);
    expect(events[0]!.location).toBe("Талдықорған, 1");
  });

  it("foldLine never exceeds 75 octets, even with four-byte characters", () => {
    const line = `DESCRIPTION:${"🗓️ дата ".repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n").map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("a timed hearing is in TZID=Asia/Almaty, read through the file's own VTIMEZONE; an untimed one is all-day", () => {
    const text = buildCalendar([event({ uid: "a@x", time: "10:30" }), event({ uid: "b@x", date: "2026-01-23" })], { timeZone: "Asia/Almaty", stamp: STAMP });
    expect(text).toContain("DTSTART;TZID=Asia/Almaty:20260310T103000");
    expect(text).toContain("DTSTART;VALUE=DATE:20260123\r\nDTEND;VALUE=DATE:20260124");
    expect(text).toContain("DTSTAMP:20260120T060000Z");
    const { cal, events } = parseIcs(text);
    expect(cal.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Asia/Almaty");
    const [timed, allDay] = events;
    expect(timed!.startDate.zone?.tzid).toBe("Asia/Almaty");
    // UTC+5 since March 2024: 10:30 in Taldykorgan is 05:30 UTC.
    expect(timed!.startDate.toJSDate().toISOString()).toBe("2026-03-10T05:30:00.000Z");
    expect(allDay!.startDate.isDate).toBe(true);
    expect(allDay!.startDate.toString()).toBe("2026-01-23");
    expect(allDay!.endDate.toString()).toBe("2026-01-24");
  });

  it("the VTIMEZONE carries the zone's changes: Almaty's move from UTC+6 to UTC+5, and summer time elsewhere", () => {
    const almaty = parseIcs(
      buildCalendar([event({ uid: "1@x", date: "2024-02-15", time: "10:00" }), event({ uid: "2@x", date: "2024-03-15", time: "10:00" })], {
        timeZone: "Asia/Almaty",
        stamp: STAMP,
      }),
    );
    expect(almaty.events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2024-02-15T04:00:00.000Z", "2024-03-15T05:00:00.000Z"]);

    const berlin = parseIcs(
      buildCalendar([event({ uid: "w@x", date: "2026-01-15", time: "10:00" }), event({ uid: "s@x", date: "2026-07-15", time: "10:00" })], {
        timeZone: "Europe/Berlin",
        stamp: STAMP,
      }),
    );
    expect(berlin.events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2026-01-15T09:00:00.000Z", "2026-07-15T08:00:00.000Z"]);
  });
});
