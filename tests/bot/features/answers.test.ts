import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, lastText, OWNER, OWNER_ENV, sent, sentTexts } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { outgoingTextProblems } from "../../support/telegram-html.js";

describe("free-text answers through the bot", () => {
  const { database } = useDatabase();

  const unanswered = () => database.rows<Record<string, unknown>>(sql`select * from unanswered`);

  it("answers in the question's language, whatever the interface language, with the source", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("сколько лет им грозит?", { lang: "en" }));
    const text = lastText(calls);
    expect(text).toMatch(/десяти|10/);
    expect(text).toContain("Источник");
    expect(text).toContain("Amnesty International");
    // Related topics, the topic menu and sharing, all in Russian too.
    expect(buttons(sent(calls).at(-1)).map((b) => b.callback_data ?? b.switch_inline_query)).toEqual(["t:charges:ru", "t:custody:ru", "sub:open", "m:ru", ""]);
  });

  it("fills in the next hearing with how soon it is, from the injected clock", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-01-22T04:00:00Z" });
    await bot.handleUpdate(textUpdate("when is the trial?"));
    expect(lastText(calls)).toContain("Friday, 23 January 2026");
    expect(lastText(calls)).toContain("tomorrow");
  });

  it("says plainly that no further date is recorded once the last hearing has passed", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-11-29T06:00:00Z" });
    await bot.handleUpdate(textUpdate("когда следующее заседание суда?"));
    expect(lastText(calls)).toContain("Более позднего заседания в записях нет");
    expect(lastText(calls)).toContain("/subscribe");
  });

  // Kazakh in Latin or Arabic script, and the one-tap transliteration: tests/bot/middleware/script.test.ts.

  it.each(["What's the weather in Almaty?", "Tell me a joke"])("never answers %s as the case; keeps only its text and language", async (q) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(q));
    expect(lastText(calls)).toContain("I don't have an answer to that");
    expect(buttons(sent(calls).at(-1)).map((b) => b.callback_data)).toContain("t:summary:en");
    const rows = await unanswered();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(["created_at", "id", "lang", "text"]);
    expect(rows[0]!.text).toBe(q);
    expect(rows[0]!.lang).toBe("en");
  });

  it("asks for one short question in the message's language when it is over Telegram's 4,096 characters, and stores nothing", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("когда суд ".repeat(1000), { lang: "en" }));
    expect(lastText(calls)).toBe("Это сообщение слишком длинное для меня. Задайте, пожалуйста, один короткий вопрос.");
    await bot.handleUpdate(textUpdate("When is the hearing? ".repeat(500)));
    expect(lastText(calls)).toBe("That message is too long for me. Please ask one short question.");
    expect(await unanswered()).toHaveLength(0);
  });

  it("answers a question of exactly 4,096 characters instead of refusing it", async () => {
    const { bot, calls } = await buildTestBot(database);
    const q = "сколько лет им грозит? ".padEnd(4096, " ").slice(0, 4095) + "?";
    expect(q).toHaveLength(4096);
    await bot.handleUpdate(textUpdate(q, { lang: "en" }));
    expect(lastText(calls)).toContain("Источник");
    await bot.handleUpdate(textUpdate(q + "?", { lang: "en" }));
    expect(lastText(calls)).toContain("слишком длинное");
  });

  it("offers each topic once: a did-you-mean that is also a related topic gets one button", async () => {
    const { bot, calls } = await buildTestBot(database);
    for (const q of ["суд", "сот"]) {
      await bot.handleUpdate(textUpdate(q));
      const data = buttons(sent(calls).at(-1)).map((b) => b.callback_data).filter((d) => d?.startsWith("t:"));
      expect(data.length).toBeGreaterThan(0);
      expect(new Set(data).size).toBe(data.length);
    }
  });

  it("answers emoji, zero-width and RTL marks politely without storing them", async () => {
    const { bot, calls } = await buildTestBot(database);
    for (const q of ["🙏🙏🙏", "\u200b\u200f\u202e", "⁉️"]) await bot.handleUpdate(textUpdate(q));
    expect(sentTexts(calls)).toEqual(Array(3).fill(expect.stringContaining("I don't have an answer to that")));
    expect(await unanswered()).toHaveLength(0);
  });

  it("keeps what the user typed as typed, and escapes it where it is shown (the editors' /unanswered)", async () => {
    const typed = "<script>alert(1)</script> & <b>bold";
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate(typed, { chatId: 77 }));
    expect((await unanswered()).map((r) => r.text)).toEqual([typed]);
    await bot.handleUpdate(textUpdate("/unanswered", { chatId: OWNER }));
    const shown = lastText(calls);
    expect(shown).toContain("\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold\n");
    expect(shown).not.toContain("<script>");
    expect(outgoingTextProblems(calls)).toEqual([]);
  });

  describe("in groups", () => {
    const group = { chatId: -100123, chatType: "supergroup" as const, userId: 7 };

    it("stays silent unless addressed", async () => {
      const { bot, calls } = await buildTestBot(database);
      await bot.handleUpdate(textUpdate("when is the trial?", group));
      expect(sent(calls)).toHaveLength(0);
    });

    it("answers a mention, replying to the question", async () => {
      const { bot, calls } = await buildTestBot(database);
      // textUpdate does not add mention entities: add one as Telegram would.
      const u = textUpdate("@casebot_local_bot when is the trial?", group);
      (u.message as { entities?: unknown[] }).entities = [{ type: "mention", offset: 0, length: 18 }];
      await bot.handleUpdate(u);
      expect(sent(calls)).toHaveLength(1);
      expect(sent(calls)[0]!.payload.reply_parameters).toMatchObject({ message_id: u.message!.message_id });
      expect(lastText(calls)).toContain("23 January 2026");
    });

    it("answers a reply to one of its messages", async () => {
      const { bot, calls } = await buildTestBot(database);
      const u = textUpdate("what is article 174?", group);
      (u.message as { reply_to_message?: unknown }).reply_to_message = {
        message_id: 1,
        date: 0,
        chat: u.message!.chat,
        from: { id: 1, is_bot: true, first_name: "casebot" },
        text: "…",
      };
      await bot.handleUpdate(u);
      expect(lastText(calls)).toContain("174");
    });

    it("answers /ask, and explains /ask without a question", async () => {
      const { bot, calls } = await buildTestBot(database);
      await bot.handleUpdate(textUpdate("/ask кто такой Алимнур Турганбай?", group));
      expect(lastText(calls)).toContain("Турганбай");
      await bot.handleUpdate(textUpdate("/ask", group));
      expect(lastText(calls)).toBe("Write your question after /ask, for example: /ask when is the next hearing?");
    });
  });
});
