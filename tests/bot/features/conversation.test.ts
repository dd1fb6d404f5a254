import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, lastText, sent } from "../../support/bot.js";
import { useDatabase } from "../../support/db.js";
import { textUpdate } from "../../support/updates.js";
import { kvRowOf } from "../../support/rows.js";

/** A message read with the chat's last question: follow-ups, several questions, small talk (src/answers/reader.ts). */
describe("answers that hold a conversation", () => {
  const { database } = useDatabase();
  const stored = async (chatId = 42) =>
    (await database.rows<{ value: unknown; chat_ref: string }>(sql`select value, chat_ref from kv_state where key = ${kvRowOf(database, "dialogue", chatId).key}`))[0];

  it.each([
    ["en", "When does the trial start?", "and where?", "Where is the trial?"],
    ["ru", "почему их задержали?", "а по какой статье?", "Обвинения"],
    ["kk", "олар неге ұсталды?", "ал қашан басталады?", "Сот күні мен келесі отырыс"],
  ])("%s: an elliptical follow-up is read with the last question", async (_lang, first, second, label) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(first));
    await bot.handleUpdate(textUpdate(second));
    expect(lastText(calls)).toContain(label);
  });

  it("keeps the topics and language of the last question, never its text, under the chat's id", async () => {
    const { bot } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("When does the trial start?"));
    const row = await stored();
    expect(row!.chat_ref).toBe(kvRowOf(database, "dialogue", 42).chat_ref);
    expect(row!.value).toMatchObject({ topics: ["next-hearing"], lang: "en" });
    expect(JSON.stringify(row!.value)).not.toMatch(/trial|start/i);
  });

  it("/forget erases the dialogue state with the rest of the chat", async () => {
    const { bot, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("When does the trial start?"));
    expect(await stored()).toBeDefined();
    await deps.forgetChat(42);
    expect(await stored()).toBeUndefined();
  });

  it("answers two questions in one message, each with its source, in one reply", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("Amnesty не дейді және бұл ақпарат қайдан?"));
    const text = lastText(calls);
    expect(text).toContain("<b>Amnesty не дейді</b>");
    expect(text).toContain("<b>Дереккөздер</b>");
    expect(sent(calls)).toHaveLength(1);
    expect(buttons(sent(calls).at(-1)).map((b) => b.callback_data)).toEqual(expect.arrayContaining(["t:amnesty:kk", "t:sources:kk"]));
  });

  it("does not split one question that has an «and» in it", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("Who are the defendants and the activists?"));
    expect((lastText(calls).match(/<b>/g) ?? []).length).toBe(1);
  });

  it.each([
    ["hi", "Hello!"],
    ["рахмет", "Оқасы жоқ"],
    ["что ты умеешь?", "Я бот"],
  ])("answers small talk (%s) warmly in its language, with the topic menu", async (q, start) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(q));
    expect(lastText(calls)).toContain(start);
    expect(lastText(calls)).not.toContain("I don't have an answer");
    expect(buttons(sent(calls).at(-1)).some((b) => /^t:summary:/.test(String(b.callback_data)))).toBe(true);
  });

  it("answers an unknown subject honestly: the judge is not named in the sources", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("Who is the judge?"));
    expect(lastText(calls)).toMatch(/judge/i);
    expect(lastText(calls)).toContain("/subscribe");
  });
});
