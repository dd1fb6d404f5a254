import { stats } from "../../editorial/reports.js";
import { statsText } from "../../render/editorial.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/** `/stats`, for editors: how many follow the case, and how delivery is going. Never a list of people. */
export function statsFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("stats", requireEditor(), privateOnly(), async (ctx) => {
    await ctx.reply(statsText(ctx.t, await stats(ctx.deps.database, ctx.deps.clock.now())), { parse_mode: "HTML" });
  });
  return c;
}
