import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

export function helpFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("help", (ctx) => ctx.reply(ctx.t("help", { bot: ctx.me.username }), { parse_mode: "HTML" }));
  return c;
}
