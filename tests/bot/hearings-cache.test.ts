import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { textUpdate } from "../support/updates.js";

/**
 * The hearings an answer shows are kept between updates (src/bot/hearings-cache.ts), but only while the
 * store's digest of them, read with every update, is unchanged: a change made anywhere (an
 * editor on another instance, the importer) is in the very next answer.
 */
describe.each(DB_KINDS)("the hearings an answer shows (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("are read again as soon as a hearing changes in the store, whoever changed it", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-01-22T04:00:00Z" });
    await bot.handleUpdate(textUpdate("when is the trial?"));
    expect(lastText(calls)).toContain("Friday, 23 January 2026");
    // As another instance would: straight in the store, past this bot's own code.
    await database.db.execute(sql`update hearings set date = '2026-01-24', starts_at = starts_at + interval '1 day', upcoming_until = upcoming_until + interval '1 day' where date = '2026-01-23'`);
    await bot.handleUpdate(textUpdate("when is the trial?", { chatId: 43 }));
    expect(lastText(calls)).toContain("Saturday, 24 January 2026");
    expect(lastText(calls)).not.toContain("23 January");
  });
});
