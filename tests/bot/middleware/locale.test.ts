import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { seedChat } from "../../support/seed.js";

describe("the language of a reply", () => {
  const { database } = useDatabase();

  it("is the chat's stored choice, whatever the person's language_code", async () => {
    await seedChat(database, { id: 42, language: "kk" });
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { lang: "ru" }));
    expect(lastText(calls)).toContain("Мен не істей аламын");
  });

  it("follows language_code for a chat that chose none, and English for a language the bot does not speak", async () => {
    await seedChat(database, { id: 43, language: null });
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { chatId: 43, lang: "ru" }));
    expect(lastText(calls)).toContain("Что я умею");
    await bot.handleUpdate(textUpdate("/help", { chatId: 44, lang: "de" }));
    expect(lastText(calls)).toContain("What I can do");
  });
});
