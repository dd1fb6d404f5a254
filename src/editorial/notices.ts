import type { HearingChangeHook } from "../case/content/import.js";
import { changeIsNews, facts, isUpcoming, type Hearing } from "../case/hearings.js";
import type { Executor } from "../db/client.js";
import { cancelSuperseded, enqueueChangeNotices, enqueueForSubscribers } from "../db/notices.js";
import type { Clock } from "../shared/time.js";

interface At {
  now: Date;
  timeZone: string;
}

/**
 * What follows a hearing's change (its version already bumped by the caller, in `ex`'s
 * transaction): every chat subscribed to reminders or updates gets one "the hearing has changed"
 * notice showing old and new, pending reminders and notices of older versions are cancelled, and
 * the scheduler enqueues reminders of the new version on its next run. No notice for a change to
 * a hearing that was and stays in the past (marking it held): that is news for an update.
 */
export async function notifyHearingChange(ex: Executor, before: Hearing, after: Hearing, at: At): Promise<{ notices: number; cancelled: number }> {
  if (after.version <= before.version) return { notices: 0, cancelled: 0 };
  const notices = changeIsNews(before, after, at.now, at.timeZone)
    ? await enqueueChangeNotices(ex, { hearingId: after.id, version: after.version, before: facts(before), after: facts(after), now: at.now })
    : 0;
  const cancelled = await cancelSuperseded(ex, after.id, after.version);
  return { notices, cancelled };
}

/**
 * "A hearing date is set": subscribing with no date promises "you will be told as soon as one
 * is", so a hearing added ahead of time is announced to every chat with reminders on. It is a
 * `hearing_changed` row with no "before" in its payload, so everything that holds for change
 * notices holds for it: one per chat and version, cancelled and folded into the next notice if
 * the hearing changes before it went, and a reminder whose moment had already passed when it
 * went is covered by it (the scheduler). Call it in the transaction that inserts the hearing.
 */
export async function notifyNewHearing(ex: Executor, h: Hearing, at: At): Promise<number> {
  if (!isUpcoming(h, at.now, at.timeZone)) return 0;
  return enqueueForSubscribers(ex, {
    audience: "reminders",
    kind: "hearing_changed",
    subjectId: h.id,
    version: h.version,
    now: at.now,
    payload: { after: facts(h) },
  });
}

/**
 * What a content import does for a hearing it adds or moves, inside its transaction: the same
 * notices the editors' tools send, so a file and a phone reach subscribers alike.
 */
export function hearingChangeHook(opts: { clock: Clock; timeZone: string }): HearingChangeHook {
  return async (tx, before, after) => {
    const at = { now: opts.clock.now(), timeZone: opts.timeZone };
    if (before) await notifyHearingChange(tx, before, after, at);
    else await notifyNewHearing(tx, after, at);
  };
}
