import { sql } from "drizzle-orm";
import { query, ts, type Executor } from "./client.js";
import { LANGS, type Lang } from "../shared/lang.js";

/**
 * Who hears of what: the audiences of notices and updates, and the set-based statements that
 * queue them. Each reach count uses the same condition as the statement that queues, so the
 * number an editor confirms is the number queued.
 */

export type Audience = "reminders" | "updates" | "reminders_or_updates";

const wants = (a: Audience) => (a === "reminders" ? sql`s.reminders` : a === "updates" ? sql`s.updates` : sql`(s.reminders or s.updates)`);

/** Active chats with a subscription that wants this audience. */
export async function reach(ex: Executor, audience: Audience): Promise<number> {
  const [r] = await query<{ n: number | string }>(
    ex,
    sql`select count(*)::int as n from subscriptions s join chats c on c.ref = s.chat_ref and c.status = 'active' where ${wants(audience)}`,
  );
  return Number(r?.n ?? 0);
}

/** The same, by the language each chat will read in (a chat that never chose one reads English). */
export async function reachByLang(ex: Executor, audience: Audience): Promise<{ total: number; byLang: Record<Lang, number> }> {
  const rows = await query<{ lang: string; n: number | string }>(
    ex,
    sql`select coalesce(c.language, 'en') as lang, count(*)::int as n
        from subscriptions s join chats c on c.ref = s.chat_ref and c.status = 'active'
        where ${wants(audience)}
        group by 1`,
  );
  const byLang = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const r of rows) if ((LANGS as readonly string[]).includes(r.lang)) byLang[r.lang as Lang] += Number(r.n);
  return { total: LANGS.reduce((a, l) => a + byLang[l], 0), byLang };
}

/**
 * One message for every active chat of the audience, due now, in one statement; the idempotency
 * key makes a second call harmless. Returns how many rows it queued.
 */
export async function enqueueForSubscribers(
  ex: Executor,
  m: {
    audience: Audience;
    kind: "hearing_changed" | "update";
    subjectId: string;
    version: number;
    now: Date;
    payload?: Record<string, unknown>;
  },
): Promise<number> {
  const payload = m.payload ? JSON.stringify(m.payload) : null;
  const rows = await query<{ n: number | string }>(
    ex,
    sql`with ins as (
          insert into deliveries (chat_ref, kind, subject_id, subject_version, lead, due_at, next_attempt_at, payload)
          select s.chat_ref, ${m.kind}, ${m.subjectId}, ${m.version}, '', ${ts(m.now)}, ${ts(m.now)}, ${payload}::jsonb
          from subscriptions s join chats c on c.ref = s.chat_ref and c.status = 'active'
          where ${wants(m.audience)}
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * "The hearing has changed" for every chat subscribed to reminders or updates, showing `before`
 * and `after`. A notice that replaces one still pending keeps that one's "before": two quick
 * edits make one notice from what people last heard to what is true now; a "new hearing date"
 * notice not sent yet stays one, with the facts as they are now.
 */
export async function enqueueChangeNotices(
  ex: Executor,
  n: { hearingId: string; version: number; before: unknown; after: unknown; now: Date },
): Promise<number> {
  const payload = JSON.stringify({ before: n.before, after: n.after });
  const after = JSON.stringify(n.after);
  const rows = await query<{ n: number | string }>(
    ex,
    sql`with ins as (
          insert into deliveries (chat_ref, kind, subject_id, subject_version, lead, due_at, next_attempt_at, payload)
          select s.chat_ref, 'hearing_changed', ${n.hearingId}, ${n.version}, '', ${ts(n.now)}, ${ts(n.now)},
            case when p.payload is null then ${payload}::jsonb
                 when p.payload -> 'before' is null then jsonb_build_object('after', ${after}::jsonb)
                 else jsonb_build_object('before', p.payload -> 'before', 'after', ${after}::jsonb) end
          from subscriptions s
          join chats c on c.ref = s.chat_ref and c.status = 'active'
          left join lateral (
            select o.payload from deliveries o
            where o.chat_ref = s.chat_ref and o.kind = 'hearing_changed' and o.subject_id = ${n.hearingId}
              and o.subject_version < ${n.version} and o.status = 'pending' and o.payload -> 'after' is not null
            order by o.subject_version asc limit 1
          ) p on true
          where s.reminders or s.updates
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Pending reminders and notices of older versions of a hearing: they speak of what is no longer true. */
export async function cancelSuperseded(ex: Executor, hearingId: string, version: number): Promise<number> {
  const rows = await query<{ id: unknown }>(
    ex,
    sql`update deliveries set status = 'cancelled', lease_until = null,
          last_error = ${`superseded by version ${version}`}
        where subject_id = ${hearingId} and kind in ('reminder', 'hearing_changed')
          and subject_version < ${version} and status = 'pending'
        returning id`,
  );
  return rows.length;
}
