import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ChatRef } from "./chat-id.js";
import { ASYNC_COMMIT, query, ts, type Executor } from "./client.js";
import { person, refsOf, textArray } from "./refs.js";
import { chats, type ChatRow, type ChatType, type KazakhScript } from "./schema.js";
import type { Lang } from "../shared/lang.js";

export type { ChatRow, ChatType, KazakhScript };

/** Where a chat's dialogue state lives in kv_state (under its ref, with its ref, so /forget finds it). */
export const dialogueKey = (ref: ChatRef) => `dialogue:${ref}`;

/** The columns of a chat row as the app sees it: its id is the one it was asked about. */
const chatColumns = {
  type: chats.type,
  language: chats.language,
  kkScript: chats.kkScript,
  kkScriptChosen: chats.kkScriptChosen,
  status: chats.status,
  createdAt: chats.createdAt,
  updatedAt: chats.updatedAt,
};

interface ContextRow {
  ref: string | null;
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
      // The current key's ref first: during a rotation a row not yet re-sealed is found by the previous one.
      const refs = refsOf(db, id);
      const [r] = await query<ContextRow>(
        db,
        sql`select c.ref, c.type, c.language, c.kk_script, c.kk_script_chosen, c.status, c.created_at, c.updated_at,
              (select k.value from kv_state k where k.key = any(${textArray(refs.map(dialogueKey))}) order by k.key = ${dialogueKey(refs[0]!)} desc limit 1) as dialogue,
              (select md5(coalesce(string_agg(h::text, ',' order by h.id), '')) from hearings h) as hearings_digest
            from (select 1) v
            left join lateral (select * from chats c where c.ref = any(${textArray(refs)}) order by c.ref = ${refs[0]!} desc limit 1) c on true`,
      );
      const dialogue = typeof r?.dialogue === "string" ? (JSON.parse(r.dialogue) as unknown) : (r?.dialogue ?? undefined);
      const hearingsDigest = r?.hearings_digest ?? undefined;
      if (!r || r.ref === null) return { dialogue: dialogue ?? undefined, hearingsDigest };
      const chat: ChatRow = {
        id,
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
      const [row] = await db.select(chatColumns).from(chats).where(inArray(chats.ref, refsOf(db, id))).limit(1);
      return row ? { id, ...row } : undefined;
    },
    /**
     * Stores the chat (id and type only) with its chosen language; the person's own action. With a
     * Kazakh script, that script is chosen too, and what the chat writes in no longer changes it.
     */
    async setLanguage(id: number, type: ChatType, language: Lang, now: Date, kkScript?: KazakhScript): Promise<void> {
      const script = kkScript ? { kkScript, kkScriptChosen: true } : {};
      await adoptChat(db, id);
      await db
        .insert(chats)
        .values({ ...chatKeys(db, id), type, language, ...script, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: chats.ref, set: { language, ...script, updatedAt: now } });
    },
    /**
     * The script the chat last wrote Kazakh in, unless it chose one. Cyrillic is what a chat without
     * a row reads anyway, so only Latin or Arabic makes a row for a chat that has none. Committed
     * without waiting for the disk, in one statement (ASYNC_COMMIT): lost in a crash, it is learnt
     * again from the chat's next question, and the reply does not wait on an fsync.
     */
    async setKazakhScript(id: number, type: ChatType, script: KazakhScript, now: Date): Promise<void> {
      // During a rotation the chat's row may still be under the previous key: it moves to the current one first.
      await adoptChat(db, id);
      await db.execute(sql`${ASYNC_COMMIT} ${kazakhScriptWrite(db, { id, type, script }, now)}`);
    },
  };
}

/** A script a chat now writes Kazakh in, to be stored (chats.setKazakhScript). */
export interface LearntScript {
  id: number;
  type: ChatType;
  script: KazakhScript;
}

/**
 * setKazakhScript's statement, reading from ASYNC_COMMIT's `async_commit`: on its own after
 * that clause, or as a WITH query of another write (the dialogue state's), so an answer that
 * learns the script still writes once. Call `adoptChat` first.
 */
export function kazakhScriptWrite(ex: Executor, learnt: LearntScript, now: Date): SQL {
  const at = ts(now);
  const { ref, sealed } = person(ex, learnt.id);
  if (learnt.script === "cyrl") {
    return sql`update chats set kk_script = 'cyrl', updated_at = ${at} from async_commit
      where chats.ref = ${ref} and not chats.kk_script_chosen`;
  }
  return sql`insert into chats (ref, sealed, type, kk_script, created_at, updated_at)
    select ${ref}::text, ${sealed}::text, ${learnt.type}::text, ${learnt.script}::text, ${at}, ${at} from async_commit
    on conflict (ref) do update set kk_script = excluded.kk_script, updated_at = excluded.updated_at
    where not chats.kk_script_chosen`;
}

export type ChatsRepo = ReturnType<typeof createChatsRepo>;

/**
 * A new chat row's key columns: its ref under the current key and its id sealed. Call
 * `adoptChat` first in a write that may find the row: an upsert is keyed on the current ref.
 */
export function chatKeys(ex: Executor, id: number): { ref: ChatRef; sealed: ReturnType<typeof person>["sealed"] } {
  return person(ex, id);
}

/**
 * While a rotation runs, a chat written to before keys:rotate reached it moves to the current
 * key first (its dependants follow by cascade): a write keyed on the current ref then finds it,
 * rather than making a second row. Nothing to do without a previous key.
 */
export async function adoptChat(ex: Executor, id: number): Promise<void> {
  const [, old] = refsOf(ex, id);
  if (!old) return;
  const now = person(ex, id);
  await ex.update(chats).set({ ref: now.ref, sealed: now.sealed }).where(eq(chats.ref, old));
}

