import type { MiddlewareFn } from "grammy";
import { seenUpdates } from "../../db/schema.js";
import type { BotContext, BotDeps } from "../context.js";

/**
 * Telegram redelivers a webhook update it got no answer for in time, possibly to another instance
 * while the first is still working on it. Claiming the update id before any work makes the
 * second delivery a no-op wherever it lands. A claimed update that then fails is not retried:
 * the error boundary has already told the person.
 */
export function dedupe(deps: Pick<BotDeps, "database" | "clock" | "logger">): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!Number.isSafeInteger(updateId)) {
      deps.logger.warn("update without a valid update_id ignored");
      return;
    }
    const claimed = await deps.database.db
      .insert(seenUpdates)
      .values({ updateId, seenAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ updateId: seenUpdates.updateId });
    if (claimed.length === 0) {
      deps.logger.info({ updateId }, "repeated update skipped");
      return;
    }
    await next();
  };
}
