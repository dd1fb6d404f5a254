import { eq, sql } from "drizzle-orm";
import { hearingMoved, type HearingRow, type Tx } from "../content/import.js";
import type { Db } from "../db/client.js";
import { query, type Executor } from "../db/deliveries.js";
import { hearings } from "../db/schema.js";
import type { Clock } from "../time.js";
import { zonedToUtc } from "../time.js";

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The part of a hearing a "changed" notice shows, as it was and as it is. */
export interface HearingFacts {
  date: string;
  time: string | null;
  place: HearingRow["place"];
  status: HearingRow["status"];
}

export interface HearingChangedPayload {
  [key: string]: unknown;
  before: HearingFacts;
  after: HearingFacts;
}

export const facts = (h: HearingFacts): HearingFacts => ({ date: h.date, time: h.time ?? null, place: h.place, status: h.status });

/** When a hearing stops counting as ahead: its start, or the end of its local day when no time is known. */
export function hearingBegins(h: Pick<HearingRow, "date" | "time">, timeZone: string): Date {
  if (h.time) return zonedToUtc(h.date, h.time, timeZone);
  const next = new Date(Date.parse(`${h.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return zonedToUtc(next, null, timeZone);
}

/**
 * What follows a hearing's change (its version already bumped by the caller, in `ex`'s
 * transaction): every chat subscribed to reminders or updates gets one "the hearing has changed"
 * notice showing old and new, pending reminders and notices of older versions are cancelled, and
 * the scheduler enqueues reminders of the new version on its next run.
 *
 * A notice that replaces one still pending keeps that one's "before": two quick edits make one
 * notice from what people last heard to what is true now. No notice for a change to a hearing that
 * was and stays in the past (e.g. marking it held): that is news for an update, not a reminder.
 */
export async function notifyHearingChange(
  ex: Executor,
  before: HearingRow,
  after: HearingRow,
  opts: { now: Date; timeZone: string },
): Promise<{ notices: number; cancelled: number }> {
  if (after.version <= before.version) return { notices: 0, cancelled: 0 };
  const now = opts.now;
  const ahead = hearingBegins(before, opts.timeZone) > now || hearingBegins(after, opts.timeZone) > now;
  let notices = 0;
  if (ahead) {
    const payload: HearingChangedPayload = { before: facts(before), after: facts(after) };
    const rows = await query<{ n: number | string }>(
      ex,
      sql`with ins as (
            insert into deliveries (chat_id, kind, subject_id, subject_version, lead, due_at, next_attempt_at, payload)
            select s.chat_id, 'hearing_changed', ${after.id}, ${after.version}, '', ${ts(now)}, ${ts(now)},
              case when p.payload is null then ${JSON.stringify(payload)}::jsonb
                   -- a "new hearing date" notice not sent yet stays one, with the facts as they are now
                   when p.payload -> 'before' is null then jsonb_build_object('after', ${JSON.stringify(payload.after)}::jsonb)
                   else jsonb_build_object('before', p.payload -> 'before', 'after', ${JSON.stringify(payload.after)}::jsonb) end
            from subscriptions s
            join chats c on c.id = s.chat_id and c.status = 'active'
            left join lateral (
              select o.payload from deliveries o
              where o.chat_id = s.chat_id and o.kind = 'hearing_changed' and o.subject_id = ${after.id}
                and o.subject_version < ${after.version} and o.status = 'pending' and o.payload -> 'after' is not null
              order by o.subject_version asc limit 1
            ) p on true
            where s.reminders or s.updates
            on conflict do nothing
            returning 1)
          select count(*)::int as n from ins`,
    );
    notices = Number(rows[0]?.n ?? 0);
  }
  const cancelled = await query<{ id: unknown }>(
    ex,
    sql`update deliveries set status = 'cancelled', lease_until = null,
          last_error = ${`superseded by version ${after.version}`}
        where subject_id = ${after.id} and kind in ('reminder', 'hearing_changed')
          and subject_version < ${after.version} and status = 'pending'
        returning id`,
  );
  return { notices, cancelled: cancelled.length };
}


export type HearingPatch = Partial<Pick<HearingRow, "date" | "time" | "place" | "status" | "title" | "outcome" | "sourceIds">>;

/**
 * Changes one hearing and, when its date, time, place or status moved, bumps its version and
 * notifies subscribers: all in one transaction. The entry point for editors' tools.
 */
export async function changeHearing(
  db: Db,
  id: string,
  patch: HearingPatch,
  opts: {
    clock: Clock;
    timeZone: string;
    /** Runs in the change's transaction, after it (the editor's audit row); throwing rolls the change back. */
    within?: (tx: Tx, before: HearingRow, after: HearingRow, notices: number) => Promise<void>;
  },
): Promise<{ hearing: HearingRow; moved: boolean; notices: number } | undefined> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(hearings).where(eq(hearings.id, id)).for("update");
    if (!before) return undefined;
    const next = { ...before, ...patch };
    const moved = hearingMoved(before, next);
    const [after] = await tx
      .update(hearings)
      .set({
        ...patch,
        startsAt: zonedToUtc(next.date, next.time, opts.timeZone),
        version: moved ? before.version + 1 : before.version,
        updatedAt: opts.clock.now(),
      })
      .where(eq(hearings.id, id))
      .returning();
    if (!after) return undefined;
    const r = moved ? await notifyHearingChange(tx, before, after, { now: opts.clock.now(), timeZone: opts.timeZone }) : { notices: 0 };
    await opts.within?.(tx, before, after, r.notices);
    return { hearing: after, moved, notices: r.notices };
  });
}
