import type { BotContext } from "../context.js";
import { START_SUBSCRIBE } from "../../render/links.js";
import { menuKeyboard } from "../keyboards.js";
import { subscribeThisChat } from "./subscribe.js";
import { LeanComposer } from "../composer.js";

export function startFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("start", async (ctx) => {
    if (ctx.match.trim() === START_SUBSCRIBE) return subscribeThisChat(ctx);
    await ctx.reply(ctx.t("welcome"), {
      parse_mode: "HTML",
      reply_markup: menuKeyboard(ctx.deps.content.current(), ctx.lang),
    });
  });
  return c;
}
