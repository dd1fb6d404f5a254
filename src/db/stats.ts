import { sql } from "drizzle-orm";
import { query, ts, type Executor } from "./client.js";

export interface Stats {
  /** Active chats with a subscription, by the language they chose (null: not chosen) and chat type. */
  subscribers: Array<{ lang: string | null; type: string; n: number }>;
  /** Delivered since `since`; due and not yet sent (pending or in flight); due later; given up on since `since`. */
  deliveries: { sent: number; pending: number; later: number; failed: number };
  /** The latest published update and how far its delivery got. */
  latestUpdate: { id: number; sent: number; total: number } | null;
  unanswered: { day: number; all: number };
  /** Corrections and translations since `since`: copies edited, and copies Telegram would not let the bot edit (deleted, too old, a chat left). */
  edits: { edited: number; refused: number; pending: number };
}

/** Aggregates only: no query here returns a chat id. */
export async function readStats(db: Executor, now: Date, since: Date): Promise<Stats> {
  const subscribers = await query<{ lang: string | null; type: string; n: number }>(
    db,
    sql`
    select c.language as lang, c.type as type, count(*)::int as n
    from subscriptions s join chats c on c.ref = s.chat_ref
    where c.status = 'active' and (s.reminders or s.updates)
    group by c.language, c.type
    order by n desc, c.type, c.language`,
  );
  const [d] = await query<{ sent: number; pending: number; later: number; failed: number }>(
    db,
    sql`
    select
      count(*) filter (where status = 'sent' and sent_at >= ${ts(since)})::int as sent,
      count(*) filter (where status in ('pending', 'sending') and due_at <= ${ts(now)})::int as pending,
      count(*) filter (where status = 'pending' and due_at > ${ts(now)})::int as later,
      count(*) filter (where status = 'dead' and greatest(created_at, next_attempt_at) >= ${ts(since)})::int as failed
    from deliveries`,
  );
  const [u] = await query<{ id: number; sent: number; total: number }>(
    db,
    sql`
    select u.id::int as id,
      (select count(*) from deliveries d where d.kind = 'update' and d.subject_id = u.id::text and d.status = 'sent')::int as sent,
      (select count(*) from deliveries d where d.kind = 'update' and d.subject_id = u.id::text and d.status <> 'cancelled')::int as total
    from updates u order by u.published_at desc, u.id desc limit 1`,
  );
  const [q] = await query<{ day: number; all: number }>(
    db,
    sql`select count(*) filter (where created_at >= ${ts(since)})::int as day, count(*)::int as all from unanswered`,
  );
  const [e] = await query<{ edited: number; refused: number; pending: number }>(
    db,
    sql`select count(*) filter (where status = 'sent' and sent_at >= ${ts(since)})::int as edited,
               count(*) filter (where status = 'dead' and greatest(created_at, next_attempt_at) >= ${ts(since)})::int as refused,
               count(*) filter (where status in ('pending', 'sending'))::int as pending
        from deliveries where kind = 'update_edit'`,
  );
  return {
    edits: { edited: Number(e?.edited ?? 0), refused: Number(e?.refused ?? 0), pending: Number(e?.pending ?? 0) },
    subscribers: subscribers.map((r) => ({ lang: r.lang, type: r.type, n: Number(r.n) })),
    deliveries: { sent: Number(d?.sent ?? 0), pending: Number(d?.pending ?? 0), later: Number(d?.later ?? 0), failed: Number(d?.failed ?? 0) },
    latestUpdate: u ? { id: Number(u.id), sent: Number(u.sent), total: Number(u.total) } : null,
    unanswered: { day: Number(q?.day ?? 0), all: Number(q?.all ?? 0) },
  };
}
