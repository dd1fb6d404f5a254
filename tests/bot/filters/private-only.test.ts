import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, OWNER, OWNER_ENV, sentDuring } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { textUpdate } from "../../support/updates.js";

describe.each(DB_KINDS)("editor tools in groups (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("keeps editor tools out of groups, where others read along", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    for (const command of ["/stats", "/unanswered", "/audit", "/edit_answer"]) {
      const inGroup = textUpdate(command, { chatId: -100, chatType: "supergroup", userId: OWNER });
      expect(await sentDuring(calls, () => bot.handleUpdate(inGroup)), command).toEqual([expect.stringContaining("only in a private chat")]);
    }
    expect(await database.rows(sql`select * from kv_state`)).toEqual([]);
  });
});
