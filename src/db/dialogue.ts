import type { Executor } from "./client.js";
import { dialogueKey } from "./chats.js";
import { createKvStore } from "./kv.js";

/**
 * A chat's dialogue state (src/answers/reader.ts's DialogueState: topics, language, script, when;
 * never the person's words), kept in kv_state under `dialogue:<chat id>` with the chat's id, so
 * /forget erases it with the rest (src/db/privacy.ts). It is read with the chat's row in one
 * round trip (chats.context); this writes it.
 */
export function createDialogueStore(db: Executor) {
  const kv = createKvStore(db);
  return {
    async save(chatId: number, state: unknown, now: Date): Promise<void> {
      await kv.set(dialogueKey(chatId), state, chatId, now);
    },
  };
}

export type DialogueStore = ReturnType<typeof createDialogueStore>;
