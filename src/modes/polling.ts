import { autoRetry } from "@grammyjs/auto-retry";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { App } from "../app.js";
import type { Logger } from "../logger.js";
import { commandMenus, initBot } from "./telegram.js";

/** The update types the bot handles; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member", "channel_post"] as const;

/** Long polling through grammY's runner; `sequentialize` in the bot keeps each chat in order. */
export async function startPolling(app: App, logger: Logger): Promise<RunnerHandle> {
  // Retries on the request path stay short: the sender owns long 429 waits.
  // A network error is not retried here: auto-retry would retry it for ever, silently (start-up retries its own calls, with a deadline).
  app.bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
  await initBot(app, logger);
  await commandMenus(app, logger);
  const handle = run(app.bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ username: app.bot.botInfo.username }, "polling for updates");
  return handle;
}
