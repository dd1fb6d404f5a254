import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT } from "../../../src/bot/middleware/ratelimit.js";
import { buildTestBot, sent } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const { limit, windowMs } = DEFAULT_RATE_LIMIT;
const SLOW_DOWN = "sending messages very fast";

describe.each(DB_KINDS)("flood control (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("says 'slow down' once, then stays silent until the window passes; others are answered meanwhile", async () => {
    const { bot, calls, clock } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const to = (chat: number) => sent(calls).filter((c) => c.payload.chat_id === chat);
    for (let i = 0; i < limit * 3; i++) {
      await bot.handleUpdate(textUpdate("/help", { chatId: 1 }));
      if (i === limit + 5) await bot.handleUpdate(textUpdate("/help", { chatId: 2 }));
    }
    const replies = to(1).map((c) => String(c.payload.text));
    expect(replies).toHaveLength(limit + 1);
    expect(replies.slice(0, limit).every((t) => t.includes("What I can do"))).toBe(true);
    expect(replies[limit]).toContain(SLOW_DOWN);
    expect(to(2).map((c) => String(c.payload.text))).toEqual([expect.stringContaining("What I can do")]);

    clock.advance(windowMs);
    await bot.handleUpdate(textUpdate("/help", { chatId: 1 }));
    expect(String(to(1).at(-1)!.payload.text)).toContain("What I can do");
  });

  it("warns in the person's language, and on buttons through the button's answer", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    for (let i = 0; i <= limit + 3; i++) await bot.handleUpdate(callbackUpdate("t:charges:ru", { chatId: 3, lang: "ru" }));
    const answers = calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(limit + 1);
    expect(String(answers.at(-1)!.payload.text)).toContain("слишком быстро");
    expect(sent(calls)).toHaveLength(limit);
  });

  it("is silent in groups, where a warning would be noise for everyone", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    for (let i = 0; i < limit + 5; i++) await bot.handleUpdate(textUpdate("/help", { chatId: -100, chatType: "supergroup", userId: 9 }));
    expect(sent(calls)).toHaveLength(limit);
    expect(sent(calls).some((c) => String(c.payload.text).includes(SLOW_DOWN))).toBe(false);
  });

  it("does not count inline queries, which arrive as the person types", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const query = "when is the next hearing";
    for (let i = 1; i <= query.length; i++)
      await bot.handleUpdate({ update_id: 70_000 + i, inline_query: { id: `q${i}`, from: { id: 5, is_bot: false, first_name: "P" }, query: query.slice(0, i), offset: "" } } as Update);
    expect(calls.filter((c) => c.method === "answerInlineQuery")).toHaveLength(query.length);
    // The same person's messages still have their whole allowance.
    for (let i = 0; i < limit; i++) await bot.handleUpdate(textUpdate("/help", { chatId: 5 }));
    expect(sent(calls).filter((c) => String(c.payload.text).includes(SLOW_DOWN))).toEqual([]);
  });

  it("counts anonymous admins per group, not as the one bot user they all share", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const anonymous = (group: number): Update => {
      const u = textUpdate("/help", { chatId: group, chatType: "supergroup" });
      Object.assign(u.message!, { from: { id: 1087968824, is_bot: true, first_name: "Group" }, sender_chat: { id: group, type: "supergroup", title: "G" } });
      return u;
    };
    for (let i = 0; i < limit; i++) await bot.handleUpdate(anonymous(-201));
    await bot.handleUpdate(anonymous(-202));
    expect(sent(calls).filter((c) => c.payload.chat_id === -202)).toHaveLength(1);
  });
});
