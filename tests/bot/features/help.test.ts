import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("/help", () => {
  const { database } = useDatabase();

  it("answers in the chat's language", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { lang: "kk" }));
    expect(lastText(calls)).toContain("Мен не істей аламын");
  });

  it.each(["en", "kk", "ru"])("names /timeline, /calendar and sharing through the bot's username (%s)", async (lang) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { chatId: 1203, lang }));
    const help = lastText(calls);
    for (const part of ["/timeline", "/calendar", "@casebot_local_bot"]) expect(help, part).toContain(part);
  });
});
