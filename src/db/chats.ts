import { eq, sql } from "drizzle-orm";
import type { Lang } from "../content/schema.js";
import type { Db } from "./client.js";
import { chats } from "./schema.js";

export type ChatRow = typeof chats.$inferSelect;
export type ChatType = ChatRow["type"];

export function createChatsRepo(db: Db) {
  return {
    async get(id: number): Promise<ChatRow | undefined> {
      const [row] = await db.select().from(chats).where(eq(chats.id, id));
      return row;
    },
    /** Stores the chat (id and type only) if new, and marks it active. */
    async ensure(id: number, type: ChatType): Promise<void> {
      await db
        .insert(chats)
        .values({ id, type })
        .onConflictDoUpdate({ target: chats.id, set: { type, status: "active", updatedAt: sql`now()` } });
    },
    async setLanguage(id: number, type: ChatType, language: Lang): Promise<void> {
      await db
        .insert(chats)
        .values({ id, type, language })
        .onConflictDoUpdate({ target: chats.id, set: { language, updatedAt: sql`now()` } });
    },
    async setStatus(id: number, status: ChatRow["status"]): Promise<void> {
      await db.update(chats).set({ status, updatedAt: sql`now()` }).where(eq(chats.id, id));
    },
  };
}

export type ChatsRepo = ReturnType<typeof createChatsRepo>;
