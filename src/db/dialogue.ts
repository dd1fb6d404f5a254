import { sql } from "drizzle-orm";
import { ASYNC_COMMIT, ts, type Executor } from "./client.js";
import { adoptChat, dialogueKey, kazakhScriptWrite, type LearntScript } from "./chats.js";
import { refsOf, sealFor, textArray } from "./refs.js";

/**
 * A chat's dialogue state (src/answers/reader.ts's DialogueState: topics, language, script, when;
 * never the person's words), kept in kv_state under `dialogue:<ref>` with the chat's ref, so
 * /forget erases it with the rest (src/db/privacy.ts). It is read with the chat's row in one
 * round trip (chats.context); this writes it, in one statement that does not wait for the disk
 * (ASYNC_COMMIT): a state lost in a crash only makes the next follow-up stand alone, and the
 * write is on every answer, where an fsync would be most of the update's time.
 */
export function createDialogueStore(db: Executor) {
  return {
    /** With `learnt`, the chat's Kazakh script is stored in the same statement (chats.kazakhScriptWrite). */
    async save(chatId: number, state: unknown, now: Date, learnt?: LearntScript): Promise<void> {
      const [ref, ...old] = refsOf(db, chatId);
      // During a rotation the row under the previous key goes, in the same statement.
      const gone = old.length ? sql`, gone as (delete from kv_state where key = any(${textArray(old.map(dialogueKey))}))` : sql``;
      if (learnt) await adoptChat(db, learnt.id);
      const script = learnt ? sql`, script as (${kazakhScriptWrite(db, learnt, now)})` : sql``;
      const at = ts(now);
      await db.execute(sql`${ASYNC_COMMIT}${gone}${script}
        insert into kv_state (key, chat_ref, chat_sealed, value, updated_at)
        select ${dialogueKey(ref!)}::text, ${ref!}::text, ${sealFor(db, chatId)}::text, ${JSON.stringify(state)}::jsonb, ${at} from async_commit
        on conflict (key) do update set value = excluded.value, chat_ref = excluded.chat_ref, chat_sealed = excluded.chat_sealed, updated_at = excluded.updated_at`);
    },
  };
}

export type DialogueStore = ReturnType<typeof createDialogueStore>;
