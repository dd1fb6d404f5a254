import type { IncomingMessage, ServerResponse } from "node:http";
import { BotError, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { CaseBot } from "../bot/index.js";
import type { Logger } from "../logger.js";

export interface WebhookOptions {
  /** Compared with X-Telegram-Bot-Api-Secret-Token by grammY, in constant time: 401 otherwise. */
  secretToken: string;
  /**
   * Telegram gets its answer by then even if the update is still being handled (it goes on in the
   * background and stays counted for shutdown), so a slow API never makes Telegram redeliver.
   */
  timeoutMs?: number;
  /** Updates are a few kilobytes; anything far larger is not from Telegram. */
  maxBodyBytes?: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

export interface WebhookHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Updates being handled now, including those whose HTTP answer was already sent. */
  inflight(): number;
  /** Resolves when every update taken so far has been handled. */
  drain(): Promise<void>;
}

/** grammY's webhookCallback on Node's http, with every update it starts counted until done. */
export function createWebhookHandler(bot: CaseBot, logger: Logger, opts: WebhookOptions): WebhookHandler {
  const inflight = new Set<Promise<void>>();
  // webhookCallback needs only these of a bot; handleUpdate is wrapped to count what is in flight
  // and to settle every failure here, as the polling runner does: through bot.catch, then a 200.
  // A 5xx would make Telegram resend the same update again and again, holding up the rest behind
  // it, and a rejection after the deadline would have no one left to catch it.
  const counted = {
    isRunning: () => bot.isRunning(),
    init: () => bot.init(),
    handleUpdate(update: Update, envelope?: Parameters<CaseBot["handleUpdate"]>[1]) {
      const task = bot.handleUpdate(update, envelope).catch(async (err: unknown) => {
        try {
          if (err instanceof BotError) await bot.errorHandler(err);
          else logger.error({ err, updateId: update.update_id }, "update failed");
        } catch (e) {
          logger.error({ err: e, updateId: update.update_id }, "error handler failed");
        }
      });
      inflight.add(task);
      void task.then(() => inflight.delete(task));
      return task;
    },
  };
  const callback = webhookCallback(counted as unknown as CaseBot, "http", {
    secretToken: opts.secretToken,
    timeoutMilliseconds: opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    onTimeout: () => logger.warn("update still in progress at the webhook deadline; answered Telegram anyway"),
  });
  const maxBody = opts.maxBodyBytes ?? 1_000_000;

  return {
    async handle(req, res) {
      if (Number(req.headers["content-length"] ?? 0) > maxBody) {
        res.writeHead(413, { connection: "close" }).end();
        return;
      }
      try {
        await callback(req, res);
      } catch (err) {
        // Unparsable JSON is the sender's fault; anything else (getMe failing) is ours: Telegram retries.
        const status = err instanceof SyntaxError ? 400 : 500;
        logger.warn({ err, status }, "webhook request failed");
        if (!res.headersSent) res.writeHead(status).end();
      }
    },
    inflight: () => inflight.size,
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
