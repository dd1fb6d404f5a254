import { sql } from "drizzle-orm";
import { query, ts, type Executor } from "./client.js";
import { openId } from "./refs.js";
import type { ChatStatus, ChatType, DeliveryKind, DeliveryStatus, KazakhScript } from "./schema.js";
import type { Lang } from "../shared/lang.js";

/** What the sender needs about one claimed row, with the chat's state read in the same statement. */
export interface ClaimedDelivery {
  id: number;
  /** The chat's Telegram id, opened from `chats.sealed` as the row is claimed: the table holds only its ref. */
  chatId: number;
  kind: DeliveryKind;
  subjectId: string;
  subjectVersion: number;
  lead: string;
  dueAt: Date;
  attempts: number;
  payload: Record<string, unknown> | null;
  lang: Lang | null;
  /** The script the chat reads Kazakh in (null: Cyrillic). */
  kkScript?: KazakhScript | null;
  chatType: ChatType;
  chatStatus: ChatStatus;
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

/** One text parameter holding an array: the statement's text never depends on the batch's size. */
const bigintArray = (ids: readonly number[]) => sql`${`{${ids.map((n) => Math.trunc(n)).join(",")}}`}::bigint[]`;

interface RawClaim {
  id: string | number;
  chat_sealed: string;
  kind: DeliveryKind;
  subject_id: string;
  subject_version: number;
  lead: string;
  due_ms: number | string;
  attempts: number;
  payload: Record<string, unknown> | string | null;
  language: ClaimedDelivery["lang"];
  kk_script: KazakhScript | null;
  type: ClaimedDelivery["chatType"];
  chat_status: ClaimedDelivery["chatStatus"];
}

/** Fresh planner statistics for the outbox, after an enqueue of many rows. */
export async function analyzeDeliveries(db: Executor): Promise<void> {
  await db.execute(sql`analyze deliveries`);
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
        where d.id = picked.id and c.ref = d.chat_ref
        returning d.id, c.sealed as chat_sealed, d.kind, d.subject_id, d.subject_version, d.lead,
          (extract(epoch from d.due_at) * 1000)::float8 as due_ms, d.attempts, d.payload,
          c.language, c.kk_script, c.type, c.status as chat_status`,
      );
      return rows
        .map((r) => ({
          id: Number(r.id),
          chatId: openId(db, r.chat_sealed),
          kind: r.kind,
          subjectId: r.subject_id,
          subjectVersion: Number(r.subject_version),
          lead: r.lead,
          dueAt: new Date(Number(r.due_ms)),
          attempts: Number(r.attempts),
          payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
          lang: r.language,
          kkScript: r.kk_script,
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

    /**
     * Finished rows older than `before`, except reminders of hearings still ahead: their rows are
     * what keeps a reminder from being enqueued again.
     */
    async purge(before: Date, now: Date): Promise<number> {
      const rows = await query<{ id: unknown }>(
        db,
        sql`delete from deliveries d
            where d.status in ('sent', 'cancelled', 'dead') and d.created_at < ${ts(before)}
              and not exists (select 1 from hearings h where d.kind <> 'update' and h.id = d.subject_id and h.upcoming_until > ${ts(now)})
            returning d.id`,
      );
      return rows.length;
    },
  };
}

