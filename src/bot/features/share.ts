import { pageUrl } from "../../render/links.js";
import { followButtons } from "../../render/notices.js";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { LeanComposer } from "../composer.js";

/**
 * `/share`, where the case has a site (PUBLIC_URL): the case page's address, previewed, to paste
 * anywhere outside Telegram; the Share button under it offers the inline cards. Without a site
 * the command is unknown, as before.
 */
export function shareFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("share", async (ctx, next) => {
    const base = ctx.deps.config.publicUrl;
    if (!base) return next();
    const url = pageUrl(base, ctx.lang, { kind: "case" });
    const name = ctx.deps.content.current().meta?.name[ctx.lang] ?? "";
    const link = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    await ctx.reply(`<b>${escapeHtml(name)}</b>\n\n${ctx.t("web.share_text", { link })}`, {
      parse_mode: "HTML",
      link_preview_options: { url, prefer_large_media: true },
      reply_markup: toKeyboard(followButtons(ctx.t, ctx.me.username)),
    });
  });
  return c;
}
