import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chats, subscriptions } from "../../../src/db/schema.js";
import { type ApiCall, buildTestBot } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { refOf } from "../../../src/db/refs.js";

describe("/settings", () => {
  const { database } = useDatabase();

  const subOf = async (id: number) => (await database.db.select().from(subscriptions).where(eq(subscriptions.chatRef, refOf(database.db, id))))[0];

  const chatOf = async (id: number) => (await database.db.select().from(chats).where(eq(chats.ref, refOf(database.db, id))))[0];

  const answers = (calls: ApiCall[]) => calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload);

  const edits = (calls: ApiCall[]) => calls.filter((c) => c.method === "editMessageText").map((c) => String(c.payload.text));

  it("/settings toggles reminders, lead times, updates and language, confirming every change", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(callbackUpdate("set:42:l:7d"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Added: 7 days before." });
    expect(edits(calls).at(-1)).toMatch(/^✅ Added: 7 days before\.\n⚙️ <b>Reminder settings for this chat<\/b>/);
    expect((await subOf(42))?.leadTimes).toEqual(["1d", "morning@08:00", "7d"]);
    await bot.handleUpdate(callbackUpdate("set:42:l:1d"));
    await bot.handleUpdate(callbackUpdate("set:42:l:morning@08:00"));
    expect((await subOf(42))?.leadTimes).toEqual(["7d"]);
    await bot.handleUpdate(callbackUpdate("set:42:l:7d"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Keep at least one reminder time, or switch reminders off.", show_alert: true });
    expect((await subOf(42))?.leadTimes).toEqual(["7d"]);

    await bot.handleUpdate(callbackUpdate("set:42:r"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Hearing reminders are off." });
    await bot.handleUpdate(callbackUpdate("set:42:u"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Case updates are off." });
    expect(await subOf(42)).toMatchObject({ reminders: false, updates: false });

    await bot.handleUpdate(callbackUpdate("set:42:g"));
    expect(edits(calls).at(-1)).toBe("Choose your language:");
    await bot.handleUpdate(callbackUpdate("set:42:g:ru"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Готово: буду писать вам по-русски." });
    expect(edits(calls).at(-1)).toContain("Настройки напоминаний для этого чата");
    expect((await chatOf(42))?.language).toBe("ru");
    await bot.handleUpdate(callbackUpdate("set:42:r"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Напоминания о заседаниях включены." });
  });

  it("✔️ Done closes the menu with what the chat now gets, in its language", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(callbackUpdate("set:42:u"));
    await bot.handleUpdate(callbackUpdate("set:42:x"));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Saved." });
    const closed = calls.filter((c) => c.method === "editMessageText").at(-1)!;
    expect(String(closed.payload.text)).toBe(
      [
        "⚙️ <b>Reminder settings for this chat</b> (saved)",
        "🔔 Hearing reminders: 1 day before, On the morning of the hearing, 08:00",
        "📰 Case updates: off",
        "Change them with /settings; stop everything with /unsubscribe.",
      ].join("\n"),
    );
    // No buttons are left to press.
    expect(closed.payload.reply_markup).toBeUndefined();

    await bot.handleUpdate(callbackUpdate("set:42:g:kk"));
    await bot.handleUpdate(callbackUpdate("set:42:r"));
    await bot.handleUpdate(callbackUpdate("set:42:x"));
    expect(edits(calls).at(-1)).toBe(
      ["⚙️ <b>Осы чаттың еске салу баптаулары</b> (сақталды)", "🔕 Отырыстар туралы еске салу: өшірулі", "📰 Іс жаңалықтары: өшірулі", "Өзгерту үшін /settings, бәрін тоқтату үшін /unsubscribe жіберіңіз."].join("\n"),
    );
  });
});
