import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chats, subscriptions } from "../../../src/db/schema.js";
import { type ApiCall, buildTestBot, buttons, lastText, sent, telegramKnows } from "../../support/bot.js";
import { callbackUpdate, groupCallback, groupText, textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { deliveryRows } from "../../support/rows.js";
import { seedDelivery, seedHearing } from "../../support/seed.js";
import { refOf } from "../../../src/db/refs.js";

describe("subscribing", () => {
  const { database } = useDatabase();

  const subOf = async (id: number) => (await database.db.select().from(subscriptions).where(eq(subscriptions.chatRef, refOf(database.db, id))))[0];

  const chatOf = async (id: number) => (await database.db.select().from(chats).where(eq(chats.ref, refOf(database.db, id))))[0];

  const answers = (calls: ApiCall[]) => calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload);

  it("/subscribe subscribes with 1 day + morning, confirms with the next hearing and the settings menu", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-01-20T06:00:00Z" });
    await bot.handleUpdate(textUpdate("/subscribe"));
    const text = lastText(calls);
    expect(text).toContain("✅ Done: this chat is subscribed.");
    expect(text).toContain("Next hearing: Opening of the trial, <b>Friday, 23 January 2026</b>, no time given, Taldykorgan: in 3 days.");
    expect(text).toContain("/unsubscribe");
    expect(buttons(sent(calls).at(-1)).map((b) => b.text)).toEqual([
      "🔔 Hearing reminders: on",
      "▫️ 7 days before",
      "✅ 1 day before",
      "✅ On the morning of the hearing, 08:00",
      "📰 Case updates: on",
      "🌐 Language: English",
      "✔️ Done",
    ]);
    // Rows of the keyboard: no empty row (Telegram refuses those).
    const rows = (sent(calls).at(-1)?.payload.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard;
    expect(rows.map((r) => r.length)).toEqual([1, 2, 1, 1, 1, 1]);
    expect(await subOf(42)).toMatchObject({ reminders: true, updates: true, leadTimes: ["1d", "morning@08:00"] });
    expect(await chatOf(42)).toMatchObject({ type: "private", status: "active", language: "en" });
    await bot.handleUpdate(textUpdate("/subscribe"));
    expect(lastText(calls)).toContain("This chat is already subscribed.");
  });

  it("says so when no future hearing is scheduled, in the chat's language", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-11-29T06:00:00Z" });
    await bot.handleUpdate(textUpdate("/subscribe"));
    expect(lastText(calls)).toContain("No hearing ahead is recorded yet; you will be told as soon as one is set.");
    await bot.handleUpdate(textUpdate("/subscribe", { chatId: 43, lang: "ru" }));
    expect(lastText(calls)).toContain("Готово: этот чат подписан.");
    expect(lastText(calls)).toContain("Предстоящего заседания в записях пока нет; я сообщу, как только его назначат.");
    await bot.handleUpdate(textUpdate("/subscribe", { chatId: 44, lang: "kk" }));
    expect(lastText(calls)).toContain("Алдағы сот отырысы әзірге жазбада жоқ");
    expect((await chatOf(44))?.language).toBe("kk");
  });

  it("the subscribe button under answers (sub:open) subscribes", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("sub:open"));
    expect(answers(calls)).toHaveLength(1);
    expect(lastText(calls)).toContain("✅ Done: this chat is subscribed.");
    expect(await subOf(42)).toMatchObject({ reminders: true, updates: true, leadTimes: ["1d", "morning@08:00"] });
  });

  it("/unsubscribe removes the subscription and drops what was queued", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/subscribe"));
    await seedHearing(database, { id: "hx", date: "2026-03-10" });
    await seedDelivery(database, { chatId: 42, subjectId: "hx" });
    await bot.handleUpdate(textUpdate("/unsubscribe"));
    expect(lastText(calls)).toContain("no more reminders or updates");
    expect(await subOf(42)).toBeUndefined();
    expect((await deliveryRows(database)).map((r) => r.status)).toEqual(["cancelled"]);
    await bot.handleUpdate(textUpdate("/unsubscribe"));
    expect(lastText(calls)).toContain("This chat is not subscribed.");
    await bot.handleUpdate(textUpdate("/settings"));
    expect(lastText(calls)).toContain("This chat is not subscribed.");
  });

  it("in a group only administrators may subscribe or change settings; others get a polite refusal", async () => {
    const { bot, calls } = await buildTestBot(database);
    const group = -100777;
    telegramKnows(bot, calls, { admins: { [group]: [7] } });
    await bot.handleUpdate(groupText("/subscribe", group, 8));
    expect(lastText(calls)).toContain("only this group's administrators can change its subscription");
    expect(await subOf(group)).toBeUndefined();

    await bot.handleUpdate(groupText("/subscribe", group, 7));
    expect(lastText(calls)).toContain("✅ Done: this chat is subscribed.");
    expect(await chatOf(group)).toMatchObject({ type: "supergroup" });
    await bot.handleUpdate(groupCallback("set:-100777:u", group, 7));
    expect(answers(calls).at(-1)).toMatchObject({ text: "Case updates are off." });
    // Cached briefly: one getChatMember for the admin's two actions.
    expect(calls.filter((c) => c.method === "getChatMember" && c.payload.user_id === 7)).toHaveLength(1);

    await bot.handleUpdate(groupCallback("set:-100777:r", group, 8));
    expect(answers(calls).at(-1)).toMatchObject({ show_alert: true, text: expect.stringContaining("only this group's administrators") });
    await bot.handleUpdate(groupText("/unsubscribe", group, 8));
    expect(await subOf(group)).toMatchObject({ reminders: true, updates: false });

    // An anonymous administrator writes as the group itself.
    await bot.handleUpdate(groupText("/unsubscribe", group, 1087968824, { sender_chat: { id: group, type: "supergroup", title: "Group" } }));
    expect(await subOf(group)).toBeUndefined();
  });

  it("a channel admin subscribes the channel from a private chat when the bot is its admin", async () => {
    const { bot, calls } = await buildTestBot(database);
    const channel = -1009999;
    telegramKnows(bot, calls, { admins: { [channel]: [42] }, botAdminIn: [channel], channels: [{ id: channel, username: "atajurt_news" }, { id: -1008888, username: "other" }] });
    await bot.handleUpdate(textUpdate("/subscribe @nowhere"));
    expect(lastText(calls)).toContain("I can't find that channel.");
    await bot.handleUpdate(textUpdate("/subscribe @other"));
    expect(lastText(calls)).toContain("I am not an administrator of @other.");
    await bot.handleUpdate(textUpdate("/subscribe @atajurt_news", { chatId: 43 }));
    expect(lastText(calls)).toContain("Only administrators of @atajurt_news can change its subscription.");

    await bot.handleUpdate(textUpdate("/subscribe @atajurt_news", { lang: "kk" }));
    expect(lastText(calls)).toContain("✅ @atajurt_news арнасы жазылды");
    expect(await chatOf(channel)).toMatchObject({ type: "channel", language: "kk", status: "active" });
    expect(buttons(sent(calls).at(-1)).map((b) => b.callback_data)).toContain(`set:${channel}:r`);
    await bot.handleUpdate(callbackUpdate(`set:${channel}:u`));
    expect((await subOf(channel))?.updates).toBe(false);
    await bot.handleUpdate(textUpdate("/unsubscribe @atajurt_news"));
    expect(lastText(calls)).toContain("nothing more will be posted to @atajurt_news");
    expect(await subOf(channel)).toBeUndefined();

    // Forwarding one of its posts offers the same.
    const forward = textUpdate("a post");
    (forward.message as unknown as Record<string, unknown>).forward_origin = { type: "channel", chat: { id: channel, type: "channel", title: "News", username: "atajurt_news" }, message_id: 5, date: 0 };
    await bot.handleUpdate(forward);
    const offer = sent(calls).at(-1);
    expect(String(offer?.payload.text)).toContain("Subscribe the channel @atajurt_news");
    await bot.handleUpdate(callbackUpdate(buttons(offer)[0]!.callback_data!));
    expect(await subOf(channel)).toMatchObject({ reminders: true, updates: true });
  });
});
