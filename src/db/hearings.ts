import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "./client.js";
import { hearings } from "./schema.js";

export type Hearing = typeof hearings.$inferSelect;

export function createHearingsRepo(db: Db) {
  return {
    /**
     * The next scheduled hearing that has not ended its day, and the last one before it.
     * A hearing without a time counts as upcoming for its whole day.
     */
    async nextAndLast(now: Date): Promise<{ next?: Hearing; last?: Hearing }> {
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const [next] = await db
        .select()
        .from(hearings)
        .where(and(eq(hearings.status, "scheduled"), gte(hearings.startsAt, dayAgo)))
        .orderBy(asc(hearings.startsAt))
        .limit(1);
      const upcoming = next && (next.time === null || next.startsAt.getTime() >= now.getTime() - 3 * 3_600_000) ? next : undefined;
      if (upcoming) return { next: upcoming };
      const [last] = await db.select().from(hearings).where(lt(hearings.startsAt, now)).orderBy(desc(hearings.startsAt)).limit(1);
      return { last };
    },
    async all(): Promise<Hearing[]> {
      return db.select().from(hearings).orderBy(asc(hearings.startsAt));
    },
    async get(id: string): Promise<Hearing | undefined> {
      const [h] = await db.select().from(hearings).where(eq(hearings.id, id));
      return h;
    },
  };
}

export type HearingsRepo = ReturnType<typeof createHearingsRepo>;
