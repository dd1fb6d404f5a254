import { lt, sql } from "drizzle-orm";
import { ASYNC_COMMIT, query, ts, type Executor } from "./client.js";
import { unanswered } from "./schema.js";

/** The promise /privacy makes: an unanswered question's text is gone after this many days. */
export const UNANSWERED_KEEP_DAYS = 30;

export interface UnansweredGroup {
  text: string;
  lang: string;
  /** How often it was asked. */
  n: number;
  last: Date;
}

/** Questions the bot could not answer: text and language only, never a chat or user id. */
export function createUnansweredRepo(db: Executor) {
  return {
    /** Without waiting for the disk (ASYNC_COMMIT): a question lost in a crash costs the editors one line, and the reply no fsync. */
    async add(text: string, lang: string, at: Date): Promise<void> {
      await db.execute(sql`${ASYNC_COMMIT}
        insert into unanswered (text, lang, created_at) select ${text}::text, ${lang}::text, ${ts(at)} from async_commit`);
    },
    /** The latest questions, the same question asked again counted once. */
    async recentGrouped(limit: number): Promise<UnansweredGroup[]> {
      const rows = await query<{ text: string; lang: string; n: number; last: Date | string }>(
        db,
        sql`select btrim((array_agg(text order by created_at desc))[1]) as text, lang, count(*)::int as n, max(created_at) as last
            from unanswered
            group by lower(btrim(text)), lang
            order by max(created_at) desc
            limit ${limit}`,
      );
      return rows.map((r) => ({ text: r.text, lang: r.lang, n: Number(r.n), last: new Date(r.last) }));
    },
    /** Drops what is older than the keeping period; returns how many went. */
    async purge(now: Date): Promise<number> {
      const cutoff = new Date(now.getTime() - UNANSWERED_KEEP_DAYS * 86_400_000);
      const gone = await db.delete(unanswered).where(lt(unanswered.createdAt, cutoff)).returning({ id: unanswered.id });
      return gone.length;
    },
  };
}
