import { autoRetry } from "@grammyjs/auto-retry";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { BotError } from "grammy";
import type { Update } from "grammy/types";
import type { App } from "../app.js";
import type { Logger } from "../logger.js";
import { isStoreUnavailable } from "../shared/unavailable.js";
import { guardProcess } from "../shutdown.js";
import { createKeeper, type Keeper } from "./keep.js";
import { commandMenus, initBot } from "./telegram.js";

/** The update types the bot handles; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member", "channel_post"] as const;

/**
 * Routes the bot's failures: one because the store was unreachable is kept (its dedupe mark let
 * go) and handled again once the store is back; any other goes to the bot's own error handler.
 */
export function keepWhileStoreIsAway(app: App, logger: Logger, opts: { retryMs?: number; limit?: number } = {}): Keeper {
  const bot = app.bot;
  const original = bot.errorHandler;
  const release = (id: number) => app.deps.seenUpdates.release(id).catch(() => undefined);
  const keeper = createKeeper({
    logger,
    ...opts,
    async handle(update: Update) {
      try {
        await bot.handleUpdate(update);
        return "done";
      } catch (err) {
        if (isStoreUnavailable(err instanceof BotError ? err.error : err)) {
          await release(update.update_id);
          return "unavailable";
        }
        if (err instanceof BotError) await original(err);
        else throw err;
        return "done";
      }
    },
  });
  bot.errorHandler = async (err) => {
    if (!isStoreUnavailable(err.error)) return original(err);
    await release(err.ctx.update.update_id);
    keeper.keep(err.ctx.update);
  };
  return keeper;
}

/** Long polling through grammY's runner; `sequentialize` in the bot keeps each chat in order. */
export async function startPolling(app: App, logger: Logger): Promise<RunnerHandle> {
  guardProcess(logger);
  // Retries on the request path stay short: the sender owns long 429 waits.
  // A network error is not retried here: auto-retry would retry it for ever, silently (start-up retries its own calls, with a deadline).
  app.bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
  await initBot(app, logger);
  await commandMenus(app, logger);
  const keeper = keepWhileStoreIsAway(app, logger);
  const handle = run(app.bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ username: app.bot.botInfo.username }, "polling for updates");
  // The runner's stop also stops retrying kept updates.
  const stop = handle.stop.bind(handle);
  handle.stop = async () => {
    await stop();
    await keeper.stop();
  };
  return handle;
}
