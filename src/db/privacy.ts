import { eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { chats, deliveries, kvState, subscriptions } from "./schema.js";

/**
 * Everything the bot holds about one chat, in one transaction. A table that gains a chat id
 * column must be added here: tests/db/privacy.test.ts looks for such columns in every table
 * and fails until it is.
 */
export async function forgetChat(db: Db, chatId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(deliveries).where(eq(deliveries.chatId, chatId));
    await tx.delete(subscriptions).where(eq(subscriptions.chatId, chatId));
    await tx.delete(kvState).where(eq(kvState.chatId, chatId));
    await tx.delete(chats).where(eq(chats.id, chatId));
  });
}
