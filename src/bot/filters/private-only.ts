import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/** Editor tools show case data and unanswered questions: never in a group, where others read along. */
export function privateOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === "private") return next();
    await ctx.reply(ctx.t("editors.private_only"));
  };
}
