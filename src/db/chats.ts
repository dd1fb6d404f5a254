import { eq, sql } from "drizzle-orm";
import { ASYNC_COMMIT, query, ts, type Executor } from "./client.js";
import { chats, type ChatRow, type ChatType, type KazakhScript } from "./schema.js";
import type { Lang } from "../shared/lang.js";

export type { ChatRow, ChatType, KazakhScript };

/** Where a chat's dialogue state lives in kv_state (with the chat id, so /forget finds it). */
export const dialogueKey = (chatId: number) => `dialogue:${chatId}`;

interface ContextRow {
  id: string | number | null;
  type: ChatRow["type"];
  language: ChatRow["language"];
  kk_script: ChatRow["kkScript"];
  kk_script_chosen: boolean | null;
  status: ChatRow["status"];
  created_at: Date | string;
  updated_at: Date | string;
  dialogue: unknown;
  hearings_digest: string | null;
}

export function createChatsRepo(db: Executor) {
  return {
    /**
     * The chat's row, its dialogue state and a digest of every hearing row, in one round trip:
     * what every update reads first. The digest changes with any change to the hearings, so what
     * was read of them can be kept until it does (src/bot/hearings-cache.ts).
     */
    async context(id: number): Promise<{ chat?: ChatRow; dialogue?: unknown; hearingsDigest?: string }> {
      const [r] = await query<ContextRow>(
        db,
        sql`select c.id, c.type, c.language, c.kk_script, c.kk_script_chosen, c.status, c.created_at, c.updated_at, k.value as dialogue,
              (select md5(coalesce(string_agg(h::text, ',' order by h.id), '')) from hearings h) as hearings_digest
            from (select ${id}::bigint as id) v
            left join chats c on c.id = v.id
            left join kv_state k on k.key = ${dialogueKey(id)}`,
      );
      const dialogue = typeof r?.dialogue === "string" ? (JSON.parse(r.dialogue) as unknown) : (r?.dialogue ?? undefined);
      const hearingsDigest = r?.hearings_digest ?? undefined;
      if (!r || r.id === null) return { dialogue: dialogue ?? undefined, hearingsDigest };
      const chat: ChatRow = {
        id: Number(r.id),
        type: r.type,
        language: r.language,
        kkScript: r.kk_script,
        kkScriptChosen: r.kk_script_chosen === true,
        status: r.status,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      };
      return { chat, dialogue: dialogue ?? undefined, hearingsDigest };
    },
    async get(id: number): Promise<ChatRow | undefined> {
      const [row] = await db.select().from(chats).where(eq(chats.id, id));
      return row;
    },
    /**
     * Stores the chat (id and type only) with its chosen language; the person's own action. With a
     * Kazakh script, that script is chosen too, and what the chat writes in no longer changes it.
     */
    async setLanguage(id: number, type: ChatType, language: Lang, now: Date, kkScript?: KazakhScript): Promise<void> {
      const script = kkScript ? { kkScript, kkScriptChosen: true } : {};
      await db
        .insert(chats)
        .values({ id, type, language, ...script, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: chats.id, set: { language, ...script, updatedAt: now } });
    },
    /**
     * The script the chat last wrote Kazakh in, unless it chose one. Cyrillic is what a chat without
     * a row reads anyway, so only Latin or Arabic makes a row for a chat that has none. Committed
     * without waiting for the disk, in one statement (ASYNC_COMMIT): lost in a crash, it is learnt
     * again from the chat's next question, and the reply does not wait on an fsync.
     */
    async setKazakhScript(id: number, type: ChatType, script: KazakhScript, now: Date): Promise<void> {
      const at = ts(now);
      if (script === "cyrl") {
        await db.execute(sql`${ASYNC_COMMIT}
          update chats set kk_script = 'cyrl', updated_at = ${at} from async_commit
          where chats.id = ${id} and not chats.kk_script_chosen`);
        return;
      }
      await db.execute(sql`${ASYNC_COMMIT}
        insert into chats (id, type, kk_script, created_at, updated_at)
        select ${id}::bigint, ${type}::text, ${script}::text, ${at}, ${at} from async_commit
        on conflict (id) do update set kk_script = excluded.kk_script, updated_at = excluded.updated_at
        where not chats.kk_script_chosen`);
    },
  };
}

export type ChatsRepo = ReturnType<typeof createChatsRepo>;
