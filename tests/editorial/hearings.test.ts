import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { importCase } from "../../src/case/content/import.js";
import { changeHearing, addHearing } from "../../src/editorial/hearings.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { fixedClock } from "../../src/shared/time.js";
import { caseFile, OWNER } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { LEADS, drainOutbox } from "../support/delivery.js";
import { deliveryRows } from "../support/rows.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";

const AFTER_OPENING = "2026-01-25T06:00:00Z"; // the imported hearing (23 January) is past

describe.each(DB_KINDS)("changing a hearing (%s)", (kind) => {
  const { database } = useDatabase(kind);

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
  });

  const enqueue = (now: string) => enqueueDueReminders(database.db, { now: new Date(now), timeZone: TZ, leads: LEADS });

  it("cancels old reminders, sends each subscriber one notice with old and new, then reminders for the new date", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    const ids = await seedSubscribers(database, 20, { leads: ["1d", "morning@08:00"] });
    await seedSubscribers(database, 1, { first: 9, leads: ["1d"], reminders: false, updates: false });
    expect(await enqueue("2026-03-09T05:00:00Z")).toBe(20);
    const clock = fixedClock("2026-03-09T06:00:00Z");
    const r = await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-17", time: "11:00", status: "scheduled" });
    expect(r).toMatchObject({ moved: true, notices: 20 });
    expect(r!.hearing.version).toBe(2);

    let rows = await deliveryRows(database);
    expect(rows.filter((x) => x.kind === "reminder").map((x) => [x.status, x.last_error])).toEqual(Array(20).fill(["cancelled", "superseded by version 2"]));
    const notices = rows.filter((x) => x.kind === "hearing_changed");
    expect(notices.map((n) => n.chat_id).sort((a, b) => a - b)).toEqual(ids);
    expect(notices[0]!.payload).toMatchObject({ before: { date: "2026-03-10", time: "10:00" }, after: { date: "2026-03-17", time: "11:00" } });

    // Nothing for the old date, the new date's reminders at their moments.
    expect(await enqueue("2026-03-10T03:00:00Z")).toBe(0);
    expect(await enqueue("2026-03-16T06:00:00Z")).toBe(20);
    expect(await enqueue("2026-03-17T03:00:00Z")).toBe(20);
    rows = await deliveryRows(database);
    expect(rows.filter((x) => x.kind === "reminder" && x.subject_version === 2).map((x) => `${x.lead}@${x.due}`).sort()).toEqual([
      ...Array(20).fill("1d@2026-03-16T06:00Z"),
      ...Array(20).fill("morning@08:00@2026-03-17T03:00Z"),
    ]);
  });

  it("a notice replaces a reminder already due for the new date: no second message at once", async () => {
    await seedHearing(database, { date: "2026-03-20", time: "10:00" });
    await seedSubscribers(database, 3, { leads: ["7d", "1d"] });
    const clock = fixedClock("2026-03-09T06:00:00Z");
    // Moved closer: the new date's 7d moment (2026-03-04) is already past.
    await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-11" });
    expect(await enqueue("2026-03-09T06:00:30Z")).toBe(0);
    expect(await enqueue("2026-03-10T05:00:00Z")).toBe(3);
    expect((await deliveryRows(database)).map((r) => r.kind).sort()).toEqual([...Array(3).fill("hearing_changed"), ...Array(3).fill("reminder")]);
  });

  it("two quick changes make one notice, from what people last heard to what is true now", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 2, { leads: ["1d"] });
    const clock = fixedClock("2026-03-01T06:00:00Z");
    await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-12" });
    await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-14", status: "postponed" });
    const rows = (await deliveryRows(database)).filter((r) => r.kind === "hearing_changed");
    expect(rows.map((r) => [r.subject_version, r.status])).toEqual([
      [2, "cancelled"],
      [2, "cancelled"],
      [3, "pending"],
      [3, "pending"],
    ]);
    expect(rows[2]!.payload).toMatchObject({ before: { date: "2026-03-10", status: "scheduled" }, after: { date: "2026-03-14", status: "postponed" } });
  });

  it("no notice for a hearing that was and stays in the past, and no version bump for a title edit", async () => {
    await seedHearing(database, { date: "2026-02-10" });
    await seedSubscribers(database, 2, { leads: ["1d"] });
    const clock = fixedClock("2026-03-01T06:00:00Z");
    const held = await changeHearing({ database, clock, timeZone: TZ }, "h1", { status: "held" });
    expect(held).toMatchObject({ moved: true, notices: 0 });
    const retitled = await changeHearing({ database, clock, timeZone: TZ }, "h1", { title: { en: "x", kk: "x", ru: "x" } });
    expect(retitled).toMatchObject({ moved: false, notices: 0 });
    expect(retitled!.hearing.version).toBe(2);
    expect(await deliveryRows(database)).toEqual([]);
  });
});

