import { eq, sql } from "drizzle-orm";
import type { Executor } from "./client.js";
import { kvState } from "./schema.js";

/** Keyed jsonb state in `kv_state`; every row that belongs to a chat carries its id, so /forget finds it. */
export function createKvStore(db: Executor) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const [row] = await db.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key));
      return row?.value as T | undefined;
    },
    async set(key: string, value: unknown, chatId: number | null, now: Date): Promise<void> {
      await db
        .insert(kvState)
        .values({ key, chatId, value, updatedAt: now })
        .onConflictDoUpdate({ target: kvState.key, set: { value, chatId, updatedAt: now } });
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
