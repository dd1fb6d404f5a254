import { Api } from "grammy";
import type { App } from "../app.js";
import { LOCKS } from "../db/client.js";
import { parseLeads } from "./leads.js";
import { createScheduler, type SchedulerOptions } from "./scheduler.js";
import { createSender, type Sender, type SenderOptions } from "./sender.js";

export interface DeliveryHandle {
  /** Stops the scheduler and the sender: in-flight sends finish, the sender's lock is released. */
  stop(): Promise<void>;
}

export interface DeliveryOptions {
  scheduler?: SchedulerOptions;
  sender?: Partial<SenderOptions>;
  /** How often a standby instance tries to become the sender. */
  standbyRetryMs?: number;
  /** A Bot API client for the sender; default: one of its own, without auto-retry (the sender owns 429s). */
  api?: Api;
}

/**
 * Starts the reminder scheduler and the outbox sender for a bot with a token (polling or webhook).
 * Every instance runs the scheduler; exactly one runs the sender, holding the sender advisory lock
 * (Postgres session lock: released when the holder stops or its connection dies), while the others
 * wait to take over.
 */
export function startDelivery(app: App, opts: DeliveryOptions = {}): DeliveryHandle {
  const { config, logger, clock, database } = app.deps;
  if (!config.botToken) throw new Error("startDelivery needs BOT_TOKEN: the local chat has no outbox to send");
  const leads = parseLeads(config.leadTimes);
  const scheduler = createScheduler({ database, clock, logger, timeZone: config.timeZone, leads }, opts.scheduler);
  const api = opts.api ?? new Api(config.botToken, { apiRoot: config.apiRoot, timeoutSeconds: 30 });
  let stopping = false;
  let sender: Sender | undefined;
  let wakeStandby: (() => void) | undefined;

  async function username(): Promise<string> {
    if (app.bot.isInited()) return app.bot.botInfo.username;
    return (await api.getMe()).username;
  }

  const senderLoop = (async () => {
    let botUsername: string | undefined;
    while (!stopping) {
      try {
        botUsername ??= await username();
        const r = await database.withTryLock(LOCKS.sender, async () => {
          if (stopping) return;
          logger.info("this instance is the sender");
          sender = createSender(
            { database, api, i18n: app.deps.i18n, content: app.deps.content, clock, logger, timeZone: config.timeZone, botUsername: botUsername! },
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
    async stop() {
      stopping = true;
      wakeStandby?.();
      await Promise.all([scheduler.stop(), sender?.stop()]);
      await senderLoop.catch((err) => logger.error({ err }, "sender stopped with an error"));
    },
  };
}

export { changeHearing, notifyHearingChange } from "./reschedule.js";
export { hearingChangeHook } from "./import-hook.js";
export { enqueueUpdate } from "../db/deliveries.js";
export { notifyNewHearing, publishUpdate } from "./updates.js";