describe.each(DB_KINDS)("a new hearing's notice, through the outbox (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
  });

  it("a new hearing changed before its notice went: one notice with the latest facts; cancelled before it went: none", async () => {
    await seedSubscribers(database, [
      { id: 901, lang: "en" },
      { id: 902, lang: "ru" },
    ]);
    const now = new Date(AFTER_OPENING);
    const clock = fixedClock(now);
    const base = {
      time: null,
      place: { en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" },
      title: { en: "Court hearing", kk: "Сот отырысы", ru: "Судебное заседание" },
      source: { id: "amnesty-2026-01" },
    };
    const added = await addHearing({ database, clock, timeZone: TZ }, { ...base, date: "2026-02-10" }, OWNER);
    expect(added.notices).toBe(2);
    await changeHearing({ database, clock, timeZone: TZ }, added.hearing.id, { date: "2026-02-12", time: "11:00" });
    const rows = await deliveryRows(database);
    expect(rows.map((r) => [r.chat_id, r.subject_version, r.status])).toEqual([
      [901, 1, "cancelled"],
      [902, 1, "cancelled"],
      [901, 2, "pending"],
      [902, 2, "pending"],
    ]);
    // Still a "date set" notice (nobody heard of the first date), with what is true now.
    expect(rows[2]!.payload).toEqual({ after: { date: "2026-02-12", time: "11:00", place: base.place, status: "scheduled" } });
    await drainOutbox(database, fake, AFTER_OPENING);
    expect(fake.messagesTo(901).map((m) => m.text)).toEqual([expect.stringContaining("A hearing date is set")]);
    expect(fake.messagesTo(901)[0]!.text).toContain("Thursday, 12 February 2026, 11:00 (UTC+5, Almaty Time)");

    // Once it went, a change is a change, from the date they were told.
    await changeHearing({ database, clock, timeZone: TZ }, added.hearing.id, { status: "postponed" });
    const again = (await deliveryRows(database)).filter((r) => r.subject_version === 3);
    expect(again[0]!.payload).toMatchObject({ before: { date: "2026-02-12", status: "scheduled" }, after: { status: "postponed" } });

    // Added and cancelled before anything went: nothing is sent.
    fake.reset();
    const other = await addHearing({ database, clock, timeZone: TZ }, { ...base, date: "2026-03-03" }, OWNER);
    await changeHearing({ database, clock, timeZone: TZ }, other.hearing.id, { status: "cancelled" });
    await database.db.execute(sql`update deliveries set status = 'cancelled' where subject_id = ${added.hearing.id}`);
    await drainOutbox(database, fake, AFTER_OPENING);
    expect(fake.accepted).toBe(0);
    expect((await deliveryRows(database)).filter((r) => r.subject_id === other.hearing.id && r.subject_version === 2).map((r) => r.status)).toEqual([
      "cancelled",
      "cancelled",
    ]);
  });
});
