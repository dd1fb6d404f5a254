import { sql } from "drizzle-orm";
import { query, ts, type Executor } from "./client.js";
import type { Lang } from "../shared/lang.js";

/**
 * The copies of a published update in the outbox, and the statements that change them after the
 * fact: a correction or a later translation edits each delivered copy in place (`update_edit`
 * rows), a retraction deletes it (`update_delete`). Each is one set-based statement, keyed on the
 * update's revision, so a second call queues nothing twice.
 */

/** Copies of an update: delivered (or in flight, so about to be) and still queued. */
export interface CopyCounts {
  delivered: number;
  queued: number;
}

/** Which chats a statement is about: all, or those reading one language (a later translation). */
const readers = (lang?: Lang) => (lang ? sql`coalesce(c.language, 'en') = ${lang}` : sql`true`);

export async function countCopies(ex: Executor, updateId: number, lang?: Lang): Promise<CopyCounts> {
  const [r] = await query<{ delivered: number | string; queued: number | string }>(
    ex,
    sql`select count(*) filter (where d.status in ('sent', 'sending') and c.status = 'active')::int as delivered,
               count(*) filter (where d.status = 'pending')::int as queued
        from deliveries d join chats c on c.ref = d.chat_ref
        where d.kind = 'update' and d.subject_id = ${String(updateId)} and ${readers(lang)}`,
  );
  return { delivered: Number(r?.delivered ?? 0), queued: Number(r?.queued ?? 0) };
}

/**
 * One edit for each delivered copy (of one language's readers, or all), for this revision. A copy
 * still in flight gets its edit due when its send's lease ends, and the edit reads the message id
 * then (delivery/edits.ts). Edits of an older revision not yet made are dropped: the new one
 * carries the latest text anyway.
 */
export async function enqueueEdits(ex: Executor, e: { updateId: number; revision: number; now: Date; lang?: Lang }): Promise<number> {
  const id = String(e.updateId);
  await ex.execute(sql`
    update deliveries d set status = 'cancelled', last_error = 'superseded by a later revision'
    from chats c
    where c.ref = d.chat_ref and d.kind = 'update_edit' and d.subject_id = ${id} and d.status = 'pending'
      and d.subject_version < ${e.revision} and ${readers(e.lang)}`);
  return insertFollowUps(ex, { kind: "update_edit", id, version: e.revision, now: e.now, lang: e.lang });
}

/** A retraction: queued copies and edits are dropped, each delivered copy gets a delete. */
export async function enqueueDeletes(ex: Executor, e: { updateId: number; revision: number; now: Date }): Promise<number> {
  const id = String(e.updateId);
  await ex.execute(sql`
    update deliveries set status = 'cancelled', last_error = 'update retracted'
    where kind in ('update', 'update_edit') and subject_id = ${id} and status = 'pending'`);
  return insertFollowUps(ex, { kind: "update_delete", id, version: e.revision, now: e.now });
}

async function insertFollowUps(ex: Executor, f: { kind: "update_edit" | "update_delete"; id: string; version: number; now: Date; lang?: Lang }): Promise<number> {
  const rows = await query<{ n: number | string }>(
    ex,
    sql`with ins as (
          insert into deliveries (chat_ref, kind, subject_id, subject_version, lead, due_at, next_attempt_at, payload)
          select d.chat_ref, ${f.kind}, d.subject_id, ${f.version}, '', ${ts(f.now)},
                 case when d.status = 'sending' then greatest(coalesce(d.lease_until, ${ts(f.now)}), ${ts(f.now)}) else ${ts(f.now)} end,
                 jsonb_build_object('messageId', d.telegram_message_id, 'copyOf', d.id)
          from deliveries d join chats c on c.ref = d.chat_ref
          where d.kind = 'update' and d.subject_id = ${f.id} and d.status in ('sent', 'sending') and c.status = 'active' and ${readers(f.lang)}
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The message id a copy got, once sent: what an edit queued while it was in flight waits for. */
export async function copyMessageId(ex: Executor, deliveryId: number): Promise<{ status: string; messageId: number | null } | undefined> {
  const [r] = await query<{ status: string; mid: number | string | null }>(ex, sql`select status, telegram_message_id as mid from deliveries where id = ${deliveryId}`);
  return r ? { status: r.status, messageId: r.mid === null ? null : Number(r.mid) } : undefined;
}

/** How the edits and deletes of one update went: done, waiting, and copies Telegram would not let the bot change. */
export async function followUpProgress(ex: Executor, updateId: number, kind: "update_edit" | "update_delete", version: number) {
  const [r] = await query<{ sent: number; pending: number; failed: number; total: number }>(
    ex,
    sql`select count(*) filter (where status = 'sent')::int as sent,
               count(*) filter (where status in ('pending', 'sending'))::int as pending,
               count(*) filter (where status in ('dead', 'cancelled'))::int as failed,
               count(*)::int as total
        from deliveries where kind = ${kind} and subject_id = ${String(updateId)} and subject_version = ${version}`,
  );
  return { sent: Number(r?.sent ?? 0), pending: Number(r?.pending ?? 0), failed: Number(r?.failed ?? 0), total: Number(r?.total ?? 0) };
}
