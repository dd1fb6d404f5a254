import { eq } from "drizzle-orm";
import type { Executor } from "./client.js";
import { chats, type ChatRow, type ChatType } from "./schema.js";

export type { ChatRow, ChatType };
import type { Lang } from "../shared/lang.js";

export function createChatsRepo(db: Executor) {
  return {
    async get(id: number): Promise<ChatRow | undefined> {
      const [row] = await db.select().from(chats).where(eq(chats.id, id));
      return row;
    },
    /** Stores the chat (id and type only) with its chosen language; the person's own action. */
    async setLanguage(id: number, type: ChatType, language: Lang, now: Date): Promise<void> {
      await db
        .insert(chats)
        .values({ id, type, language, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: chats.id, set: { language, updatedAt: now } });
    },
  };
}

export type ChatsRepo = ReturnType<typeof createChatsRepo>;
