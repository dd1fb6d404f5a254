import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BotError } from "grammy";
import type { Update } from "grammy/types";
import type { CaseBot } from "../bot/index.js";
import type { Logger } from "../logger.js";
import { isStoreUnavailable } from "../shared/unavailable.js";
import { BodyTooLarge, readBody, refuseAndClose } from "./body.js";

export interface WebhookOptions {
  /** Compared with X-Telegram-Bot-Api-Secret-Token in constant time: 401 otherwise. */
  secretToken: string;
  /**
   * Telegram gets its answer by then even if the update is still being handled (it goes on in the
   * background and stays counted for shutdown), so a slow API never makes Telegram redeliver.
   */
  timeoutMs?: number;
  /** Updates are a few kilobytes; anything far larger is not from Telegram. */
  maxBodyBytes?: number;
  /**
   * Lets go of the update's dedupe mark when it failed because the store was unreachable, so the
   * redelivery that the 503 asks for is handled rather than skipped as a repeat.
   */
  release?: (updateId: number) => Promise<void>;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export interface WebhookHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Updates being handled now, including those whose HTTP answer was already sent. */
  inflight(): number;
  /** Resolves when every update taken so far has been handled. */
  drain(): Promise<void>;
}

type Outcome = { ok: true } | { ok: false; err: unknown };

const digest = (s: string) => createHash("sha256").update(s).digest();

/** An update object with a usable id: anything else (null, 42, "x", [], {}) is not from Telegram. */
function isUpdate(body: unknown): body is Update {
  return !!body && typeof body === "object" && !Array.isArray(body) && Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

const refuse = (res: ServerResponse, status: number) => refuseAndClose(res, status);

/**
 * The Telegram webhook on Node's http. Every failure is settled here: an update that fails because
 * the store is unreachable gets a 503 (Telegram sends it again; docs/hardening.md), any other
 * failure goes through bot.catch and a 200, since a 5xx would make Telegram resend an update that
 * will fail the same way, holding up the rest behind it.
 */
export function createWebhookHandler(bot: CaseBot, logger: Logger, opts: WebhookOptions): WebhookHandler {
  const inflight = new Set<Promise<Outcome>>();
  const secret = digest(opts.secretToken);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;

  async function settle(err: unknown, update: Update): Promise<void> {
    try {
      if (err instanceof BotError) await bot.errorHandler(err);
      else logger.error({ err, updateId: update.update_id }, "update failed");
    } catch (e) {
      logger.error({ err: e, updateId: update.update_id }, "error handler failed");
    }
  }

  function start(update: Update): Promise<Outcome> {
    const task = bot.handleUpdate(update).then(
      (): Outcome => ({ ok: true }),
      (err: unknown): Outcome => ({ ok: false, err }),
    );
    inflight.add(task);
    void task.then(() => inflight.delete(task));
    return task;
  }

  return {
    async handle(req, res) {
      const given = req.headers["x-telegram-bot-api-secret-token"];
      if (typeof given !== "string" || !timingSafeEqual(digest(given), secret)) return refuse(res, 401);
      let update: unknown;
      try {
        update = JSON.parse((await readBody(req, maxBody)).toString("utf8"));
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          logger.warn({ limit: maxBody }, "webhook body over the limit refused");
          return refuse(res, 413);
        }
        logger.warn({ err, status: 400 }, "webhook body is not JSON");
        return refuse(res, 400);
      }
      if (!isUpdate(update)) {
        logger.warn({ status: 400, shape: Array.isArray(update) ? "array" : update === null ? "null" : typeof update }, "webhook body is not an update");
        return refuse(res, 400);
      }
      if (!bot.isInited()) {
        try {
          await bot.init();
        } catch (err) {
          // getMe failing is ours, not the update's: Telegram keeps it and retries.
          logger.warn({ err, status: 500 }, "bot not initialised; update left to Telegram");
          return refuse(res, 500);
        }
      }
      const task = start(update);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
      const first = await Promise.race([task, deadline]);
      clearTimeout(timer);
      if (first === "late") {
        logger.warn({ updateId: update.update_id }, "update still in progress at the webhook deadline; answered Telegram anyway");
        res.writeHead(200).end();
        void task.then((o) => (o.ok ? undefined : settle(o.err, update)));
        return;
      }
      if (first.ok) return void res.writeHead(200).end();
      const cause = first.err instanceof BotError ? first.err.error : first.err;
      if (isStoreUnavailable(cause)) {
        logger.warn({ err: cause, updateId: update.update_id, status: 503 }, "store unreachable: update left to Telegram to send again");
        await opts.release?.(update.update_id).catch((e: unknown) => logger.warn({ err: e, updateId: update.update_id }, "dedupe mark not released"));
        return void res.writeHead(503, { "retry-after": "5" }).end();
      }
      await settle(first.err, update);
      res.writeHead(200).end();
    },
    inflight: () => inflight.size,
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
