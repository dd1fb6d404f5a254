import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { menuKeyboard } from "../keyboards.js";

export function startFeature() {
  const c = new Composer<BotContext>();
  c.command("start", async (ctx) => {
    await ctx.reply(ctx.t("welcome"), {
      parse_mode: "HTML",
      reply_markup: menuKeyboard(ctx.deps.content.current(), ctx.lang),
    });
  });
  return c;
}
