import { describe, expect, it, vi } from "vitest";
import { BotError } from "grammy";
import type { BotContext } from "../../src/bot/context.js";
import { buildTestBot, lastText } from "../support/bot.js";
import { callbackUpdate, textUpdate } from "../support/updates.js";
import { DB_KINDS, useDatabase } from "../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

describe.each(DB_KINDS)("the error boundary (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function failingFirstSend() {
    const t = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    let failed = false;
    t.bot.api.config.use(async (prev, method, payload, signal) => {
      if (!failed && (method === "sendMessage" || method === "answerCallbackQuery")) {
        failed = true;
        throw new Error("socket hang up");
      }
      return prev(method, payload, signal);
    });
    return { ...t, errors: vi.spyOn(t.deps.logger, "error") };
  }

  it.each([
    ["en", "Sorry, something went wrong"],
    ["kk", "Кешіріңіз"],
    ["ru", "Извините"],
  ])("logs the failure with the update id and tells the person in their language (%s)", async (lang, apology) => {
    const { bot, calls, errors } = await failingFirstSend();
    const update = textUpdate("/help", { lang });
    await expect(bot.handleUpdate(update)).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ updateId: update.update_id, err: expect.any(Error) }), "feature failed");
    expect(lastText(calls)).toContain(apology);
  });

  it("answers a failed button press through the button", async () => {
    const { bot, calls, errors } = await failingFirstSend();
    await bot.handleUpdate(callbackUpdate("t:charges:en"));
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.payload.text)).toContain("something went wrong");
  });

  it("logs a failure before the features (the store is down) with the update id, through bot.catch", async () => {
    const { bot, deps } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    vi.spyOn(deps.chats, "context").mockRejectedValueOnce(new Error("connection refused"));
    const errors = vi.spyOn(deps.logger, "error");
    const update = textUpdate("/start");
    // As the polling runner and the webhook server do: a failed update goes to bot.catch.
    const failure = await bot.handleUpdate(update).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(BotError);
    expect((failure as BotError).error).toEqual(new Error("connection refused"));
    await bot.errorHandler(failure as BotError<BotContext>);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ updateId: update.update_id }), "update failed outside a feature");
  });
});
