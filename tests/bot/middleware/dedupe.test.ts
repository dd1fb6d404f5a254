import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { buildTestBot, sent } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

describe.each(DB_KINDS)("repeated updates (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("handles an update id once, however often it arrives", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const update = textUpdate("/start", { chatId: 11 });
    await Promise.all([bot.handleUpdate(update), bot.handleUpdate(structuredClone(update))]);
    await bot.handleUpdate(structuredClone(update));
    expect(sent(calls)).toHaveLength(1);
    await bot.handleUpdate(textUpdate("/start", { chatId: 11 }));
    expect(sent(calls)).toHaveLength(2);
  });

  it("ignores an update without a usable update_id instead of failing", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const broken = textUpdate("/start", { chatId: 12 }) as unknown as Record<string, unknown>;
    delete broken.update_id;
    await expect(bot.handleUpdate(broken as unknown as Update)).resolves.toBeUndefined();
    expect(sent(calls)).toHaveLength(0);
  });
});
