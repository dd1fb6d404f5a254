import { sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { ASYNC_COMMIT, query, ts, type Executor } from "./client.js";

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
  const count = async (q: SQL) => Number((await query<{ n: number | string }>(ex, q))[0]?.n ?? 0);
  // In a caller's transaction a failed statement would abort it: there, the arbitrated insert at once.
  if (ex instanceof PgTransaction) return count(enqueueStatement(opts, { arbitrated: true }));
  try {
    return await count(enqueueStatement(opts));
  } catch (err) {
    // Another run (the scheduler's lock makes it rare) wrote some of the same rows meanwhile.
    if (!isUniqueViolation(err)) throw err;
    return count(enqueueStatement(opts, { arbitrated: true }));
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The statement itself. What it wants is computed in full before the first row is written (a
 * materialized CTE, sorted), so its look-ups in the outbox never scan the rows it is writing: with
 * an outbox the planner believed empty (vacuumed after a purge), the old single pass looped over
 * its own growing output for every row, 80 s for 100k instead of 2 s. Rows already queued are left
 * out by that same look-up rather than by `on conflict do nothing`, whose speculative insertion
 * was a quarter of the statement's CPU (issue 13, docs/delivery.md). `arbitrated` adds it back,
 * for a run that raced another or that runs inside a caller's transaction. On its own, it commits
 * without waiting for the disk (ASYNC_COMMIT): a reminder lost in a crash is derived again by the
 * next run, because the run's instant (scheduler:last_run) is written after it, synchronously,
 * which flushes this statement's WAL first; and a claim of its rows flushes it too.
 */
export function enqueueStatement(opts: EnqueueOptions, mode: { arbitrated?: boolean } = {}): SQL {
  const leads = opts.leads;
  const tz = opts.timeZone;
  const anchor = opts.anchor;
  const since = opts.since ? ts(opts.since) : sql`'-infinity'::timestamptz`;
  return sql`
    ${mode.arbitrated ? sql`with` : sql`${ASYNC_COMMIT},`} leads as (
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
    wanted as materialized (
      select s.chat_ref, x.id, x.version, x.lead, x.due_at
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
        -- One look-up (the idempotency key's prefix) for both: this reminder already queued, or a
        -- "hearing changed" notice for this version at or after the lead's moment.
        and not exists (
          select 1 from deliveries n
          where n.chat_ref = s.chat_ref and n.subject_id = x.id and n.subject_version = x.version
            and ((n.kind = 'reminder' and n.lead = x.lead) or (n.kind = 'hearing_changed' and n.due_at >= x.due_at)))
    ),
    ins as (
      insert into deliveries (chat_ref, kind, subject_id, subject_version, lead, due_at, next_attempt_at)
      select w.chat_ref, 'reminder', w.id, w.version, w.lead, w.due_at, ${ts(opts.now)}
      from wanted w
      order by w.chat_ref
      ${mode.arbitrated ? sql`on conflict do nothing` : sql``}
      returning 1
    )
    select count(*)::int as n from ins${mode.arbitrated ? sql`` : sql`, async_commit`}`;
}
