import { Composer } from "grammy";
import { sourcesList } from "../../render/sources.js";
import type { BotContext } from "../context.js";

export function sourcesFeature() {
  const c = new Composer<BotContext>();
  c.command("sources", async (ctx) => {
    await ctx.reply(sourcesList(ctx.t, ctx.deps.content.current(), ctx.lang), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return c;
}
