import { sourcesList } from "../../render/sources.js";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

export function sourcesFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("sources", async (ctx) => {
    await ctx.reply(sourcesList(ctx.t, ctx.deps.content.current(), ctx.lang), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return c;
}
