import type { Executor } from "./client.js";
import { createKvStore } from "./kv.js";

/**
 * A chat's dialogue state (src/answers/reader.ts's DialogueState: topics, language, script, when;
 * never the person's words), kept in kv_state under `dialogue:<ref>` with the chat's ref, so
 * /forget erases it with the rest (src/db/privacy.ts). It is read with the chat's row in one
 * round trip (chats.context); this writes it.
 */
export function createDialogueStore(db: Executor) {
  const kv = createKvStore(db);
  return {
    async save(chatId: number, state: unknown, now: Date): Promise<void> {
      await kv.setForChat("dialogue", chatId, state, now);
    },
  };
}

export type DialogueStore = ReturnType<typeof createDialogueStore>;
