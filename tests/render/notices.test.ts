import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { importCase } from "../../src/case/content/import.js";
import { createContentStore } from "../../src/case/content/store.js";
import { hearings } from "../../src/db/schema.js";
import { renderHearingChanged, renderReminder } from "../../src/render/notices.js";
import { createI18n } from "../../src/i18n.js";
import { toKeyboard } from "../../src/bot/keyboards.js";
import { caseFile } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { seedHearing, TZ } from "../support/seed.js";

const BEFORE_OPENING = "2026-01-20T06:00:00Z"; // the imported hearing (23 January) is still ahead

describe.each(DB_KINDS)("reminders and change notices (%s)", (kind) => {
  const { database } = useDatabase(kind);

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
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
        "📅 Tuesday, 10 March 2026, no time given",
        "📍 Taldykorgan",
        "<i>Source: Amnesty International, “Kazakhstan: Drop charges against Atajurt activists facing up to 10 years in prison for peaceful protest” (January 2026)</i>",
        "",
        "#Atajurt · Hearing reminders: write to @casebot_test_bot and send /subscribe",
      ].join("\n"),
    );
    const kk = renderReminder(ctx, { subjectVersion: 2 }, h, "kk");
    expect("html" in kk && kk.html).toMatch(/Сот отырысы туралы еске салу.*Атажұрт[\s\S]*ертең[\s\S]*2026[\s\S]*уақыты көрсетілмеген[\s\S]*Талдықорған[\s\S]*Дереккөз[\s\S]*\(2026 ж\. қаңтар\)[\s\S]*@casebot_test_bot/);
    const ru = renderReminder(ctx, { subjectVersion: 2 }, h, "ru");
    expect("html" in ru && ru.html).toMatch(/Напоминание о заседании.*Атажурта[\s\S]*завтра[\s\S]*10 марта 2026[\s\S]*время не указано[\s\S]*Талдыкорган[\s\S]*Источник[\s\S]*\(январь 2026 г\.\)[\s\S]*#Atajurt/);
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
    expect("html" in notice && notice.html).toContain("Was: Thursday, 5 March 2026, no time given, Taldykorgan");
    expect("html" in notice && notice.html).toContain("Now: Tuesday, 10 March 2026, 10:00 (UTC+5, Almaty Time), Taldykorgan: <b>postponed</b>");
  });

  it("reminders and change notices carry the case, #Atajurt, the bot and Follow and Share buttons", async () => {
    const [h] = await database.db.select().from(hearings);
    const ctx = {
      i18n: createI18n(),
      snapshot: (await createContentStore(database.db)).current(),
      timeZone: TZ,
      botUsername: "casebot_test_bot",
      now: new Date(BEFORE_OPENING),
    };
    const payload = { before: { date: "2026-01-22", time: null, place: h!.place, status: "scheduled" }, after: { date: h!.date, time: "10:00", place: h!.place, status: "scheduled" } };
    // A time is shown with its zone, named in the reader's language.
    const zone = { en: "10:00 (UTC+5, Almaty Time)", kk: "10:00 (UTC+5, Алматы уақыты)", ru: "10:00 (UTC+5, Алматы)" };
    for (const lang of ["en", "kk", "ru"] as const) {
      const name = ctx.snapshot.meta!.name[lang];
      const changed = renderHearingChanged(ctx, { subjectVersion: 1, payload }, h, lang);
      expect("html" in changed && changed.html).toContain(zone[lang]);
      for (const r of [renderReminder(ctx, { subjectVersion: 1 }, h, lang), changed]) {
        if (!("html" in r)) throw new Error(r.skip);
        expect(r.html).toContain(name);
        expect(r.html).toContain("#Atajurt");
        expect(r.html).toContain("@casebot_test_bot");
        expect(JSON.parse(JSON.stringify(toKeyboard(r.buttons))).inline_keyboard.flat()).toEqual([
          { text: createI18n().t(lang)("passing.subscribe_button"), url: "https://t.me/casebot_test_bot?start=subscribe" },
          { text: createI18n().t(lang)("passing.share_button"), switch_inline_query: "" },
        ]);
      }
    }
  });
});
