import { Composer } from "grammy";
import type { Lang } from "../../shared/lang.js";
import { cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { languageKeyboard, menuKeyboard } from "../keyboards.js";

export function languageFeature() {
  const c = new Composer<BotContext>();
  c.command("language", async (ctx) => {
    await ctx.reply(ctx.t("language_prompt"), { reply_markup: languageKeyboard() });
  });
  c.callbackQuery(cbPattern.language, async (ctx) => {
    const lang = ctx.match[1] as Lang;
    if (!ctx.chat) return ctx.answerCallbackQuery();
    await ctx.deps.chats.setLanguage(ctx.chat.id, ctx.chat.type, lang, ctx.deps.clock.now());
    ctx.lang = lang;
    ctx.t = ctx.deps.i18n.t(lang);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language_set"), { reply_markup: menuKeyboard(ctx.deps.content.current(), lang) });
  });
  return c;
}
