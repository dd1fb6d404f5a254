import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import { eq, sql } from "drizzle-orm";
import type { Context } from "grammy";
import type { Db } from "./client.js";
import { kvState } from "./schema.js";

/**
 * The version of the editors' conversation state. Bump it whenever a conversation's steps change
 * (a wait added, removed or moved, an `external` call added or reordered): state written by the
 * old code would replay into the wrong step, so the plugin drops state of another version and
 * the editor simply starts again.
 */
export const CONVERSATION_STATE_VERSION = 1;

/** Keyed jsonb state in `kv_state`; every row that belongs to a chat carries its id, so /forget finds it. */
export function createKvStore(db: Db) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const [row] = await db.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key));
      return row?.value as T | undefined;
    },
    async set(key: string, value: unknown, chatId: number | null): Promise<void> {
      await db
        .insert(kvState)
        .values({ key, chatId, value })
        .onConflictDoUpdate({ target: kvState.key, set: { value, chatId, updatedAt: sql`now()` } });
    },
    async delete(key: string): Promise<void> {
      await db.delete(kvState).where(eq(kvState.key, key));
    },
  };
}

export type KvStore = ReturnType<typeof createKvStore>;

export const conversationKey = (chatId: number) => `conversation:${chatId}`;

/**
 * Storage for @grammyjs/conversations in Postgres: one row per chat, so a conversation survives a
 * restart (or moves to another instance) and resumes at the step it was in. A context adapter
 * rather than a key adapter, because the row needs the chat id in its own column.
 */
export function conversationStorage<C extends Context>(
  db: Db,
  version: number = CONVERSATION_STATE_VERSION,
): ConversationStorage<C, ConversationData> {
  const kv = createKvStore(db);
  return {
    type: "context",
    version,
    adapter: {
      read: async (ctx) => (ctx.chatId === undefined ? undefined : kv.get<VersionedState<ConversationData>>(conversationKey(ctx.chatId))),
      write: async (ctx, state) => {
        if (ctx.chatId !== undefined) await kv.set(conversationKey(ctx.chatId), state, ctx.chatId);
      },
      delete: async (ctx) => {
        if (ctx.chatId !== undefined) await kv.delete(conversationKey(ctx.chatId));
      },
    },
  };
}
