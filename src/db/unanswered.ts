import { desc, lt, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { unanswered } from "./schema.js";

export const UNANSWERED_KEEP_DAYS = 30;

/** Questions the bot could not answer: text and language only, never a chat or user id. */
export function createUnansweredRepo(db: Db) {
  return {
    async add(text: string, lang: string): Promise<void> {
      await db.insert(unanswered).values({ text, lang });
    },
    async recent(limit = 20) {
      return db.select().from(unanswered).orderBy(desc(unanswered.createdAt)).limit(limit);
    },
    async count(): Promise<number> {
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(unanswered);
      return Number(r?.n ?? 0);
    },
    /** Drops what is older than the keeping period; returns how many went. */
    async purge(now: Date): Promise<number> {
      const cutoff = new Date(now.getTime() - UNANSWERED_KEEP_DAYS * 86_400_000);
      const gone = await db.delete(unanswered).where(lt(unanswered.createdAt, cutoff)).returning({ id: unanswered.id });
      return gone.length;
    },
  };
}

export type UnansweredRepo = ReturnType<typeof createUnansweredRepo>;
