import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setCommandMenus } from "../../src/bot/commands.js";
import { buildTestBot, buttons, callbackUpdate, lastText, sent, textUpdate } from "../support/bot.js";
import { useDatabase } from "../support/db.js";

describe("the bot's foundation", () => {
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

  it("keeps the /language choice per chat, over the user's language_code", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/language", { lang: "en" }));
    expect(buttons(sent(calls)[0]).map((b) => b.text)).toEqual(["English", "Қазақша", "Русский"]);
    await bot.handleUpdate(callbackUpdate("lang:ru"));
    expect(lastText(calls)).toContain("по-русски");
    expect((await deps.chats.get(42))?.language).toBe("ru");
    await bot.handleUpdate(textUpdate("/start", { lang: "en" }));
    expect(lastText(calls)).toContain("Здравствуйте!");
    // Another chat is untouched.
    await bot.handleUpdate(textUpdate("/start", { chatId: 43, lang: "en" }));
    expect(lastText(calls)).toContain("Hello!");
  });

  it("stores nothing about a chat but its id, type, language and times", async () => {
    const { bot } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/start"));
    await bot.handleUpdate(callbackUpdate("lang:kk"));
    const rows = await database.rows<Record<string, unknown>>(sql`select * from chats`);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(["created_at", "id", "language", "status", "type", "updated_at"]);
  });

  it("shows a topic's stored answer with its source when its button is pressed", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:charges:ru"));
    const text = lastText(calls);
    expect(text).toContain("174");
    expect(text).toContain("Amnesty International");
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("fills the hearing slot from the store: days before, and after the hearing", async () => {
    const before = await buildTestBot(database, { now: "2026-01-20T06:00:00Z" });
    await before.bot.handleUpdate(callbackUpdate("t:next-hearing:en"));
    expect(lastText(before.calls)).toContain("Friday, 23 January 2026");
    expect(lastText(before.calls)).toContain("in 3 days");
    expect(lastText(before.calls)).toContain("time not announced");

    const after = await buildTestBot(database, { now: "2026-11-29T06:00:00Z", importContent: false });
    await after.bot.handleUpdate(callbackUpdate("t:next-hearing:ru"));
    expect(lastText(after.calls)).toContain("Более поздняя дата пока не известна");
    expect(lastText(after.calls)).not.toContain("{{");
  });

  it("/help and /sources answer in the chat's language", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { lang: "kk" }));
    expect(lastText(calls)).toContain("Мен не істей аламын");
    await bot.handleUpdate(textUpdate("/sources", { lang: "ru" }));
    expect(lastText(calls)).toContain("Amnesty International");
    expect(lastText(calls)).toContain("Источники");
  });

  it("answers an old or forged button as out of date", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:no-such-topic:en"));
    await bot.handleUpdate(callbackUpdate("v0:whatever"));
    const answers = calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(String(a.payload.text)).toContain("out of date");
  });

  it("sets the command menu once per language and survives a failure", async () => {
    const { bot, deps, calls } = await buildTestBot(database);
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "setMyCommands" && (payload as { language_code?: string }).language_code === "kk") throw new Error("not supported");
      return prev(method, payload, signal);
    });
    await expect(setCommandMenus(bot.api, deps)).resolves.toBeUndefined();
    const menus = calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((m) => m.payload.language_code)).toEqual([undefined, "en", "ru"]);
    const ru = menus.find((m) => m.payload.language_code === "ru")!.payload.commands as Array<{ command: string; description: string }>;
    expect(ru.find((c) => c.command === "language")?.description).toBe("Сменить язык");
  });

  it("answers a command it does not know with a pointer to /help", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/nosuchcommand", { lang: "ru" }));
    expect(lastText(calls)).toContain("Я не знаю такой команды");
    expect(lastText(calls)).toContain("/help");
  });

  it("answers a sticker politely in a private chat and stays silent in a group", async () => {
    const { bot, calls } = await buildTestBot(database);
    const sticker = (type: "private" | "group") =>
      ({
        update_id: 9000 + calls.length,
        message: {
          message_id: 1,
          date: 0,
          chat: type === "private" ? { id: 42, type, first_name: "T" } : { id: -5, type, title: "G" },
          from: { id: 42, is_bot: false, first_name: "T", language_code: "en" },
          sticker: { file_id: "x", file_unique_id: "y", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
        },
      }) as never;
    await bot.handleUpdate(sticker("private"));
    expect(lastText(calls)).toContain("I can only read text");
    const n = sent(calls).length;
    await bot.handleUpdate(sticker("group"));
    expect(sent(calls)).toHaveLength(n);
  });
});
