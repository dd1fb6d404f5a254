import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";

/** A database or a transaction: everything here runs in either. */
export type Executor = Pick<Db, "execute">;

export type DeliveryKind = "reminder" | "hearing_changed" | "update";
export type DeliveryStatus = "pending" | "sending" | "sent" | "dead" | "cancelled";

/** What the sender needs about one claimed row, with the chat's state read in the same statement. */
export interface ClaimedDelivery {
  id: number;
  chatId: number;
  kind: DeliveryKind;
  subjectId: string;
  subjectVersion: number;
  lead: string;
  dueAt: Date;
  attempts: number;
  payload: Record<string, unknown> | null;
  lang: "en" | "kk" | "ru" | null;
  chatType: "private" | "group" | "supergroup" | "channel";
  chatStatus: "active" | "blocked" | "left";
}

/** How one row ended up after a send attempt; written back in batches. */
export interface Outcome {
  id: number;
  status: DeliveryStatus;
  messageId?: number;
  /** For a retry: when to try again. */
  nextAttemptAt?: Date;
  error?: string;
  /** A row handed back unsent (stop, long wait): its claim does not count as an attempt. */
  undoAttempt?: boolean;
}

/** postgres.js returns an array, PGlite an object with rows: one shape for callers. */
export async function query<T>(ex: Executor, q: SQL): Promise<T[]> {
  const r = (await ex.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** One text parameter holding an array: the statement's text never depends on the batch's size. */
const bigintArray = (ids: readonly number[]) => sql`${`{${ids.map((n) => Math.trunc(n)).join(",")}}`}::bigint[]`;

interface RawClaim {
  id: string | number;
  chat_id: string | number;
  kind: DeliveryKind;
  subject_id: string;
  subject_version: number;
  lead: string;
  due_ms: number | string;
  attempts: number;
  payload: Record<string, unknown> | string | null;
  language: ClaimedDelivery["lang"];
  type: ClaimedDelivery["chatType"];
  chat_status: ClaimedDelivery["chatStatus"];
}

export function createDeliveriesRepo(db: Executor) {
  return {
    /**
     * Rows whose lease ended (their sender died) go back to the queue, then a batch is claimed:
     * `FOR UPDATE SKIP LOCKED` so concurrent claimers never take the same row, and a lease so a
     * crashed claimer's rows come back. Claiming counts as an attempt.
     */
    async claim(opts: { now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
      const lease = new Date(opts.now.getTime() + opts.leaseMs);
      await db.execute(sql`
        update deliveries set status = 'pending', lease_until = null
        where status = 'sending' and next_attempt_at <= ${ts(opts.now)}`);
      const rows = await query<RawClaim>(
        db,
        sql`
        with picked as (
          select id from deliveries
          where status = 'pending' and next_attempt_at <= ${ts(opts.now)}
          order by next_attempt_at
          limit ${opts.limit}
          for update skip locked
        )
        update deliveries d
        set status = 'sending', attempts = d.attempts + 1, lease_until = ${ts(lease)}, next_attempt_at = ${ts(lease)}
        from picked, chats c
        where d.id = picked.id and c.id = d.chat_id
        returning d.id, d.chat_id, d.kind, d.subject_id, d.subject_version, d.lead,
          (extract(epoch from d.due_at) * 1000)::float8 as due_ms, d.attempts, d.payload,
          c.language, c.type, c.status as chat_status`,
      );
      return rows
        .map((r) => ({
          id: Number(r.id),
          chatId: Number(r.chat_id),
          kind: r.kind,
          subjectId: r.subject_id,
          subjectVersion: Number(r.subject_version),
          lead: r.lead,
          dueAt: new Date(Number(r.due_ms)),
          attempts: Number(r.attempts),
          payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
          lang: r.language,
          chatType: r.type,
          chatStatus: r.chat_status,
        }))
        .sort((a, b) => a.id - b.id);
    },

    /** Keeps rows the sender still holds in memory from returning to the queue. */
    async extendLeases(ids: readonly number[], now: Date, leaseMs: number): Promise<void> {
      if (!ids.length) return;
      const lease = new Date(now.getTime() + leaseMs);
      await db.execute(sql`
        update deliveries set lease_until = ${ts(lease)}, next_attempt_at = ${ts(lease)}
        where id = any(${bigintArray(ids)}) and status = 'sending'`);
    },

    /** Writes many outcomes in one statement: the sender never waits on one row at a time. */
    async finish(outcomes: readonly Outcome[], now: Date): Promise<void> {
      if (!outcomes.length) return;
      const json = JSON.stringify(
        outcomes.map((o) => ({
          id: o.id,
          status: o.status,
          mid: o.messageId ?? null,
          next: o.nextAttemptAt ? o.nextAttemptAt.toISOString() : null,
          error: o.error?.slice(0, 500) ?? null,
          undo: o.undoAttempt ?? false,
        })),
      );
      await db.execute(sql`
        update deliveries d set
          status = v.status,
          telegram_message_id = coalesce(v.mid, d.telegram_message_id),
          sent_at = case when v.status = 'sent' then ${ts(now)} else d.sent_at end,
          next_attempt_at = coalesce(v.next, d.next_attempt_at),
          lease_until = null,
          last_error = case when v.status = 'sent' then null else coalesce(v.error, d.last_error) end,
          attempts = case when v.undo then greatest(d.attempts - 1, 0) else d.attempts end
        from jsonb_to_recordset(${json}::jsonb) as v(id bigint, status text, mid bigint, next timestamptz, error text, undo boolean)
        where d.id = v.id`);
    },

    /** A chat that can no longer receive: its queued rows are dropped, never retried. */
    async dropChat(chatId: number, reason: string): Promise<number> {
      const rows = await query<{ id: unknown }>(
        db,
        sql`update deliveries set status = 'cancelled', lease_until = null, last_error = ${reason}
            where chat_id = ${chatId} and status in ('pending', 'sending') returning id`,
      );
      return rows.length;
    },

    async counts(): Promise<Record<DeliveryStatus, number>> {
      const rows = await query<{ status: DeliveryStatus; n: number | string }>(
        db,
        sql`select status, count(*)::int as n from deliveries group by status`,
      );
      const out: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0, cancelled: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    /**
     * Finished rows older than `before`, except reminders of hearings still ahead: their rows are
     * what keeps a reminder from being enqueued again.
     */
    async purge(before: Date, now: Date): Promise<number> {
      const rows = await query<{ id: unknown }>(
        db,
        sql`delete from deliveries d
            where d.status in ('sent', 'cancelled', 'dead') and d.created_at < ${ts(before)}
              and not exists (select 1 from hearings h where d.kind <> 'update' and h.id = d.subject_id and h.starts_at > ${ts(now)} - interval '1 day')
            returning d.id`,
      );
      return rows.length;
    },
  };
}

export type DeliveriesRepo = ReturnType<typeof createDeliveriesRepo>;

/**
 * One message for every active chat that wants this kind of news, due now, in one statement;
 * the idempotency key makes a second call harmless. Returns how many rows it queued.
 */
export async function enqueueForSubscribers(
  ex: Executor,
  m: {
    audience: "reminders" | "updates";
    kind: "hearing_changed" | "update";
    subjectId: string;
    version: number;
    now: Date;
    payload?: Record<string, unknown>;
  },
): Promise<number> {
  const wants = m.audience === "reminders" ? sql`s.reminders` : sql`s.updates`;
  const payload = m.payload ? JSON.stringify(m.payload) : null;
  const rows = await query<{ n: number | string }>(
    ex,
    sql`with ins as (
          insert into deliveries (chat_id, kind, subject_id, subject_version, lead, due_at, next_attempt_at, payload)
          select s.chat_id, ${m.kind}, ${m.subjectId}, ${m.version}, '', ${ts(m.now)}, ${ts(m.now)}, ${payload}::jsonb
          from subscriptions s join chats c on c.id = s.chat_id and c.status = 'active'
          where ${wants}
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Published updates go to every active chat subscribed to updates, in one statement. */
export function enqueueUpdate(ex: Executor, updateId: number, now: Date): Promise<number> {
  return enqueueForSubscribers(ex, { audience: "updates", kind: "update", subjectId: String(updateId), version: 1, now });
}
