import { describe, expect, it } from "vitest";
import { buildTestBot, caseFile, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { textUpdate } from "../../support/updates.js";

describe.each(DB_KINDS)("/timeline (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it.each([
    ["en", "step by step", "Sources", "Thursday, 13 November 2025"],
    ["kk", "кезең-кезеңімен", "Дереккөздер", "2025 ж. 13 қараша, бейсенбі"],
    ["ru", "шаг за шагом", "Источники", "четверг, 13 ноября 2025 г."],
  ])("tells the case's events in date order with their sources (%s)", async (lang, header, sourcesWord, firstDate) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/timeline", { lang }));
    const text = sentTexts(calls).join("\n\n");
    expect(text).toContain(header);
    expect(text).toContain(firstDate);
    const events = caseFile().events;
    const positions = events.map((e) => text.indexOf(e.title[lang as "en"].replace(/&/g, "&amp;")));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain(`<i>${sourcesWord}</i>\n[1] Amnesty International`);
    for (const m of sentTexts(calls)) expect(m.length).toBeLessThanOrEqual(4096);
  });
});
