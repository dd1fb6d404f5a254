import { Composer } from "grammy";
import { sourceItems } from "../../render/sources.js";
import type { BotContext } from "../context.js";

export function sourcesFeature() {
  const c = new Composer<BotContext>();
  c.command("sources", async (ctx) => {
    const lines = sourceItems(ctx.t, ctx.deps.content.current(), ctx.lang);
    await ctx.reply([ctx.t("sources_header"), ...lines].join("\n"), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return c;
}
