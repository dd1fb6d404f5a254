import type { InlineQueryResultArticle } from "grammy/types";
import { describe, expect, it } from "vitest";
import { buildTestBot } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { inlineQuery } from "../../support/updates.js";
import { seedUpdate } from "../../support/seed.js";

const LINK = "https://t.me/casebot_local_bot?start=subscribe";

describe.each(DB_KINDS)("inline mode (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function ask(bot: Awaited<ReturnType<typeof buildTestBot>>, query: string, lang: string) {
    const n = bot.calls.length;
    await bot.bot.handleUpdate(inlineQuery(query, { lang }));
    const call = bot.calls.slice(n).find((c) => c.method === "answerInlineQuery");
    expect(call).toBeDefined();
    return { results: call!.payload.results as InlineQueryResultArticle[], payload: call!.payload };
  }
  const textOf = (r: InlineQueryResultArticle) => (r.input_message_content as { message_text: string }).message_text;

  it.each([
    ["en", "The case in brief", "Next hearing: <b>Friday, 23 January 2026</b>, no time given. Opening of the trial, Taldykorgan.", "The trial of 19 Atajurt activists"],
    ["kk", "Іс туралы қысқаша", "Келесі сот отырысы: <b>2026 ж. 23 қаңтар, жұма</b>, уақыты көрсетілмеген. Сот процесінің басталуы, Талдықорған.", "«Атажұрт» ұйымының 19 белсендісінің сот ісі"],
    ["ru", "Кратко о деле", "Следующее заседание: <b>пятница, 23 января 2026 г.</b>, время не указано. Начало судебного процесса, Талдыкорган.", "Суд над 19 активистами «Атажурта»"],
  ])("offers self-contained cards in the asker's language (%s)", async (lang, summaryTitle, hearingLine, caseName) => {
    const bot = await buildTestBot(database);
    const { results, payload } = await ask(bot, "", lang);
    expect(results.map((r) => r.id)).toEqual([`summary:${lang}`, `hearing:${lang}`, `charges:${lang}`]);
    expect(results[0]!.title).toBe(summaryTitle);
    expect(textOf(results[1]!)).toContain(hearingLine);
    for (const r of results) {
      const text = textOf(r);
      expect(text).toContain(caseName);
      expect(text).toContain("#Atajurt");
      expect(text).toContain("@casebot_local_bot");
      expect(text).toContain(LINK);
      expect(text).toContain("Amnesty International");
      expect((r.input_message_content as { parse_mode?: string }).parse_mode).toBe("HTML");
      const buttons = r.reply_markup!.inline_keyboard.flat();
      expect(buttons[0]).toMatchObject({ url: LINK });
      expect(buttons.some((b) => "switch_inline_query" in b)).toBe(true);
    }
    expect(payload).toMatchObject({ is_personal: true, button: { start_parameter: "subscribe" } });
  });

  it("filters the cards by the query, in any of the three languages", async () => {
    const bot = await buildTestBot(database);
    expect((await ask(bot, "174", "en")).results.map((r) => r.id)).toEqual(["charges:en"]);
    expect((await ask(bot, "hearing", "ru")).results.map((r) => r.id)).toEqual(["hearing:ru"]);
    expect((await ask(bot, "отырыс", "en")).results.map((r) => r.id)).toEqual(["hearing:en"]);
    // Typed without Kazakh letters, still found.
    expect((await ask(bot, "қылмыстық", "kk")).results.map((r) => r.id)).toEqual(["charges:kk"]);
    expect((await ask(bot, "кылмыстык", "kk")).results.map((r) => r.id)).toEqual(["charges:kk"]);
    expect((await ask(bot, "Кратко", "en")).results.map((r) => r.id)).toEqual(["summary:en"]);
    expect((await ask(bot, "zzzz", "en")).results).toEqual([]);
  });

  it("adds the latest update when there is one: escaped, with its source, in English with a note when untranslated", async () => {
    const bot = await buildTestBot(database);
    await seedUpdate(database, {
      body: { en: "Hearing <adjourned> & moved", ru: "Заседание отложено" },
      sourceUrl: "https://example.org/a?b=1&c=2",
      publishedAt: new Date("2026-01-23T09:00:00Z"),
    });
    const ru = (await ask(bot, "", "ru")).results.find((r) => r.id === "update:ru")!;
    expect(ru.title).toBe("Последнее обновление, пятница, 23 января 2026 г.");
    expect(textOf(ru)).toContain("Заседание отложено");
    expect(textOf(ru)).toContain('<a href="https://example.org/a?b=1&amp;c=2">');
    expect(textOf(ru)).not.toContain("не переведено");
    const kk = (await ask(bot, "жаңалық", "kk")).results;
    expect(kk.map((r) => r.id)).toEqual(["update:kk"]);
    expect(textOf(kk[0]!)).toContain("Hearing &lt;adjourned&gt; &amp; moved");
    expect(textOf(kk[0]!)).toContain("қазақ тіліне аударылмаған");
  });

  it("after the last hearing, offers it as the last one, with no relative dates that would go stale when forwarded", async () => {
    const bot = await buildTestBot(database, { now: "2026-06-01T06:00:00Z" });
    const hearing = (await ask(bot, "", "en")).results.find((r) => r.id === "hearing:en")!;
    expect(hearing.title).toBe("Last hearing: Friday, 23 January 2026");
    // The same facts the answer composes from the record, what became of the hearing included.
    expect(textOf(hearing)).toContain(
      "The last hearing on record: Opening of the trial, <b>Friday, 23 January 2026</b>, no time given, Taldykorgan. It was scheduled; nothing is recorded of how it went. No later hearing is recorded.",
    );
    expect(textOf(hearing)).not.toMatch(/in \d+ days|tomorrow|today/);
  });
});
