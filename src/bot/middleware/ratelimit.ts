import type { MiddlewareFn } from "grammy";
import { hashId } from "../../logger.js";
import type { BotContext, BotDeps } from "../context.js";

export interface RateLimitOptions {
  /** Length of one window. */
  windowMs: number;
  /** Updates one person may send in a window; the next gets one warning, the rest silence. */
  limit: number;
}

/** A person reading menus presses a few buttons a second at most; a script sends far more. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { windowMs: 10_000, limit: 15 };

interface Window {
  start: number;
  count: number;
}

/**
 * Flood control per user, in memory (per instance; the person's updates reach one instance at a
 * time in practice). A fixed window on the injected clock: over the limit, one polite "slow down",
 * then nothing at all until the window ends, so a flood costs no API calls and nobody else waits.
 */
export function rateLimit(deps: Pick<BotDeps, "clock" | "logger" | "config">, opts: RateLimitOptions = DEFAULT_RATE_LIMIT): MiddlewareFn<BotContext> {
  const windows = new Map<number, Window>();
  let lastSweep = 0;
  return async (ctx, next) => {
    // Typing an inline query sends an update at every pause: that is reading, not flooding.
    if (ctx.inlineQuery || ctx.chosenInlineResult) return next();
    // Anonymous group admins and channels all share one bot user id: their chat is the sender.
    const userId = ctx.senderChat?.id ?? ctx.from?.id;
    if (userId === undefined) return next();
    const now = deps.clock.now().getTime();
    if (now - lastSweep >= opts.windowMs) {
      // Memory stays bounded by the people active in one window.
      for (const [id, w] of windows) if (now - w.start >= opts.windowMs) windows.delete(id);
      lastSweep = now;
    }
    let w = windows.get(userId);
    if (!w || now - w.start >= opts.windowMs) {
      w = { start: now, count: 0 };
      windows.set(userId, w);
    }
    w.count++;
    if (w.count <= opts.limit) return next();
    if (w.count > opts.limit + 1) return;
    deps.logger.info({ user: hashId(deps.config.logHashKey, userId), updateId: ctx.update.update_id }, "rate limited");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("ratelimit.slow_down") });
    else if (ctx.chat?.type === "private") await ctx.reply(ctx.t("ratelimit.slow_down"), { parse_mode: "HTML" });
  };
}
