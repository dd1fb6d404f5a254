import { anchorTime, leadRows, type Lead } from "../case/leads.js";
import { LOCKS, type Database } from "../db/client.js";
import { analyzeDeliveries, createDeliveriesRepo } from "../db/deliveries.js";
import { createKvStore } from "../db/kv.js";
import { insertDueReminders } from "../db/reminders.js";
import type { Executor } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../shared/time.js";

const LAST_RUN_KEY = "scheduler:last_run";
/** An enqueue this large refreshes the outbox's planner statistics. */
const ANALYZE_AFTER = 10_000;

/**
 * Enqueues every reminder due at `now` (and since `since`) for the operator's lead times: one
 * set-based statement (db/reminders.ts holds it and its rules), idempotent.
 */
export function enqueueDueReminders(ex: Executor, opts: { now: Date; since?: Date; timeZone: string; leads: readonly Lead[] }): Promise<number> {
  return insertDueReminders(ex, { now: opts.now, since: opts.since, timeZone: opts.timeZone, leads: leadRows(opts.leads), anchor: anchorTime(opts.leads) });
}

export interface SchedulerOptions {
  /** How often due reminders are enqueued: 15 s, well inside the 30 s the issue allows. */
  intervalMs?: number;
  /** Lead moments this long before the previous run are looked at again, for clock skew between instances. */
  overlapMs?: number;
  /** Finished outbox rows are kept this long (for /stats and diagnosis), then purged. */
  keepMs?: number;
}

/**
 * Enqueues due reminders on a timer. Any instance may run it (a run is idempotent); a try-lock
 * only spares the others the work. The previous run's time is kept in the database, so the first
 * run after a downtime looks back over the whole gap.
 */
export function createScheduler(
  deps: { database: Database; clock: Clock; logger: Logger; timeZone: string; leads: readonly Lead[] },
  opts: SchedulerOptions = {},
) {
  const intervalMs = opts.intervalMs ?? 15_000;
  const overlapMs = opts.overlapMs ?? 2 * intervalMs;
  const keepMs = opts.keepMs ?? 30 * 86_400_000;
  const db = deps.database.db;
  const kv = createKvStore(db);
  let lastPurge = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = false;

  /** One run: enqueue what is due since the previous run, then remember this one. Returns rows enqueued. */
  async function tick(): Promise<number> {
    const now = deps.clock.now();
    const prev = await kv.instant(LAST_RUN_KEY);
    const since = prev ? new Date(Math.min(prev.getTime(), now.getTime()) - overlapMs) : undefined;
    const n = await enqueueDueReminders(db, { now, since, timeZone: deps.timeZone, leads: deps.leads });
    await kv.advanceInstant(LAST_RUN_KEY, now);
    // Autovacuum would notice a large enqueue only later: the sender's claims need the new counts now.
    if (n >= ANALYZE_AFTER) await analyzeDeliveries(db);
    if (n) deps.logger.info({ enqueued: n }, "reminders enqueued");
    if (now.getTime() - lastPurge > 3_600_000) {
      lastPurge = now.getTime();
      const purged = await createDeliveriesRepo(db).purge(new Date(now.getTime() - keepMs), now);
      if (purged) deps.logger.info({ purged }, "old deliveries purged");
    }
    return n;
  }

  async function guarded(): Promise<void> {
    try {
      await deps.database.withTryLock(LOCKS.scheduler, tick);
    } catch (err) {
      deps.logger.error({ err }, "scheduler run failed");
    }
  }

  return {
    tick,
    /** Runs once now, after any run in flight: the local chat's clock moved and what it made due should not wait for the timer. */
    async runNow(): Promise<void> {
      await current;
      if (!stopped) await guarded();
    },
    start(): void {
      const loop = () => {
        if (stopped) return;
        current = guarded().finally(() => {
          if (!stopped) timer = setTimeout(loop, intervalMs);
        });
      };
      loop();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

