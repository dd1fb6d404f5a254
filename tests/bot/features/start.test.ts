import { describe, expect, it } from "vitest";
import { refOf } from "../../../src/db/refs.js";
import { subscriptions } from "../../../src/db/schema.js";
import { buildTestBot, buttons, sent, sentTexts } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("/start", () => {
  const { database } = useDatabase();

  it.each([
    ["en", "Hello!"],
    ["kk", "Сәлеметсіз бе!"],
    ["ru", "Здравствуйте!"],
    ["de", "Hello!"],
  ])("/start welcomes in the language of language_code %s, with the topic menu", async (code, greeting) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/start", { lang: code }));
    const [msg] = sent(calls);
    expect(String(msg!.payload.text)).toContain(greeting);
    expect(msg!.payload.parse_mode).toBe("HTML");
    expect(buttons(msg).map((b) => b.callback_data)).toEqual(
      ["summary", "next-hearing", "charges", "defendants", "atajurt", "amnesty", "sources"].map((t) => `t:${t}:${code === "de" ? "en" : code}`),
    );
  });

  it("the deep link under forwarded messages (/start subscribe) subscribes, in a group only for an administrator", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-01-25T06:00:00Z" });
    await bot.handleUpdate(textUpdate("/start subscribe", { chatId: 1201, lang: "ru" }));
    expect(sentTexts(calls).at(-1)).toContain("✅ Готово: этот чат подписан.");
    const [sub] = await database.db.select().from(subscriptions);
    expect(sub).toMatchObject({ chatRef: refOf(database.db, 1201), reminders: true, updates: true });
    // In a group only an administrator may: the same rule as /subscribe.
    await bot.handleUpdate(textUpdate("/start subscribe", { chatId: -100999, chatType: "supergroup", userId: 5 }));
    expect(sentTexts(calls).at(-1)).toContain("only this group's administrators");
    expect(await database.db.select().from(subscriptions)).toHaveLength(1);
    // Plain /start is still the menu.
    await bot.handleUpdate(textUpdate("/start", { chatId: 1202 }));
    expect(sentTexts(calls).at(-1)).toContain("Choose a topic below");
  });
});
