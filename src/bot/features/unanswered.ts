import { recentUnanswered } from "../../editorial/reports.js";
import { unansweredText } from "../../render/editorial.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/**
 * `/unanswered`, for editors: the latest questions the bot had no answer for, the same question
 * asked again counted once, so they can add a paraphrase (/add_paraphrase) or a topic.
 */
export function unansweredFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("unanswered", requireEditor(), privateOnly(), async (ctx) => {
    const rows = await recentUnanswered(ctx.deps.database);
    if (!rows.length) return ctx.reply(ctx.t("editors.unanswered_empty"));
    await ctx.reply(unansweredText(ctx.t, rows, ctx.deps.config.timeZone), { parse_mode: "HTML" });
  });
  return c;
}
