import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, sent } from "../../support/bot.js";
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
});
