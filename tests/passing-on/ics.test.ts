import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, type IcsEvent } from "../../src/render/ics.js";
import { importCase } from "../../src/case/content/import.js";
import { buildTestBot, caseFile, documentText } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { callbackUpdate, textUpdate } from "../support/updates.js";

const STAMP = new Date("2026-01-20T06:00:00Z");

/** Parses with ical.js, registering the file's own VTIMEZONEs, so times are read through them. */
function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const vtz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  return { cal, events: cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

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

    const { events } = parse(text);
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
    const { cal, events } = parse(text);
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
    const almaty = parse(
      buildCalendar([event({ uid: "1@x", date: "2024-02-15", time: "10:00" }), event({ uid: "2@x", date: "2024-03-15", time: "10:00" })], {
        timeZone: "Asia/Almaty",
        stamp: STAMP,
      }),
    );
    expect(almaty.events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2024-02-15T04:00:00.000Z", "2024-03-15T05:00:00.000Z"]);

    const berlin = parse(
      buildCalendar([event({ uid: "w@x", date: "2026-01-15", time: "10:00" }), event({ uid: "s@x", date: "2026-07-15", time: "10:00" })], {
        timeZone: "Europe/Berlin",
        stamp: STAMP,
      }),
    );
    expect(berlin.events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2026-01-15T09:00:00.000Z", "2026-07-15T08:00:00.000Z"]);
  });
});

describe.each(DB_KINDS)("/calendar and the Add to calendar button (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const documents = (calls: Array<{ method: string; payload: Record<string, unknown> }>) => calls.filter((c) => c.method === "sendDocument");

  it("sends every hearing as an .ics file; a moved hearing keeps its UID with a higher SEQUENCE", async () => {
    const { bot, calls, config } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/calendar", { lang: "ru" }));
    const [doc] = documents(calls);
    expect((doc!.payload.document as { filename?: string }).filename).toBe("atajurt-hearings.ics");
    expect(String(doc!.payload.caption)).toContain("/calendar");
    const first = parse(await documentText(doc!)).events;
    expect(first).toHaveLength(1);
    expect(first[0]!.uid).toBe("hearing-trial-opening@casebot");
    expect(first[0]!.sequence).toBe(1);
    expect(first[0]!.startDate.toString()).toBe("2026-01-23");
    expect(first[0]!.startDate.isDate).toBe(true);
    expect(first[0]!.summary).toBe("Суд над 19 активистами «Атажурта»: Начало судебного процесса");
    expect(first[0]!.location).toBe("Талдыкорган");
    expect(first[0]!.description).toContain("Источник: Amnesty International");
    expect(first[0]!.description).toContain("#Atajurt");
    expect(first[0]!.description).toContain("https://t.me/casebot_local_bot?start=subscribe");

    // The hearing moves to 10 February, 10:00: the importer bumps its version.
    const file = caseFile();
    file.hearings[0] = { ...file.hearings[0]!, date: "2026-02-10", time: "10:00" };
    await importCase(database.db, file, { timeZone: config.timeZone, now: IMPORT_NOW });
    await bot.handleUpdate(textUpdate("/calendar", { lang: "en" }));
    const moved = parse(await documentText(documents(calls)[1]!)).events;
    expect(moved[0]!.uid).toBe(first[0]!.uid);
    expect(moved[0]!.sequence).toBe(2);
    expect(moved[0]!.startDate.zone?.tzid).toBe("Asia/Almaty");
    expect(moved[0]!.startDate.toJSDate().toISOString()).toBe("2026-02-10T05:00:00.000Z");
    expect(moved[0]!.description).toContain("Starts at 10:00 (UTC+5, Asia/Almaty)");
  });

  it("puts Add to calendar and Share under hearing answers, and the button sends the next hearing alone", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:next-hearing:kk"));
    const answer = calls.filter((c) => c.method === "sendMessage").at(-1)!;
    const flat = (answer.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> }).inline_keyboard.flat();
    expect(flat.find((b) => b.callback_data === "cal:next")?.text).toBe("📅 Күнтізбеге қосу");
    expect(flat.find((b) => b.switch_inline_query !== undefined)?.text).toBe("↗️ Бөлісу");

    await bot.handleUpdate(callbackUpdate("t:charges:en"));
    const charges = calls.filter((c) => c.method === "sendMessage").at(-1)!;
    const cflat = (charges.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> }).inline_keyboard.flat();
    expect(cflat.some((b) => b.callback_data === "cal:next")).toBe(false);
    expect(cflat.some((b) => b.switch_inline_query === "")).toBe(true);

    await bot.handleUpdate(callbackUpdate("cal:next", { lang: "kk" }));
    const doc = documents(calls).at(-1)!;
    expect((doc.payload.document as { filename?: string }).filename).toBe("hearing-2026-01-23.ics");
    const { events } = parse(await documentText(doc));
    expect(events.map((e) => e.uid)).toEqual(["hearing-trial-opening@casebot"]);
    expect(events[0]!.summary).toContain("Сот процесінің басталуы");
  });

  it("after the last hearing the button says so instead of sending an old date", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-06-01T06:00:00Z" });
    await bot.handleUpdate(callbackUpdate("cal:next"));
    expect(documents(calls)).toHaveLength(0);
    expect(String(calls.at(-1)?.payload.text)).toContain("No upcoming hearing");
    await bot.handleUpdate(callbackUpdate("cal:h:trial-opening"));
    expect(documents(calls)).toHaveLength(1);
  });
});
