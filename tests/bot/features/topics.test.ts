import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hearingInstants } from "../../../src/case/hearings.js";
import { hearings, sources } from "../../../src/db/schema.js";
import { createI18n } from "../../../src/i18n.js";
import { LANGS } from "../../../src/shared/lang.js";
import { buildTestBot, lastText } from "../../support/bot.js";
import { callbackUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { seedHearing, TZ } from "../../support/seed.js";

const t = (lang: (typeof LANGS)[number]) => createI18n().t(lang);

describe("topic buttons", () => {
  const { database } = useDatabase();

  it("shows a topic's stored answer with its source when its button is pressed", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:charges:ru"));
    const text = lastText(calls);
    expect(text).toContain("174");
    expect(text).toContain("Amnesty International");
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("fills the hearing slot from the store: days before, and after the hearing", async () => {
    const before = await buildTestBot(database, { now: "2026-01-20T06:00:00Z" });
    await before.bot.handleUpdate(callbackUpdate("t:next-hearing:en"));
    expect(lastText(before.calls)).toContain("Next hearing: Opening of the trial, <b>Friday, 23 January 2026</b>, no time given, Taldykorgan: in 3 days.");

    const after = await buildTestBot(database, { now: "2026-11-29T06:00:00Z", importContent: false });
    await after.bot.handleUpdate(callbackUpdate("t:next-hearing:ru"));
    expect(lastText(after.calls)).toContain(
      "Последнее заседание в записях: Начало судебного процесса, <b>пятница, 23 января 2026 г.</b>, время не указано, Талдыкорган. Оно было назначено; о том, как оно прошло, в записях ничего нет. Более позднего заседания в записях нет",
    );
    expect(lastText(after.calls)).not.toContain("{{");
  });

  it("composes the next hearing from the record: a timed hearing from a new source shows its time and cites that source, in every language; without the time, 'no time given' returns", async () => {
    await database.db.insert(sources).values({
      id: "court-2026-11",
      publisher: "Taldykorgan City Court",
      title: { en: "Hearing schedule", kk: "Отырыстар кестесі", ru: "График заседаний" },
      url: "https://court.example.kz/schedule",
      published: "2026-11-20",
    });
    await seedHearing(database, {
      id: "second-hearing",
      date: "2026-12-03",
      time: "10:00",
      title: { en: "Court hearing", kk: "Сот отырысы", ru: "Судебное заседание" },
      place: { en: "Taldykorgan City Court", kk: "Талдықорған қалалық соты", ru: "Талдыкорганский городской суд" },
      sourceIds: ["court-2026-11"],
    });
    const { bot, calls, deps } = await buildTestBot(database, { now: "2026-11-29T06:00:00Z" });
    const answer = async (lang: (typeof LANGS)[number]) => {
      await bot.handleUpdate(callbackUpdate(`t:next-hearing:${lang}`));
      return lastText(calls);
    };
    const cited = { en: "“Hearing schedule” (20 November 2026)", kk: "«Отырыстар кестесі» (2026 ж. 20 қараша)", ru: "«График заседаний» (20 ноября 2026 г.)" };
    const zone = { en: "10:00 (UTC+5, Almaty Time)", kk: "10:00 (UTC+5, Алматы уақыты)", ru: "10:00 (UTC+5, Алматы)" };
    for (const lang of LANGS) {
      const text = await answer(lang);
      expect(text, lang).toContain(zone[lang]);
      expect(text, lang).toContain(`Taldykorgan City Court, ${cited[lang]} <a href="https://court.example.kz/schedule">https://court.example.kz/schedule</a></i>`);
      expect(text, lang).not.toContain(t(lang)("time_none"));
      // The Amnesty statement gave no part of this hearing: it is not cited for it.
      expect(text, lang).not.toContain("Amnesty");
    }

    await database.db
      .update(hearings)
      .set({ time: null, ...hearingInstants({ date: "2026-12-03", time: null }, TZ) })
      .where(eq(hearings.id, "second-hearing"));
    for (const lang of LANGS) {
      const text = await answer(lang);
      expect(text, lang).toContain(t(lang)("time_none"));
      expect(text, lang).not.toContain("10:00");
      expect(text, lang).toContain(cited[lang]);
    }
    expect(deps.content.current().sourceById.has("court-2026-11")).toBe(true);
  });
});
