import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "./client.js";
import { refOf, refsOf, sealFor } from "./refs.js";
import { kvState } from "./schema.js";

/** A chat's own row of some kind: `<kind>:<ref>`, so neither the key nor any column holds its id. */
const chatKey = (kind: string, ref: string) => `${kind}:${ref}`;

/**
 * Keyed jsonb state in `kv_state`. A row that belongs to a chat is keyed and tagged by the chat's
 * ref (the `forChat` methods, given the chat's id), so /forget finds it; other rows (the
 * scheduler's last run, the case's end) have plain keys and no chat.
 */
export function createKvStore(db: Executor) {
  return {
    /** The chat's row of this kind; during a rotation, the current key's first. */
    async getForChat<T>(kind: string, chatId: number): Promise<T | undefined> {
      const refs = refsOf(db, chatId);
      const rows = await db.select({ key: kvState.key, value: kvState.value }).from(kvState).where(inArray(kvState.key, refs.map((r) => chatKey(kind, r))));
      const first = rows.find((r) => r.key === chatKey(kind, refs[0]!)) ?? rows[0];
      return first?.value as T | undefined;
    },
    async setForChat(kind: string, chatId: number, value: unknown, now: Date): Promise<void> {
      const [ref, ...old] = refsOf(db, chatId);
      // A row written under the previous key goes: the one under the current key replaces it.
      if (old.length) await db.delete(kvState).where(inArray(kvState.key, old.map((r) => chatKey(kind, r))));
      await this.set(chatKey(kind, ref!), value, chatId, now);
    },
    async deleteForChat(kind: string, chatId: number): Promise<void> {
      await db.delete(kvState).where(inArray(kvState.key, refsOf(db, chatId).map((r) => chatKey(kind, r))));
    },
    async get<T>(key: string): Promise<T | undefined> {
      const [row] = await db.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key));
      return row?.value as T | undefined;
    },
    /**
     * A row under a plain key; with a chat id, tagged with the chat's ref and its id sealed (what
     * keys:rotate re-keys it by). Use setForChat for the chat's own rows.
     */
    async set(key: string, value: unknown, chatId: number | null, now: Date): Promise<void> {
      const who = chatId === null ? { chatRef: null, chatSealed: null } : { chatRef: refOf(db, chatId), chatSealed: sealFor(db, chatId) };
      await db
        .insert(kvState)
        .values({ key, ...who, value, updatedAt: now })
        .onConflictDoUpdate({ target: kvState.key, set: { value, ...who, updatedAt: now } });
    },
    async delete(key: string): Promise<void> {
      await db.delete(kvState).where(eq(kvState.key, key));
    },
    /**
     * Stores an instant under `key` unless a later one is already there: two instances with
     * slightly different clocks never move it backwards.
     */
    async advanceInstant(key: string, at: Date): Promise<void> {
      await db
        .insert(kvState)
        .values({ key, value: { at: at.toISOString() }, updatedAt: at })
        .onConflictDoUpdate({
          target: kvState.key,
          set: { value: sql`case when (${kvState.value}->>'at')::timestamptz > ${at.toISOString()}::timestamptz then ${kvState.value} else excluded.value end`, updatedAt: at },
        });
    },
    async instant(key: string): Promise<Date | undefined> {
      const at = (await this.get<{ at?: string }>(key))?.at;
      return at ? new Date(at) : undefined;
    },
  };
}

export type KvStore = ReturnType<typeof createKvStore>;
