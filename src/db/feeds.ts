import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Executor } from "./client.js";
import { person } from "./refs.js";
import { feedItems, feeds, type FeedItemRow, type FeedItemStatus, type FeedRow } from "./schema.js";

export type { FeedItemRow, FeedRow };

/** One item as a feed gives it, before it is stored. */
export interface NewFeedItem {
  key: string;
  title: string;
  link: string | null;
  publishedAt: Date | null;
  status: Extract<FeedItemStatus, "new" | "skipped">;
}

export function createFeedsRepo(db: Executor) {
  return {
    /** Undefined when the feed is already watched. The interval defaults to 15 minutes. */
    async add(url: string, addedBy: number, now: Date, intervalMs?: number): Promise<FeedRow | undefined> {
      const by = person(db, addedBy);
      const [row] = await db
        .insert(feeds)
        .values({ url, addedByRef: by.ref, addedBySealed: by.sealed, nextPollAt: now, createdAt: now, ...(intervalMs ? { intervalMs } : {}) })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async remove(id: number): Promise<FeedRow | undefined> {
      const [row] = await db.delete(feeds).where(eq(feeds.id, id)).returning();
      return row;
    },

    list(): Promise<FeedRow[]> {
      return db.select().from(feeds).orderBy(asc(feeds.id));
    },

    /** Feeds whose next poll is due. */
    due(now: Date): Promise<FeedRow[]> {
      return db.select().from(feeds).where(lte(feeds.nextPollAt, now)).orderBy(asc(feeds.nextPollAt));
    },

    /** After a 200 or a 304: validators kept, failures reset, next poll one interval away. */
    async polled(id: number, v: { etag?: string | null; lastModified?: string | null }, now: Date): Promise<void> {
      await db
        .update(feeds)
        .set({
          ...(v.etag !== undefined ? { etag: v.etag } : {}),
          ...(v.lastModified !== undefined ? { lastModified: v.lastModified } : {}),
          failures: 0,
          lastError: null,
          lastPolledAt: now,
          nextPollAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${feeds.intervalMs} / 1000.0)`,
        })
        .where(eq(feeds.id, id));
    },

    async failed(id: number, error: string, next: Date, now: Date): Promise<void> {
      await db
        .update(feeds)
        .set({ failures: sql`${feeds.failures} + 1`, lastError: error.slice(0, 300), lastPolledAt: now, nextPollAt: next })
        .where(eq(feeds.id, id));
    },

    /**
     * Stores the items not seen before and returns those among them that mention the case: an
     * item already stored (by its key, from any feed) is never returned again, whatever restarts.
     */
    async remember(feedId: number, items: readonly NewFeedItem[], now: Date): Promise<FeedItemRow[]> {
      if (!items.length) return [];
      const rows = await db
        .insert(feedItems)
        .values(items.map((i) => ({ feedId, ...i, createdAt: now })))
        .onConflictDoNothing()
        .returning();
      return rows.filter((r) => r.status === "new").sort((a, b) => a.id - b.id);
    },

    async markItem(id: number, status: FeedItemStatus): Promise<FeedItemRow | undefined> {
      const [row] = await db.update(feedItems).set({ status }).where(eq(feedItems.id, id)).returning();
      return row;
    },

    async item(id: number): Promise<FeedItemRow | undefined> {
      const [row] = await db.select().from(feedItems).where(eq(feedItems.id, id));
      return row;
    },

    /** Items matched but not yet sent (a send that failed): tried again on the next run. */
    unsent(feedId: number): Promise<FeedItemRow[]> {
      return db.select().from(feedItems).where(and(eq(feedItems.feedId, feedId), eq(feedItems.status, "new"))).orderBy(asc(feedItems.id));
    },
  };
}

