import { sql } from "drizzle-orm";
import { ASYNC_COMMIT, ts, type Executor } from "./client.js";
import { dialogueKey } from "./chats.js";

/**
 * A chat's dialogue state (src/answers/reader.ts's DialogueState: topics, language, script, when;
 * never the person's words), kept in kv_state under `dialogue:<chat id>` with the chat's id, so
 * /forget erases it with the rest (src/db/privacy.ts). It is read with the chat's row in one
 * round trip (chats.context); this writes it, in one statement that does not wait for the disk
 * (ASYNC_COMMIT): a state lost in a crash only makes the next follow-up stand alone, and the
 * write is on every answer, where an fsync would be most of the update's time.
 */
export function createDialogueStore(db: Executor) {
  return {
    async save(chatId: number, state: unknown, now: Date): Promise<void> {
      const at = ts(now);
      await db.execute(sql`${ASYNC_COMMIT}
        insert into kv_state (key, chat_id, value, updated_at)
        select ${dialogueKey(chatId)}::text, ${chatId}::bigint, ${JSON.stringify(state)}::jsonb, ${at} from async_commit
        on conflict (key) do update set value = excluded.value, chat_id = excluded.chat_id, updated_at = excluded.updated_at`);
    },
  };
}

export type DialogueStore = ReturnType<typeof createDialogueStore>;
