import { renderTimeline } from "../../render/timeline.js";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

/** `/timeline`: the case step by step, in the chat's language, with sources. */
export function timelineFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("timeline", async (ctx) => {
    for (const text of renderTimeline(ctx.deps.content.current(), ctx.lang, ctx.t)) {
      await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    }
  });
  return c;
}
