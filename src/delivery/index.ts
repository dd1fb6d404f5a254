import { parseLeads } from "../case/leads.js";
import type { ContentStore } from "../case/content/store.js";
import type { Config } from "../config.js";
import { LOCKS, type Database } from "../db/client.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../shared/time.js";
import type { TelegramPort } from "./port.js";
import { graceMs, watchLease, type FenceOptions, type LeaseWatch } from "./lease.js";
import { createScheduler, type SchedulerOptions } from "./scheduler.js";
import { createSender, type Sender, type SenderOptions } from "./sender/index.js";

export interface DeliveryHandle {
  /** Stops the scheduler and the sender: in-flight sends finish, the sender's lock is released. */
  stop(): Promise<void>;
  /** For /readyz and the tests: whether this instance holds the sender's lock, is sending, and when it last confirmed the lock. */
  status(): { holder: boolean; sending: boolean; lastTickAt?: number };
  /** Enqueues what is due now without waiting for the scheduler's timer (the local chat's clock moved). */
  wake(): Promise<void>;
}

export interface DeliveryDeps {
  config: Pick<Config, "leadTimes" | "timeZone" | "sendRate" | "paidBroadcast" | "publicUrl">;
  database: Database;
  content: ContentStore;
  i18n: I18n;
  logger: Logger;
  clock: Clock;
  /** How the sender reaches Telegram: its own client, without auto-retry (the sender owns 429s). */
  port: TelegramPort;
  /** The bot's @username, for the footer under every message (asked of Telegram once). */
  botUsername: () => Promise<string>;
}

export interface DeliveryOptions {
  scheduler?: SchedulerOptions;
  sender?: Partial<SenderOptions>;
  /** How often a standby instance tries to become the sender. */
  standbyRetryMs?: number;
  /** How the holder confirms its lock, and how soon it stops sending when it cannot (docs/hardening.md). */
  fence?: FenceOptions;
}

/**
 * Starts the reminder scheduler and the outbox sender. Every instance runs the scheduler; exactly
 * one runs the sender, holding the sender advisory lock (a Postgres session lock on a connection of
 * its own), while the others wait to take over. The holder confirms the lock every tick; when it
 * cannot (its connection died with a Postgres restart or a terminated backend, and the lock with
 * it) it stops sending within the fence and tries to take the lock again. A new holder waits one
 * fence before sending, so the one before it has stopped: never two senders at once.
 */
export function startDelivery(deps: DeliveryDeps, opts: DeliveryOptions = {}): DeliveryHandle {
  const { config, logger, clock, database } = deps;
  const leads = parseLeads(config.leadTimes);
  const scheduler = createScheduler({ database, clock, logger, timeZone: config.timeZone, leads }, opts.scheduler);
  const fence = opts.fence ?? {};
  let stopping = false;
  let sender: Sender | undefined;
  let watch: LeaseWatch | undefined;
  /** Ends the current pause early (stop()); not the handle's wake(), which runs the scheduler now. */
  let endPause: (() => void) | undefined;
  /** Waits `ms`, or less when stop() is called. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      endPause = () => {
        clearTimeout(t);
        resolve();
      };
    });

  /** Holds the lease until the sender stops or the lock is lost; true when it was lost. */
  async function holdAndSend(lease: NonNullable<Awaited<ReturnType<Database["tryLease"]>>>, botUsername: string): Promise<boolean> {
    const w = (watch = watchLease(lease, fence));
    try {
      await Promise.race([pause(graceMs(fence)), w.lost]);
      if (stopping || w.isLost()) return w.isLost();
      logger.info("this instance is the sender");
      const s = (sender = createSender(
        { database, port: deps.port, i18n: deps.i18n, content: deps.content, clock, logger, timeZone: config.timeZone, botUsername, publicUrl: config.publicUrl },
        { rate: config.sendRate, paidBroadcast: config.paidBroadcast, ...opts.sender },
      ));
      const running = s.run();
      await Promise.race([running, w.lost]);
      if (w.isLost()) {
        logger.warn("the sender's lock was lost (its database connection went): sending stopped until the lock is held again");
        await s.stop();
      }
      await running;
      return w.isLost();
    } finally {
      w.stop();
      watch = sender = undefined;
      await lease.release().catch(() => {});
    }
  }

  const senderLoop = (async () => {
    let botUsername: string | undefined;
    while (!stopping) {
      let retryNow = false;
      try {
        botUsername ??= await deps.botUsername();
        const lease = await database.tryLease(LOCKS.sender);
        if (lease) retryNow = !(await holdAndSend(lease, botUsername)) && !stopping;
      } catch (err) {
        logger.error({ err }, "sender failed; retrying");
      }
      if (!retryNow && !stopping) await pause(opts.standbyRetryMs ?? 5_000);
    }
  })();

  scheduler.start();
  return {
    wake: () => scheduler.runNow(),
    async stop() {
      stopping = true;
      endPause?.();
      await Promise.all([scheduler.stop(), sender?.stop()]);
      await senderLoop.catch((err) => logger.error({ err }, "sender stopped with an error"));
    },
    status: () => ({ holder: watch !== undefined && !watch.isLost(), sending: sender !== undefined && !watch?.isLost(), lastTickAt: watch?.lastConfirmedAt() }),
  };
}
