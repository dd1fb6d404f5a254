import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { importCase } from "../../src/case/content/import.js";
import { createContentStore } from "../../src/case/content/store.js";
import { hearings } from "../../src/db/schema.js";
import { hearingChangeHook } from "../../src/editorial/notices.js";
import { changeHearing } from "../../src/editorial/hearings.js";
import { renderHearingChanged, renderReminder } from "../../src/render/notices.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { createI18n } from "../../src/i18n.js";
import { fixedClock } from "../../src/shared/time.js";
import { caseFile } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { LEADS } from "../support/delivery.js";
import { deliveryRows } from "../support/rows.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";

describe.each(DB_KINDS)("a hearing that changes, on %s", (kind) => {
  const { database } = useDatabase(kind);
  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
  });

  const enqueue = (now: string) => enqueueDueReminders(database.db, { now: new Date(now), timeZone: TZ, leads: LEADS });

  it("cancels old reminders, sends each subscriber one notice with old and new, then reminders for the new date", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    await seedSubscribers(database, 20, { leads: ["1d", "morning@08:00"] });
    await seedSubscribers(database, 1, { first: 9, leads: ["1d"], reminders: false, updates: false });
    expect(await enqueue("2026-03-09T05:00:00Z")).toBe(20);
    const clock = fixedClock("2026-03-09T06:00:00Z");
    const r = await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-17", time: "11:00", status: "scheduled" });
    expect(r).toMatchObject({ moved: true, notices: 20 });
    expect(r!.hearing.version).toBe(2);

    let rows = await deliveryRows(database);
    expect(rows.filter((x) => x.kind === "reminder").every((x) => x.status === "cancelled" && x.last_error === "superseded by version 2")).toBe(true);
    const notices = rows.filter((x) => x.kind === "hearing_changed");
    expect(notices).toHaveLength(20);
    expect(new Set(notices.map((n) => n.chat_id)).size).toBe(20);
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

  it("content:import's hook notifies subscribers inside the import's transaction", async () => {
    await seedSubscribers(database, 4, { leads: ["1d"] });
    const file = caseFile();
    const moved = { ...file, hearings: file.hearings.map((h) => (h.id === "trial-opening" ? { ...h, date: "2026-01-26", time: "10:00" } : h)) };
    const clock = fixedClock("2026-01-20T06:00:00Z");
    const report = await importCase(database.db, moved, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hearingChangeHook({ clock, timeZone: TZ }) });
    expect(report.hearingsChanged).toEqual(["trial-opening"]);
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.kind === "hearing_changed" && r.subject_version === 2)).toBe(true);
    // Importing the same file again changes nothing and notifies nobody.
    await importCase(database.db, moved, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hearingChangeHook({ clock, timeZone: TZ }) });
    expect(await deliveryRows(database)).toHaveLength(4);
    // A failing hook rolls the whole import back.
    const again = { ...moved, hearings: moved.hearings.map((h) => ({ ...h, date: "2026-01-28" })) };
    await expect(importCase(database.db, again, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: async () => Promise.reject(new Error("boom")) })).rejects.toThrow("boom");
    const [h] = await database.db.select().from(hearings).where(eq(hearings.id, "trial-opening"));
    expect(h?.date).toBe("2026-01-26");
  });

  it("content:import's hook announces a hearing the file adds, once, to chats with reminders on", async () => {
    await seedSubscribers(database, 3, { leads: ["1d"] });
    await seedSubscribers(database, 2, { first: 20, leads: ["1d"], reminders: false });
    const file = caseFile();
    const added = { ...file, hearings: [...file.hearings, { ...file.hearings[0]!, id: "second-hearing", date: "2026-02-10" }] };
    const clock = fixedClock("2026-01-25T06:00:00Z");
    const hook = hearingChangeHook({ clock, timeZone: TZ });
    await importCase(database.db, added, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hook });
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.kind === "hearing_changed" && r.subject_id === "second-hearing")).toBe(true);
    await importCase(database.db, added, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hook });
    expect(await deliveryRows(database)).toHaveLength(3);
  });

  it("reminder and notice texts are self-contained and forwardable, in every language", async () => {
    await seedHearing(database, { date: "2026-03-10", version: 2 });
    const [h] = await database.db.select().from(hearings).where(eq(hearings.id, "h1"));
    const ctx = {
      i18n: createI18n(),
      snapshot: (await createContentStore(database.db)).current(),
      timeZone: TZ,
      botUsername: "casebot_test_bot",
      now: new Date("2026-03-09T03:00:00Z"),
    };
    const en = renderReminder(ctx, { subjectVersion: 2 }, h, "en");
    expect("html" in en && en.html).toBe(
      [
        "🔔 <b>Hearing reminder</b> · The trial of 19 Atajurt activists",
        "",
        "<b>Opening of the trial</b>: tomorrow",
        "📅 Tuesday, 10 March 2026, time not announced (dates in UTC+5, Asia/Almaty)",
        "📍 Taldykorgan",
        '<i>Source: Amnesty International, «Kazakhstan: Drop charges against Atajurt activists facing up to 10 years in prison for peaceful protest» (January 2026)</i>',
        "",
        "#Atajurt · Hearing reminders: write to @casebot_test_bot and send /subscribe",
      ].join("\n"),
    );
    const kk = renderReminder(ctx, { subjectVersion: 2 }, h, "kk");
    expect("html" in kk && kk.html).toMatch(/Сот отырысы туралы еске салу.*Атажұрт[\s\S]*ертең[\s\S]*2026[\s\S]*UTC\+5, Asia\/Almaty[\s\S]*Талдықорған[\s\S]*Дереккөз[\s\S]*@casebot_test_bot/);
    const ru = renderReminder(ctx, { subjectVersion: 2 }, h, "ru");
    expect("html" in ru && ru.html).toMatch(/Напоминание о заседании.*Атажурта[\s\S]*завтра[\s\S]*10 марта 2026[\s\S]*UTC\+5, Asia\/Almaty[\s\S]*Талдыкорган[\s\S]*Источник[\s\S]*#Atajurt/);
    // An old version, or a hearing already begun, renders nothing.
    expect(renderReminder(ctx, { subjectVersion: 1 }, h, "en")).toEqual({ skip: "superseded by version 2" });
    expect(renderReminder({ ...ctx, now: new Date("2026-03-10T19:00:00Z") }, { subjectVersion: 2 }, h, "en")).toEqual({ skip: "hearing already began" });

    const notice = renderHearingChanged(
      ctx,
      {
        subjectVersion: 2,
        payload: {
          before: { date: "2026-03-05", time: null, place: h!.place, status: "scheduled" },
          after: { date: "2026-03-10", time: "10:00", place: h!.place, status: "postponed" },
        },
      },
      h,
      "en",
    );
    expect("html" in notice && notice.html).toContain("Was: Thursday, 5 March 2026, time not announced (dates in UTC+5, Asia/Almaty), Taldykorgan");
    expect("html" in notice && notice.html).toContain("Now: Tuesday, 10 March 2026, 10:00 (UTC+5, Asia/Almaty), Taldykorgan: <b>postponed</b>");
  });
});
