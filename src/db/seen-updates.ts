import { lt } from "drizzle-orm";
import type { Executor } from "./client.js";
import { seenUpdates } from "./schema.js";

export function createSeenUpdatesRepo(db: Executor) {
  return {
    /** True the first time an update id is seen; false for a redelivery. */
    async claim(updateId: number, at: Date): Promise<boolean> {
      const claimed = await db.insert(seenUpdates).values({ updateId, seenAt: at }).onConflictDoNothing().returning({ updateId: seenUpdates.updateId });
      return claimed.length > 0;
    },
    async purge(before: Date): Promise<number> {
      const gone = await db.delete(seenUpdates).where(lt(seenUpdates.seenAt, before)).returning({ id: seenUpdates.updateId });
      return gone.length;
    },
  };
}
