import { audit } from "../db/audit.js";
import { markCaseClosed, readCaseClosed, stopSubscriptions, writeCaseClosed, type CaseClosed } from "../db/case-end.js";
import { enqueueForSubscribers, reachByLang } from "../db/notices.js";
import { createUpdatesRepo } from "../db/updates.js";
import type { Translated } from "../shared/lang.js";
import { wallClock } from "../shared/time.js";
import type { EditorialDeps } from "./deps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who gets the last notice: every active chat subscribed to anything, by the language it reads. */
export const caseEndReach = (deps: Pick<EditorialDeps, "database">) => reachByLang(deps.database.db, "reminders_or_updates");

/** Whether (and when) the case was closed. */
export const caseClosed = (deps: Pick<EditorialDeps, "database">) => readCaseClosed(deps.database.db);

/** When subscriptions and the outbox go, closing now: the instant, and its day in the case's zone. */
export function purgeMoment(deps: Pick<EditorialDeps, "clock" | "timeZone">, graceDays: number): { at: Date; day: string } {
  const at = new Date(deps.clock.now().getTime() + graceDays * DAY_MS);
  return { at, day: wallClock(at, deps.timeZone).date };
}

export type CloseResult = { already: CaseClosed } | { closed: CaseClosed; queued: number; cancelled: number };

/**
 * Closes the case, once, in one transaction: the last notice is published as a case update
 * (so the site shows it too) and queued for every subscriber; subscriptions stop and queued
 * reminders are cancelled; the purge instant is recorded for src/jobs/purge.ts; the editor's
 * action is audited. A second close (another editor, a double tap) changes nothing.
 */
export async function closeCase(deps: EditorialDeps, c: { bodies: Translated; graceDays: number; actorId: number }): Promise<CloseResult> {
  const now = deps.clock.now();
  const purgeAt = purgeMoment(deps, c.graceDays).at;
  return deps.database.db.transaction(async (tx) => {
    const state: CaseClosed = { at: now.toISOString(), purgeAt: purgeAt.toISOString(), updateId: 0 };
    // First, so that a concurrent close waits on the key and then finds it taken.
    if (!(await markCaseClosed(tx, state, now))) return { already: (await readCaseClosed(tx))! };
    const updateId = await createUpdatesRepo(tx).insert({ body: c.bodies, sourceUrl: null, publishedAt: now, createdBy: c.actorId });
    const queued = await enqueueForSubscribers(tx, { audience: "reminders_or_updates", kind: "update", subjectId: String(updateId), version: 1, now });
    const { cancelled } = await stopSubscriptions(tx, now);
    const closed = { ...state, updateId };
    await writeCaseClosed(tx, closed, now);
    await audit(tx, { actorId: c.actorId, action: "case.close", subject: `update/${updateId}`, after: { queued, cancelled, purgeAt: closed.purgeAt }, at: now });
    return { closed, queued, cancelled };
  });
}
