import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { query, type Executor } from "./client.js";
import { person } from "./refs.js";
import { updates, type UpdateRow } from "./schema.js";

export type { UpdateRow };
import type { PartialTranslated } from "../shared/lang.js";

/** How far one update's delivery got. */
export interface UpdateProgress {
  sent: number;
  /** Still to go: queued or in flight. */
  pending: number;
  /** Given up on (dead) or dropped because the chat left or blocked the bot. */
  failed: number;
  /** Every chat it was queued for. */
  total: number;
}

export function createUpdatesRepo(db: Executor) {
  return {
    async get(id: number): Promise<UpdateRow | undefined> {
      const [row] = await db.select().from(updates).where(eq(updates.id, id));
      return row;
    },

    async many(ids: readonly number[]): Promise<UpdateRow[]> {
      if (!ids.length) return [];
      return db.select().from(updates).where(inArray(updates.id, [...ids]));
    },

    /** Every published update not retracted, newest first: the site's lists and feeds (updates are few, a handful a month). */
    async published(): Promise<UpdateRow[]> {
      return db.select().from(updates).where(isNull(updates.retractedAt)).orderBy(desc(updates.publishedAt), desc(updates.id));
    },

    async latest(): Promise<UpdateRow | undefined> {
      const [row] = await db.select().from(updates).where(isNull(updates.retractedAt)).orderBy(desc(updates.publishedAt), desc(updates.id)).limit(1);
      return row;
    },

    /**
     * A new text (a correction, or a translation added later): the revision goes up by one, and
     * `correctedAt` is set for a correction. Returns the row as it is now, or undefined for an
     * update that is gone or retracted.
     */
    async revise(id: number, body: PartialTranslated, correctedAt: Date | null): Promise<UpdateRow | undefined> {
      const [row] = await db
        .update(updates)
        .set({ body, revision: sql`${updates.revision} + 1`, ...(correctedAt ? { correctedAt } : {}) })
        .where(and(eq(updates.id, id), isNull(updates.retractedAt)))
        .returning();
      return row;
    },

    async retract(id: number, at: Date): Promise<UpdateRow | undefined> {
      const [row] = await db
        .update(updates)
        .set({ retractedAt: at, revision: sql`${updates.revision} + 1` })
        .where(and(eq(updates.id, id), isNull(updates.retractedAt)))
        .returning();
      return row;
    },

    async insert(u: { body: PartialTranslated; sourceUrl: string | null; publishedAt: Date; createdBy: number }): Promise<number> {
      const { createdBy, ...rest } = u;
      const by = person(db, createdBy);
      const [row] = await db
        .insert(updates)
        .values({ ...rest, createdByRef: by.ref, createdBySealed: by.sealed })
        .returning({ id: updates.id });
      return row!.id;
    },

    /** Counts only, one statement over the update's outbox rows. */
    async progress(id: number): Promise<UpdateProgress> {
      const [r] = await query<{ sent: number; pending: number; failed: number; total: number }>(
        db,
        sql`select
              count(*) filter (where status = 'sent')::int as sent,
              count(*) filter (where status in ('pending', 'sending'))::int as pending,
              count(*) filter (where status in ('dead', 'cancelled'))::int as failed,
              count(*)::int as total
            from deliveries where kind = 'update' and subject_id = ${String(id)}`,
      );
      return { sent: Number(r?.sent ?? 0), pending: Number(r?.pending ?? 0), failed: Number(r?.failed ?? 0), total: Number(r?.total ?? 0) };
    },
  };
}

export type UpdatesRepo = ReturnType<typeof createUpdatesRepo>;
