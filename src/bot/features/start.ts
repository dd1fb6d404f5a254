import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { menuKeyboard } from "../keyboards.js";
import { subscribeThisChat } from "./subscribe.js";

/** The payload of `https://t.me/<bot>?start=subscribe`, the link under forwarded cards and messages. */
export const START_SUBSCRIBE = "subscribe";

export function startFeature() {
  const c = new Composer<BotContext>();
  c.command("start", async (ctx) => {
    if (ctx.match.trim() === START_SUBSCRIBE) return subscribeThisChat(ctx);
    await ctx.reply(ctx.t("welcome"), {
      parse_mode: "HTML",
      reply_markup: menuKeyboard(ctx.deps.content.current(), ctx.lang),
    });
  });
  return c;
}
