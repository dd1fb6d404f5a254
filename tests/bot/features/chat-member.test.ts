import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { chats, subscriptions } from "../../../src/db/schema.js";
import { buildTestBot, telegramKnows } from "../../support/bot.js";
import { groupText, myChatMember, textUpdate, user } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { deliveryRows } from "../../support/rows.js";
import { seedDelivery, seedHearing } from "../../support/seed.js";
import { refOf } from "../../../src/db/refs.js";

let nextId = 90_000;

describe("the chat's status and migration", () => {
  const { database } = useDatabase();

  const subOf = async (id: number) => (await database.db.select().from(subscriptions).where(eq(subscriptions.chatRef, refOf(database.db, id))))[0];

  const chatOf = async (id: number) => (await database.db.select().from(chats).where(eq(chats.ref, refOf(database.db, id))))[0];

  it("my_chat_member keeps the chat's status true; a migrated group keeps its subscription", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/subscribe"));
    await seedHearing(database, { id: "hx", date: "2026-03-10" });
    await seedDelivery(database, { chatId: 42, subjectId: "hx" });
    await bot.handleUpdate(myChatMember({ id: 42, type: "private", first_name: "T" }, "kicked"));
    expect((await chatOf(42))?.status).toBe("blocked");
    expect((await deliveryRows(database)).map((r) => r.status)).toEqual(["cancelled"]);
    await bot.handleUpdate(myChatMember({ id: 42, type: "private", first_name: "T" }, "member"));
    expect((await chatOf(42))?.status).toBe("active");
    expect(await subOf(42)).toMatchObject({ reminders: true, updates: true, leadTimes: ["1d", "morning@08:00"] });

    await bot.handleUpdate(myChatMember({ id: -5, type: "group", title: "G" }, "member"));
    expect(await chatOf(-5)).toMatchObject({ type: "group", status: "active" });
    telegramKnows(bot, calls, { admins: { [-5]: [9] } });
    await bot.handleUpdate({ ...groupText("/subscribe", -5, 9), message: { ...groupText("/subscribe", -5, 9).message!, chat: { id: -5, type: "group", title: "G" } } } as Update);
    await bot.handleUpdate({
      update_id: nextId++,
      message: { message_id: 1, date: 0, chat: { id: -5, type: "group", title: "G" }, from: user(9), migrate_to_chat_id: -1005 },
    } as Update);
    expect(await subOf(-5)).toBeUndefined();
    expect(await subOf(-1005)).toMatchObject({ reminders: true });
    expect(await chatOf(-1005)).toMatchObject({ type: "supergroup", status: "active" });
    // The supergroup's own service message after it changes nothing.
    await bot.handleUpdate({
      update_id: nextId++,
      message: { message_id: 2, date: 0, chat: { id: -1005, type: "supergroup", title: "G" }, from: user(9), migrate_from_chat_id: -5 },
    } as Update);
    expect(await subOf(-1005)).toMatchObject({ reminders: true });

    await bot.handleUpdate(myChatMember({ id: -1005, type: "supergroup", title: "G" }, "left"));
    expect((await chatOf(-1005))?.status).toBe("left");
  });
});
