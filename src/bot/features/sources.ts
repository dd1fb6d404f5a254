import { Composer } from "grammy";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";

export function sourcesFeature() {
  const c = new Composer<BotContext>();
  c.command("sources", async (ctx) => {
    const snap = ctx.deps.content.current();
    const lines = snap.sources.map((s) => {
      const title = s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title[ctx.lang])}</a>` : escapeHtml(s.title[ctx.lang]);
      return ctx.t("source_item", { publisher: s.publisher, title: "\u0000", published: s.published }).replace("\u0000", title);
    });
    await ctx.reply([ctx.t("sources_header"), ...lines].join("\n"), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return c;
}
