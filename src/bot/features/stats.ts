import { sql } from "drizzle-orm";
import { Composer } from "grammy";
import type { Database } from "../../db/client.js";
import type { BotContext } from "../context.js";
import { requireEditor } from "../middleware/roles.js";
import { privateOnly } from "./editors.js";

const DAY_MS = 86_400_000;

export interface Stats {
  /** Active chats with a subscription, by the language they chose (null: not chosen) and chat type. */
  subscribers: Array<{ lang: string | null; type: string; n: number }>;
  /** Delivered in the last day; due and not yet sent (pending or in flight); due later; given up on in the last day. */
  deliveries: { sent: number; pending: number; later: number; failed: number };
  /** The latest published update and how far its delivery got. */
  latestUpdate: { id: number; sent: number; total: number } | null;
  unanswered: { day: number; all: number };
}

/** Aggregates only: no query here returns a chat id. */
export async function readStats(database: Database, now: Date): Promise<Stats> {
  // postgres.js takes no Date inside raw SQL: pass the instant as text, cast.
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const nowIso = now.toISOString();
  const subscribers = await database.rows<{ lang: string | null; type: string; n: number }>(sql`
    select c.language as lang, c.type as type, count(*)::int as n
    from subscriptions s join chats c on c.id = s.chat_id
    where c.status = 'active' and (s.reminders or s.updates)
    group by c.language, c.type
    order by n desc, c.type, c.language`);
  const [d] = await database.rows<{ sent: number; pending: number; later: number; failed: number }>(sql`
    select
      count(*) filter (where status = 'sent' and sent_at >= ${since}::timestamptz)::int as sent,
      count(*) filter (where status in ('pending', 'sending') and due_at <= ${nowIso}::timestamptz)::int as pending,
      count(*) filter (where status = 'pending' and due_at > ${nowIso}::timestamptz)::int as later,
      count(*) filter (where status = 'dead' and greatest(created_at, next_attempt_at) >= ${since}::timestamptz)::int as failed
    from deliveries`);
  const [u] = await database.rows<{ id: number; sent: number; total: number }>(sql`
    select u.id::int as id,
      (select count(*) from deliveries d where d.kind = 'update' and d.subject_id = u.id::text and d.status = 'sent')::int as sent,
      (select count(*) from deliveries d where d.kind = 'update' and d.subject_id = u.id::text and d.status <> 'cancelled')::int as total
    from updates u order by u.published_at desc, u.id desc limit 1`);
  const [q] = await database.rows<{ day: number; all: number }>(sql`
    select count(*) filter (where created_at >= ${since}::timestamptz)::int as day, count(*)::int as all from unanswered`);
  return {
    subscribers: subscribers.map((r) => ({ lang: r.lang, type: r.type, n: Number(r.n) })),
    deliveries: { sent: Number(d?.sent ?? 0), pending: Number(d?.pending ?? 0), later: Number(d?.later ?? 0), failed: Number(d?.failed ?? 0) },
    latestUpdate: u ? { id: Number(u.id), sent: Number(u.sent), total: Number(u.total) } : null,
    unanswered: { day: Number(q?.day ?? 0), all: Number(q?.all ?? 0) },
  };
}

/** `/stats`, for editors: how many follow the case, and how delivery is going. Never a list of people. */
export function statsFeature() {
  const c = new Composer<BotContext>();
  c.command("stats", requireEditor(), privateOnly(), async (ctx) => {
    const s = await readStats(ctx.deps.database, ctx.deps.clock.now());
    const t = ctx.t;
    const total = s.subscribers.reduce((a, r) => a + r.n, 0);
    const lines = [t("editors.stats_header"), "", t("editors.stats_subscribers", { count: total })];
    for (const r of s.subscribers) {
      lines.push(t("editors.stats_row", { lang: r.lang ? r.lang : t("editors.stats_lang_unset"), type: t(`editors.chat_${r.type}`), n: r.n }));
    }
    lines.push("", t("editors.stats_deliveries", s.deliveries));
    if (s.latestUpdate) lines.push(t("editors.stats_update", s.latestUpdate));
    lines.push("", t("editors.stats_unanswered", s.unanswered));
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });
  return c;
}
