import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { KvStore } from "../../db/kv.js";
import type { Clock } from "../../shared/time.js";

/**
 * The version of the editors' conversation state. Bump it whenever a conversation's steps change
 * (a wait added, removed or moved, an `external` call added or reordered): state written by the
 * old code would replay into the wrong step, so the plugin drops state of another version and
 * the editor simply starts again.
 */
export const CONVERSATION_STATE_VERSION = 1;

/** kv_state keeps it as `conversation:<the chat's ref>` (src/db/kv.ts): never the chat's id. */
const KIND = "conversation";

/**
 * Storage for @grammyjs/conversations in Postgres: one row per chat, so a conversation survives a
 * restart (or moves to another instance) and resumes at the step it was in. A context adapter
 * rather than a key adapter, because the row is the chat's own: keyed and tagged by its ref (/forget finds it).
 */
export function conversationStorage<C extends Context>(
  kv: KvStore,
  clock: Clock,
  version: number = CONVERSATION_STATE_VERSION,
): ConversationStorage<C, ConversationData> {
  return {
    type: "context",
    version,
    adapter: {
      read: async (ctx) => (ctx.chatId === undefined ? undefined : kv.getForChat<VersionedState<ConversationData>>(KIND, ctx.chatId)),
      write: async (ctx, state) => {
        if (ctx.chatId !== undefined) await kv.setForChat(KIND, ctx.chatId, state, clock.now());
      },
      delete: async (ctx) => {
        if (ctx.chatId !== undefined) await kv.deleteForChat(KIND, ctx.chatId);
      },
    },
  };
}
