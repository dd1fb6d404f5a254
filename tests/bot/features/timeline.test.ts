import { describe, expect, it } from "vitest";
import type { Lang } from "../../../src/shared/lang.js";
import { buildTestBot, caseFile, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { textUpdate } from "../../support/updates.js";

/** Each event's heading as `/timeline` writes it: the date as the source gives it, then the title. */
const HEADINGS: Record<Lang, string[]> = {
  en: [
    "<b>13 November 2025</b> — <b>Peaceful protest and detention of 19 activists</b>",
    "<b>after 13 November 2025</b> — <b>Administrative penalties</b>",
    "<b>after 13 November 2025</b> — <b>Criminal charges under Article 174</b>",
    "<b>after 13 November 2025</b> — <b>Custody and house arrest</b>",
    "<b>23 January 2026</b> — <b>Opening of the trial in Taldykorgan</b>",
  ],
  kk: [
    "<b>2025 ж. 13 қараша</b> — <b>Бейбіт наразылық және 19 белсендінің ұсталуы</b>",
    "<b>2025 ж. 13 қарашадан кейін</b> — <b>Әкімшілік жазалар</b>",
    "<b>2025 ж. 13 қарашадан кейін</b> — <b>Қылмыстық кодекстің 174-бабы бойынша айып</b>",
    "<b>2025 ж. 13 қарашадан кейін</b> — <b>Күзетпен ұстау және үй қамағы</b>",
    "<b>2026 ж. 23 қаңтар</b> — <b>Талдықорғанда сот процесінің басталуы</b>",
  ],
  ru: [
    "<b>13 ноября 2025 г.</b> — <b>Мирный протест и задержание 19 активистов</b>",
    "<b>после 13 ноября 2025 г.</b> — <b>Административные наказания</b>",
    "<b>после 13 ноября 2025 г.</b> — <b>Обвинение по статье 174 Уголовного кодекса</b>",
    "<b>после 13 ноября 2025 г.</b> — <b>Содержание под стражей и домашний арест</b>",
    "<b>23 января 2026 г.</b> — <b>Начало суда в Талдыкоргане</b>",
  ],
};

describe.each(DB_KINDS)("/timeline (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it.each([
    ["en", "step by step", "Sources", "(January 2026)"],
    ["kk", "кезең-кезеңімен", "Дереккөздер", "(2026 ж. қаңтар)"],
    ["ru", "шаг за шагом", "Источники", "(январь 2026 г.)"],
  ] as const)("tells the case's events in order, each dated only as its source dates it, with its sources (%s)", async (lang, header, sourcesWord, published) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/timeline", { lang }));
    const text = sentTexts(calls).join("\n\n");
    expect(text).toContain(header);
    const headings = text.split("\n").filter((l) => / — <b>/.test(l));
    expect(headings).toEqual(HEADINGS[lang]);
    expect(headings).toHaveLength(caseFile().events.length);
    expect(text).toContain(`<i>${sourcesWord}</i>\n[1] Amnesty International, `);
    expect(text).toContain(published);
    for (const m of sentTexts(calls)) expect(m.length).toBeLessThanOrEqual(4096);
  });
});
