import { purgeClosedCase } from "../db/case-end.js";
import type { Database } from "../db/client.js";
import { createSeenUpdatesRepo } from "../db/seen-updates.js";
import { createUnansweredRepo } from "../db/unanswered.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../shared/time.js";

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

export interface PurgeJob {
  /** Resolves when the run in progress, if any, has finished. */
  stop(): Promise<void>;
  runOnce(): Promise<PurgeResult | undefined>;
}

/** Runs the purge at start, then every hour; a failed run is logged and the next one tries again. */
export function startPurge(deps: { database: Database; clock: Clock; logger: Logger }, intervalMs = PURGE_INTERVAL_MS): PurgeJob {
  let running: Promise<PurgeResult | undefined> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return Promise.resolve(undefined);
    running ??= purgeExpired(deps.database, deps.clock.now())
      .then((r) => {
        if (r.unanswered || r.seenUpdates || r.caseEnd?.subscriptions || r.caseEnd?.deliveries) deps.logger.info(r, "expired rows purged");
        return r;
      })
      .catch((err: unknown) => {
        deps.logger.warn({ err }, "purge failed; will retry");
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
