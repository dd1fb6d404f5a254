import { purgeClosedCase } from "../db/case-end.js";
import type { Database } from "../db/client.js";
import { createSeenUpdatesRepo } from "../db/seen-updates.js";
import { createUnansweredRepo } from "../db/unanswered.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../shared/time.js";
import { startIntervalJob, type IntervalJob } from "./interval.js";

const DAY = 24 * 60 * 60 * 1000;
/** Telegram keeps an undelivered update for 24 hours at most, so it cannot come back later than that. */
export const SEEN_UPDATES_RETENTION_MS = DAY;
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface PurgeResult {
  unanswered: number;
  seenUpdates: number;
  /** After /close_case and its grace period: the subscriptions and outbox rows deleted. */
  caseEnd?: { subscriptions: number; deliveries: number };
}

/** Deletes what has outlived its retention; safe to run anywhere, any number of times. */
export async function purgeExpired(database: Database, now: Date): Promise<PurgeResult> {
  const unanswered = await createUnansweredRepo(database.db).purge(now);
  const seenUpdates = await createSeenUpdatesRepo(database.db).purge(new Date(now.getTime() - SEEN_UPDATES_RETENTION_MS));
  const caseEnd = await database.db.transaction((tx) => purgeClosedCase(tx, now));
  return caseEnd ? { unanswered, seenUpdates, caseEnd } : { unanswered, seenUpdates };
}

export type PurgeJob = IntervalJob<PurgeResult>;

/** Runs the purge at start, then every hour; a failed run is logged and the next one tries again. */
export function startPurge(deps: { database: Database; clock: Clock; logger: Logger }, intervalMs = PURGE_INTERVAL_MS): PurgeJob {
  return startIntervalJob(
    async () => {
      const r = await purgeExpired(deps.database, deps.clock.now());
      if (r.unanswered || r.seenUpdates || r.caseEnd?.subscriptions || r.caseEnd?.deliveries) deps.logger.info(r, "expired rows purged");
      return r;
    },
    { intervalMs, logger: deps.logger, failed: "purge failed; will retry" },
  );
}
