import type { Context, MiddlewareFn } from "grammy";
import type { Metrics, UpdateKind } from "../../shared/metrics.js";

const KINDS = new Set<UpdateKind>(["message", "edited_message", "callback_query", "inline_query", "my_chat_member", "channel_post"]);

/** The update's kind, a command apart from other messages: never anything the person wrote. */
export function updateKind(ctx: Context): UpdateKind {
  const key = Object.keys(ctx.update).find((k) => k !== "update_id") as UpdateKind | undefined;
  if (key === "message" && ctx.message?.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return "command";
  return key && KINDS.has(key) ? key : "other";
}

/** Counts every update that reaches the bot, before anything else runs. */
export function countUpdates(metrics: Metrics): MiddlewareFn<Context> {
  return (ctx, next) => {
    metrics.update(updateKind(ctx));
    return next();
  };
}
