/**
 * The start-up steps that reach Telegram: getMe, the command menus and setWebhook, each with
 * start-up's deadline, retried while the network may come back, and ended with a message naming
 * the Bot API that could not be reached. A token Telegram refuses is bad input, not a network
 * problem: it stops start-up at once, naming BOT_TOKEN.
 */
import { GrammyError, HttpError } from "grammy";
import type { App } from "../app.js";
import { setCommandMenus } from "../bot/commands.js";
import { ConfigError } from "../config.js";
import type { Logger } from "../logger.js";
import { isNetworkError, StartupError, startupStep } from "../shared/startup.js";

const PUBLIC_API = "https://api.telegram.org";

/** grammY types a signal with its own shim of AbortSignal: the same object at run time. */
export type GrammySignal = Parameters<App["bot"]["init"]>[0];

/** "the Telegram Bot API at https://api.telegram.org", without the token. */
export const botApiTarget = (app: App) => `the Telegram Bot API at ${app.deps.config.apiRoot ?? PUBLIC_API}`;

/** A dropped connection, a name not resolved yet, Telegram's own 5xx or flood wait: worth another try. */
function retryable(err: unknown): boolean {
  if (err instanceof GrammyError) return err.error_code >= 500 || err.error_code === 429;
  return err instanceof HttpError || isNetworkError(err);
}

function refusedToken(err: unknown): ConfigError | undefined {
  if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
    return new ConfigError([`BOT_TOKEN was refused by Telegram (${err.error_code}: ${err.description}): check the token @BotFather gave`]);
  }
  return undefined;
}

/** Runs one call to Telegram as a start-up step. */
export async function telegramStep<T>(app: App, logger: Logger, step: string, doing: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await startupStep({ step, doing, target: botApiTarget(app), timeoutMs: app.deps.config.startupTimeoutMs, logger, retryable }, call);
  } catch (err) {
    throw refusedToken(err) ?? (err instanceof StartupError || !(err instanceof Error) ? err : new StartupError(step, `${botApiTarget(app)} answered ${step} with an error: ${err.message}`));
  }
}

/**
 * getMe: who the bot is, before it takes any update. Called here rather than through `bot.init`,
 * which retries a network error for ever and says nothing.
 */
export async function initBot(app: App, logger: Logger): Promise<void> {
  if (app.bot.isInited()) return;
  app.bot.botInfo = await telegramStep(app, logger, "getMe", `asking ${botApiTarget(app)} who the bot is (getMe)`, (signal) => app.bot.api.getMe(signal as GrammySignal));
}

/** The localized command menus: a failure or a timeout is logged, never fatal (the menus stay as they were). */
export async function commandMenus(app: App, logger: Logger): Promise<void> {
  try {
    await telegramStep(app, logger, "setMyCommands", "setting the command menus", (signal) => setCommandMenus(app.bot.api, app.deps, signal));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, "command menus not set; they stay as they were");
  }
}
