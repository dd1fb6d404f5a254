import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, lastText, sent } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("/language", () => {
  const { database } = useDatabase();

  it("keeps the /language choice per chat, over the user's language_code", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/language", { lang: "en" }));
    expect(buttons(sent(calls)[0]).map((b) => b.text)).toEqual(["English", "Русский", "Қазақша", "Qazaqşa", "قازاقشا"]);
    await bot.handleUpdate(callbackUpdate("lang:ru"));
    expect(lastText(calls)).toContain("по-русски");
    expect((await deps.chats.get(42))?.language).toBe("ru");
    await bot.handleUpdate(textUpdate("/start", { lang: "en" }));
    expect(lastText(calls)).toContain("Здравствуйте!");
    // Another chat is untouched.
    await bot.handleUpdate(textUpdate("/start", { chatId: 43, lang: "en" }));
    expect(lastText(calls)).toContain("Hello!");
  });

  it("stores nothing about a chat but its ref and sealed id, type, language, Kazakh script and times", async () => {
    const { bot } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/start"));
    await bot.handleUpdate(callbackUpdate("lang:kk"));
    const rows = await database.rows<Record<string, unknown>>(sql`select * from chats`);
    expect(rows).toHaveLength(1);
    // No clear id column: migration 0010 dropped the legacy one (docs/privacy.md).
    expect(Object.keys(rows[0]!).sort()).toEqual(["created_at", "kk_script", "kk_script_chosen", "language", "ref", "sealed", "status", "type", "updated_at"]);
  });
});
