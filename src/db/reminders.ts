import { sql, type SQL } from "drizzle-orm";
import { query, ts, type Executor } from "./client.js";

/** A lead time as the statement needs it (case/leads.ts parses the operator's codes). */
export type LeadRow = { lead: string; days: number; mins: number; morning: string | null };

export interface EnqueueOptions {
  /** The scheduler's "now", from the injected clock: SQL's now() is never used, so tests own time. */
  now: Date;
  /**
   * Only lead moments after this are considered (the previous run, less a margin): a run then
   * costs nothing between due moments, and a downtime gap is still covered because the previous
   * run is the one before the gap. Undefined: every moment up to now.
   */
  since?: Date;
  timeZone: string;
  /** The operator's lead times (REMINDER_LEAD_TIMES); a subscription's stored leads outside it are ignored. */
  leads: readonly LeadRow[];
  /** The local hour relative leads count back from when a hearing's time is not known. */
  anchor: string;
}

/**
 * Enqueues every reminder that is due, in one set-based statement: hearings × lead times ×
 * subscriptions, never a loop over subscribers. The unique idempotency key (chat, kind, hearing,
 * hearing version, lead) makes a second run, or a run on another instance, insert nothing.
 *
 * The rules, per chat and hearing:
 * - A lead's moment: `morning@HH:MM` is HH:MM on the hearing's local date; a relative lead is that
 *   long before the local start, or before the local morning anchor when the time is unknown.
 * - Due when its moment has passed and the hearing has not begun; a moment missed while the bot
 *   was down is still sent until then, and dropped after.
 * - Only the latest due lead is sent: after a gap, one reminder rather than several at once.
 * - Only if the subscription existed at that moment (a new subscriber gets no late reminders), and
 *   not when a "hearing changed" notice for the same version went out at or after that moment.
 */
export async function insertDueReminders(ex: Executor, opts: EnqueueOptions): Promise<number> {
  if (!opts.leads.length) return 0;
  const rows = await query<{ n: number | string }>(ex, enqueueStatement(opts));
  return Number(rows[0]?.n ?? 0);
}

/** The statement itself, for EXPLAIN in benchmarks. */
export function enqueueStatement(opts: EnqueueOptions): SQL {
  const leads = opts.leads;
  const tz = opts.timeZone;
  const anchor = opts.anchor;
  const since = opts.since ? ts(opts.since) : sql`'-infinity'::timestamptz`;
  return sql`
    with leads as (
      select * from jsonb_to_recordset(${JSON.stringify(leads)}::jsonb) as l(lead text, days int, mins int, morning text)
    ),
    ready as (
      select h.id, h.version, l.lead,
        (case when l.morning is not null then h.date + l.morning::time
              else h.date + coalesce(h.time, ${anchor})::time - make_interval(days => l.days, mins => l.mins)
         end) at time zone ${tz} as due_at
      from hearings h cross join leads l
      where h.status = 'scheduled' and h.upcoming_until > ${ts(opts.now)}
    ),
    due as (
      select * from ready where due_at <= ${ts(opts.now)} and due_at > ${since}
    ),
    ins as (
      insert into deliveries (chat_ref, kind, subject_id, subject_version, lead, due_at, next_attempt_at)
      select s.chat_ref, 'reminder', x.id, x.version, x.lead, x.due_at, ${ts(opts.now)}
      from subscriptions s
      join chats c on c.ref = s.chat_ref and c.status = 'active'
      cross join lateral (
        select distinct on (r.id) r.id, r.version, r.lead, r.due_at
        from ready r
        where r.due_at <= ${ts(opts.now)} and r.lead = any(s.lead_times) and r.due_at >= s.created_at
        order by r.id, r.due_at desc
      ) x
      where s.reminders
        and exists (select 1 from due)
        and x.due_at > ${since}
        and not exists (
          select 1 from deliveries n
          where n.chat_ref = s.chat_ref and n.kind = 'hearing_changed' and n.subject_id = x.id
            and n.subject_version = x.version and n.due_at >= x.due_at)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from ins`;
}
