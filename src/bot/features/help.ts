import { Composer } from "grammy";
import type { BotContext } from "../context.js";

export function helpFeature() {
  const c = new Composer<BotContext>();
  c.command("help", (ctx) => ctx.reply(ctx.t("help", { bot: ctx.me.username }), { parse_mode: "HTML" }));
  return c;
}
