import { describe, expect, it } from "vitest";
import { hearings } from "../../../src/db/schema.js";
import { buildTestBot, OWNER, OWNER_ENV, sentDuring, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { press, textUpdate } from "../../support/updates.js";
import { auditRows, kvRowOf, kvRows } from "../../support/rows.js";

const AFTER_OPENING = "2026-01-25T06:00:00Z"; // the imported hearing (23 January) is past

describe.each(DB_KINDS)("editor conversations (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("/cancel (or its button) leaves any conversation, and the next message is an ordinary one again", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/add_paraphrase"));
    await bot.handleUpdate(press("cv:topic:summary"));
    expect(await kvRows(database)).toEqual([kvRowOf(database, "conversation", OWNER)]);
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(press("cv:key:en"));
    expect(calls.at(-1)?.method).toBe("answerCallbackQuery"); // an old button, answered as out of date
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("There is nothing to cancel.");

    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    expect(await kvRows(database)).toEqual([]);
    expect(await auditRows(database)).toEqual([]);
  });

  it("/forget mid-conversation leaves it, so no conversation state is written back for the chat", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:charges"));
    expect(await kvRows(database)).toEqual([kvRowOf(database, "conversation", OWNER)]);
    const n = calls.length;
    await bot.handleUpdate(textUpdate("/forget"));
    // The privacy feature answered, as it would outside a conversation.
    expect(sentTexts(calls.slice(n))).toEqual([expect.stringContaining("Delete everything this bot holds about this chat?")]);
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(press("cv:lang:en"));
    expect(await kvRows(database)).toEqual([]);
  });

  it("a new editing command replaces the open conversation", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:summary"));
    await bot.handleUpdate(textUpdate("/add_paraphrase"));
    expect(sentTexts(calls).at(-1)).toContain("Add a sample question.");
    await bot.handleUpdate(press("cv:topic:summary"));
    expect(sentTexts(calls).at(-1)).toContain("in which language and script");
  });

  it("refuses non-editors and stores no conversation state for them", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    for (const command of ["/edit_answer", "/add_paraphrase"]) {
      expect(await sentDuring(calls, () => bot.handleUpdate(textUpdate(command, { chatId: 77 }))), command).toEqual([expect.stringContaining("only for the editors")]);
    }
    await bot.handleUpdate(press("cv:topic:charges", { chatId: 77 }));
    await bot.handleUpdate(textUpdate("/cancel", { chatId: 77 }));
    expect(sentTexts(calls).at(-1)).toBe("There is nothing to cancel.");
    expect(await kvRows(database)).toEqual([]);
  });

  it("refuses non-editors, works only in private, and /cancel leaves with nothing stored", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    for (const command of ["/add_hearing", "/change_hearing", "/publish_update"]) {
      expect(await sentDuring(calls, () => bot.handleUpdate(textUpdate(command, { chatId: 77 }))), command).toEqual([expect.stringContaining("only for the editors")]);
      const inGroup = textUpdate(command, { chatId: -100555, chatType: "supergroup", userId: OWNER });
      expect(await sentDuring(calls, () => bot.handleUpdate(inGroup)), command).toEqual([expect.stringContaining("Editor tools work only in a private chat")]);
    }
    await bot.handleUpdate(press("cv:what:held", { chatId: 77 }));
    expect(await kvRows(database)).toEqual([]);

    await bot.handleUpdate(textUpdate("/add_hearing"));
    await bot.handleUpdate(textUpdate("15.02.2026"));
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    await bot.handleUpdate(textUpdate("10:00"));
    expect(await database.db.select().from(hearings)).toHaveLength(1);
    expect(await auditRows(database)).toEqual([]);
    // "10:00" was an ordinary question after /cancel: only its dialogue state may be stored, no conversation.
    expect((await kvRows(database)).filter((r) => !r.key.startsWith("dialogue:"))).toEqual([]);
  });
});
