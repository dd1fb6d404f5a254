import type { MiddlewareFn } from "grammy";
import type { BotContext, BotDeps } from "../context.js";

/**
 * Telegram redelivers a webhook update it got no answer for in time, possibly to another instance
 * while the first is still working on it. Claiming the update id before any work makes the
 * second delivery a no-op wherever it lands. A claimed update that then fails is not retried:
 * the error boundary has already told the person.
 */
export function dedupe(deps: Pick<BotDeps, "seenUpdates" | "clock" | "logger">): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!Number.isSafeInteger(updateId)) {
      deps.logger.warn("update without a valid update_id ignored");
      return;
    }
    if (!(await deps.seenUpdates.claim(updateId, deps.clock.now()))) {
      deps.logger.info({ updateId }, "repeated update skipped");
      return;
    }
    await next();
  };
}
