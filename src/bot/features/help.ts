import { Composer } from "grammy";
import type { BotContext } from "../context.js";

export function helpFeature() {
  const c = new Composer<BotContext>();
  c.command("help", (ctx) => ctx.reply(ctx.t("help"), { parse_mode: "HTML" }));
  return c;
}
