import { parseLeads } from "../case/leads.js";
import type { ContentStore } from "../case/content/store.js";
import type { Config } from "../config.js";
import { LOCKS, type Database } from "../db/client.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../shared/time.js";
import type { TelegramPort } from "./port.js";
import { createScheduler, type SchedulerOptions } from "./scheduler.js";
import { createSender, type Sender, type SenderOptions } from "./sender/index.js";

export interface DeliveryHandle {
  /** Stops the scheduler and the sender: in-flight sends finish, the sender's lock is released. */
  stop(): Promise<void>;
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
}

/**
 * Starts the reminder scheduler and the outbox sender. Every instance runs the scheduler; exactly
 * one runs the sender, holding the sender advisory lock (Postgres session lock: released when the
 * holder stops or its connection dies), while the others wait to take over.
 */
export function startDelivery(deps: DeliveryDeps, opts: DeliveryOptions = {}): DeliveryHandle {
  const { config, logger, clock, database } = deps;
  const leads = parseLeads(config.leadTimes);
  const scheduler = createScheduler({ database, clock, logger, timeZone: config.timeZone, leads }, opts.scheduler);
  let stopping = false;
  let sender: Sender | undefined;
  let wakeStandby: (() => void) | undefined;

  const senderLoop = (async () => {
    let botUsername: string | undefined;
    while (!stopping) {
      try {
        botUsername ??= await deps.botUsername();
        const r = await database.withTryLock(LOCKS.sender, async () => {
          if (stopping) return;
          logger.info("this instance is the sender");
          sender = createSender(
            { database, port: deps.port, i18n: deps.i18n, content: deps.content, clock, logger, timeZone: config.timeZone, botUsername: botUsername!, publicUrl: config.publicUrl },
            { rate: config.sendRate, paidBroadcast: config.paidBroadcast, ...opts.sender },
          );
          await sender.run();
          sender = undefined;
        });
        if (r.ok) continue;
      } catch (err) {
        logger.error({ err }, "sender failed; retrying");
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.standbyRetryMs ?? 5_000);
        wakeStandby = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  })();

  scheduler.start();
  return {
    wake: () => scheduler.runNow(),
    async stop() {
      stopping = true;
      wakeStandby?.();
      await Promise.all([scheduler.stop(), sender?.stop()]);
      await senderLoop.catch((err) => logger.error({ err }, "sender stopped with an error"));
    },
  };
}
