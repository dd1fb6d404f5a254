import { desc, eq, sql } from "drizzle-orm";
import { LANGS, type Lang } from "../content/schema.js";
import type { Db } from "./client.js";
import { query, type Executor } from "./deliveries.js";
import { updates, type PartialTranslated } from "./schema.js";

export type UpdateRow = typeof updates.$inferSelect;

/** What an editor writes: English always, Kazakh and Russian unless skipped on purpose. */
export interface UpdateDraft {
  body: PartialTranslated;
  sourceUrl: string | null;
}

/** How many chats a publish reaches, by the language they will read it in. */
export interface Reach {
  total: number;
  byLang: Record<Lang, number>;
}

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

/**
 * The chats a case update goes to: active, subscribed, updates on. The same condition as
 * `enqueueUpdate`, so the number the editor confirms is the number queued. A chat that never
 * chose a language reads English, as the sender renders it.
 */
export async function updateReach(ex: Executor): Promise<Reach> {
  const rows = await query<{ lang: string; n: number | string }>(
    ex,
    sql`select coalesce(c.language, 'en') as lang, count(*)::int as n
        from subscriptions s join chats c on c.id = s.chat_id and c.status = 'active'
        where s.updates
        group by 1`,
  );
  const byLang = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const r of rows) if ((LANGS as readonly string[]).includes(r.lang)) byLang[r.lang as Lang] += Number(r.n);
  return { total: LANGS.reduce((a, l) => a + byLang[l], 0), byLang };
}

export function createUpdatesRepo(db: Db) {
  return {
    async get(id: number): Promise<UpdateRow | undefined> {
      const [row] = await db.select().from(updates).where(eq(updates.id, id));
      return row;
    },

    async latest(): Promise<UpdateRow | undefined> {
      const [row] = await db.select().from(updates).orderBy(desc(updates.publishedAt), desc(updates.id)).limit(1);
      return row;
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
