import { eq, lt, sql } from "drizzle-orm";
import { ASYNC_COMMIT, query, ts, type Executor } from "./client.js";
import { seenUpdates } from "./schema.js";

export function createSeenUpdatesRepo(db: Executor) {
  // Ids let go of while the store was unreachable: their mark may still be in the table, and the
  // redelivery must be handled, not skipped as a repeat. Held in this process only, bounded.
  const released = new Set<number>();
  return {
    /**
     * True the first time an update id is seen; false for a redelivery. Every update in polling
     * and webhook mode makes this claim before anything else, so it does not wait for the disk
     * (ASYNC_COMMIT; other instances see it at once all the same): a claim lost in a database
     * crash only lets a redelivery be handled again, as the crash lost that update's other writes.
     */
    async claim(updateId: number, at: Date): Promise<boolean> {
      const claimed = await query<{ update_id: unknown }>(
        db,
        sql`${ASYNC_COMMIT}
          insert into seen_updates (update_id, seen_at) select ${updateId}::bigint, ${ts(at)} from async_commit
          on conflict do nothing returning update_id`,
      );
      return released.delete(updateId) || claimed.length > 0;
    },
    /**
     * Forgets that an update was seen: it failed for a reason of ours (the store unreachable) and
     * will come again. When the store cannot be reached to delete the mark, the next claim of
     * this id here succeeds anyway.
     */
    async release(updateId: number): Promise<void> {
      if (released.size >= 10_000) released.delete(released.values().next().value!);
      released.add(updateId);
      await db.delete(seenUpdates).where(eq(seenUpdates.updateId, updateId));
      released.delete(updateId);
    },
    async purge(before: Date): Promise<number> {
      const gone = await db.delete(seenUpdates).where(lt(seenUpdates.seenAt, before)).returning({ id: seenUpdates.updateId });
      return gone.length;
    },
  };
}
